package dev.spindle.threading;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The wait-for graph behind {@link Deadlocks}: which thread waits for which lock.
 *
 * <p><b>Records.</b> {@link #WAITING} maps a thread to the one {@link Waiting} record of its
 * current untimed wait: a blocked {@code acquire()} of a {@link Lock} or {@link RLock}, or a
 * {@link Condition#await()} (from the call until it returns, re-acquire included). A record is a
 * new object for every wait, so the identity of a record read twice proves the thread stayed in
 * the same wait in between. Timed waits publish nothing: a walk that reaches a thread with no
 * record ends there.
 *
 * <p><b>Walk.</b> The thread about to park publishes its record, issues a full fence, then walks:
 * lock, its owner, the owner's record, that record's lock, and so on. If the walk comes back to
 * the walker, the wait would close a cycle. Two threads closing one cycle at the same time both
 * publish, fence and read (Dekker's pattern), so at least one of them sees the whole cycle.
 *
 * <p><b>Confirmation.</b> A candidate cycle is confirmed under {@link #CONFIRM}, a global lock:
 * the walk is redone, then every record and owner is read again and compared. A thread with an
 * unchanged record was blocked throughout, and a blocked thread releases nothing, so the cycle
 * existed at one instant and lasts. The confirming thread removes its own record before it lets
 * go of the lock (policy THROW), so a second thread of the same cycle fails its confirmation:
 * exactly one thread of a cycle throws. No false positive can survive confirmation, except
 * through the documented plain-{@code Lock}-as-signal case.
 */
final class WaitForGraph {

    /** One thread's current untimed wait for {@code lock}. Identity matters: one object per wait. */
    static final class Waiting {
        final Thread thread;
        final LockSync lock;
        /** Set under {@link #CONFIRM} once a WARN-policy cycle through this wait was logged. */
        boolean reported;

        Waiting(Thread thread, LockSync lock) {
            this.thread = thread;
            this.lock = lock;
        }
    }

    /** Current untimed waits, by thread. Written by each thread for itself only. */
    static final ConcurrentHashMap<Thread, Waiting> WAITING = new ConcurrentHashMap<>();

    /** Serializes confirmations so that exactly one thread of a cycle throws. */
    private static final ReentrantLock CONFIRM = new ReentrantLock();

    private static final System.Logger LOG = System.getLogger(Deadlocks.class.getName());

    /** How many walks have run: a statistic for tests and diagnostics (slow path only). */
    private static final java.util.concurrent.atomic.LongAdder WALKS = new java.util.concurrent.atomic.LongAdder();

    private WaitForGraph() {}

    /**
     * Publishes the calling thread's wait for {@code lock} and checks for a cycle.
     *
     * @return the record to pass to {@link #afterPark}, or null when nothing was published
     * @throws DeadlockException if the wait closes a cycle and the policy is THROW; the record
     *     is then already removed
     */
    static Waiting beforePark(LockSync lock) {
        Deadlocks.Policy policy = Deadlocks.policy();
        if (policy == Deadlocks.Policy.OFF) {
            return null;
        }
        Thread me = Thread.currentThread();
        if (lock.owner == me) {
            return null;  // a plain Lock re-acquired by its holder: the binary-semaphore idiom
        }
        Waiting waiting = new Waiting(me, lock);
        WAITING.put(me, waiting);
        VarHandle.fullFence();
        WALKS.increment();
        if (walk(waiting) != null) {
            confirm(waiting, policy);
        }
        return waiting;
    }

    /** Publishes a {@link Condition} wait; no walk (a later waiter that closes a cycle walks). */
    static Waiting publish(LockSync lock) {
        if (Deadlocks.policy() == Deadlocks.Policy.OFF) {
            return null;
        }
        Waiting waiting = new Waiting(Thread.currentThread(), lock);
        WAITING.put(waiting.thread, waiting);
        return waiting;
    }

    /** Returns how many acquires have walked the graph since start-up. */
    static long walks() {
        return WALKS.sum();
    }

    /** Ends the wait {@code waiting} (null-safe). */
    static void afterPark(Waiting waiting) {
        if (waiting != null) {
            WAITING.remove(waiting.thread, waiting);
        }
    }

    /**
     * Follows the wait-for edges from {@code start}.
     *
     * @return the records of the cycle's threads, {@code start} first, when the walk comes back
     *     to {@code start}; null when it ends anywhere else
     */
    static List<Waiting> walk(Waiting start) {
        List<Waiting> path = new ArrayList<>(4);
        Waiting current = start;
        for (;;) {
            LockSync lock = current.lock;
            if (!lock.ownedForDetection()) {
                return null;
            }
            Thread owner = lock.owner;
            if (owner == null || owner == current.thread) {
                return null;   // free, or a plain Lock re-acquired by its holder
            }
            path.add(current);
            if (owner == start.thread) {
                return path;
            }
            for (Waiting seen : path) {
                if (seen.thread == owner) {
                    return null;   // a cycle that does not pass through start: not ours to report
                }
            }
            Waiting next = WAITING.get(owner);
            if (next == null) {
                return null;   // the owner runs, or waits with a timeout
            }
            current = next;
        }
    }

    private static void confirm(Waiting waiting, Deadlocks.Policy policy) {
        List<DeadlockException.Edge> cycle;
        List<Thread> others = new ArrayList<>();
        CONFIRM.lock();
        try {
            List<Waiting> path = walk(waiting);
            if (path == null || !stable(path)) {
                return;
            }
            cycle = new ArrayList<>(path.size());
            for (int i = 0; i < path.size(); i++) {
                Waiting w = path.get(i);
                Thread owner = path.get((i + 1) % path.size()).thread;
                cycle.add(new DeadlockException.Edge(w.thread, w.lock.lock, owner));
                if (i > 0) {
                    others.add(w.thread);
                }
            }
            if (policy == Deadlocks.Policy.THROW) {
                WAITING.remove(waiting.thread, waiting);
            } else {
                boolean allReported = true;
                for (Waiting w : path) {
                    allReported &= w.reported;
                    w.reported = true;
                }
                if (allReported) {
                    return;
                }
            }
        } finally {
            CONFIRM.unlock();
        }
        DeadlockException e = new DeadlockException(cycle);
        for (Thread other : others) {
            e.addSuppressed(new ThreadStack(other));
        }
        if (policy == Deadlocks.Policy.THROW) {
            throw e;
        }
        LOG.log(System.Logger.Level.WARNING, e.getMessage() + " (policy WARN: waiting anyway)", e);
    }

    /**
     * True when every record of {@code path} is still current and every lock still has the owner
     * the walk saw, read as records, owners, records: the cycle then held at one instant.
     */
    private static boolean stable(List<Waiting> path) {
        int n = path.size();
        for (Waiting w : path) {
            if (WAITING.get(w.thread) != w) {
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            LockSync lock = path.get(i).lock;
            if (lock.owner != path.get((i + 1) % n).thread || !lock.ownedForDetection()) {
                return false;
            }
        }
        for (Waiting w : path) {
            if (WAITING.get(w.thread) != w) {
                return false;
            }
        }
        return true;
    }

    /** Another participant's stack, attached to a {@link DeadlockException} as suppressed. */
    static final class ThreadStack extends Throwable {
        private static final long serialVersionUID = 1L;

        ThreadStack(Thread thread) {
            super("stack of thread \"" + thread.getName() + "\" (part of the cycle)", null, false, true);
            setStackTrace(thread.getStackTrace());
        }
    }
}
