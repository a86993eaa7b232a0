package dev.spindle.threading;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The synchronizer behind {@link Lock} and {@link RLock}: an {@link AbstractQueuedSynchronizer}
 * whose lock word is the owning {@link Thread} itself.
 *
 * <p><b>State.</b> {@code owner} is the lock word: {@code null} when free, else the thread that
 * acquired it. Acquiring is one CAS from {@code null} to the current thread, as in
 * {@code ReentrantLock}; releasing is one volatile write (or CAS) back to {@code null}, followed
 * by AQS's wake-up of the next queued thread. AQS's own {@code state} field is not used. Making
 * the owner the lock word, rather than a plain field written after the CAS as
 * {@code ReentrantLock} does, lets deadlock detection ({@link WaitForGraph}) read an exact owner
 * with one volatile read, at no cost to the uncontended path.
 *
 * <p><b>Slow path.</b> Only when the first CAS fails does {@link #acquireSlow} run: (unless
 * detection is off) the wait-for record and the cycle walk, then AQS's queue and park.
 * Everything deadlock detection costs is paid there.
 */
abstract sealed class LockSync extends AbstractQueuedSynchronizer permits LockSync.Mutex, LockSync.Reentrant {

    private static final long serialVersionUID = 1L;
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(LockSync.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** The lock word: the owning thread, or null when free. Written only by CAS or by the owner. */
    transient volatile Thread owner;

    /** The public object ({@link Lock} or {@link RLock}): what messages and cycle edges show. */
    final transient Object lock;

    /** The lock's name, given or made up ("RLock-3"). */
    final String name;

    /** True when {@link #name} was given by the user. */
    final boolean named;

    /** Per-lock state of the opt-in lock-order check; null until it is first needed. */
    transient volatile LockOrder.Node orderNode;

    LockSync(Object lock, String name) {
        this.lock = lock;
        this.named = name != null;
        this.name = name != null ? name : lock.getClass().getSimpleName() + "-" + SEQUENCE.incrementAndGet();
    }

    /** {@code "RLock 'accounts'"} for a named lock, {@code "RLock-3"} for an unnamed one. */
    final String label() {
        return named ? lock.getClass().getSimpleName() + " '" + name + "'" : name;
    }

    final boolean casOwner(Thread expected, Thread value) {
        return OWNER.compareAndSet(this, expected, value);
    }

    /** True when the lock is held by any thread. */
    final boolean isLocked() {
        return owner != null;
    }

    /** Acquires if the lock is free (or, for a reentrant lock, held by the caller): the fast path. */
    @Override
    protected abstract boolean tryAcquire(int acquires);

    @Override
    protected abstract boolean tryRelease(int releases);

    /**
     * True when a blocked acquirer of this lock may be part of a deadlock through its owner: a
     * plain {@link Lock} released by a thread other than its holder is a signal, not a mutex,
     * and ends every walk from then on.
     */
    abstract boolean ownedForDetection();

    /** True when the calling thread may wait on a {@link Condition} over this lock. */
    abstract boolean heldForCondition();

    /** Releases the lock completely for a {@link Condition} wait; returns what to restore. */
    abstract int releaseForWait();

    /**
     * Acquires after the fast path failed: publishes the wait for deadlock detection (which may
     * throw {@link DeadlockException}), then queues and parks through AQS. There is no spin
     * first: measured with two threads on one lock (ContendedCounterBenchmark), spinning before
     * the queue made each acquire 5 to 8 times slower than parking at once, since the spinner
     * steals the lock word's cache line from the owner. (A short timed wait before publishing,
     * to spare brief waits the detection work, was tried too; on this 2-core machine its effect
     * was lost in the benchmark's run-to-run noise, so the simpler form stays.)
     */
    final void acquireSlow(boolean interruptibly) throws InterruptedException {
        WaitForGraph.Waiting waiting = WaitForGraph.beforePark(this);
        try {
            if (interruptibly) {
                acquireInterruptibly(1);
            } else {
                acquire(1);
            }
        } finally {
            WaitForGraph.afterPark(waiting);
        }
    }

    /** Re-acquires after a {@link Condition} wait, uninterruptibly, restoring {@code saved}. */
    final void reacquireAfterWait(int saved) {
        acquire(saved);
    }

    /** A plain {@link Lock}: not reentrant, and any thread may release it (LOCK-11, LOCK-12). */
    static final class Mutex extends LockSync {
        private static final long serialVersionUID = 1L;

        /** Set, for good, the first time a thread other than the holder releases the lock. */
        private transient volatile boolean signal;

        Mutex(Object lock, String name) {
            super(lock, name);
        }

        @Override
        protected boolean tryAcquire(int ignored) {
            return owner == null && casOwner(null, Thread.currentThread());
        }

        @Override
        protected boolean tryRelease(int ignored) {
            Thread o = owner;
            if (o != null && o != Thread.currentThread() && !signal) {
                signal = true;   // released by another thread: a signal from now on
            }
            // One atomic swap: of two racing releases, exactly one sees the owner.
            if (OWNER.getAndSet(this, (Thread) null) == null) {
                throw new IllegalMonitorStateException("cannot release un-acquired lock: " + lock);
            }
            return true;
        }

        @Override
        protected boolean isHeldExclusively() {
            return owner != null;
        }

        @Override
        boolean ownedForDetection() {
            return !signal;
        }

        /** Python's {@code Condition(Lock())} only checks that the lock is locked, by anyone. */
        @Override
        boolean heldForCondition() {
            return owner != null;
        }

        @Override
        int releaseForWait() {
            release(1);
            return 1;
        }
    }

    /** An {@link RLock}: reentrant, released only by its owner (RLOCK-02, RLOCK-04). */
    static final class Reentrant extends LockSync {
        private static final long serialVersionUID = 1L;

        /** Recursion count; written only by the owner, read racily by toString(). */
        transient int holds;

        Reentrant(Object lock, String name) {
            super(lock, name);
        }

        @Override
        protected boolean tryAcquire(int acquires) {
            Thread current = Thread.currentThread();
            Thread o = owner;
            if (o == null) {
                if (casOwner(null, current)) {
                    holds = acquires;
                    return true;
                }
            } else if (o == current) {
                int h = holds + acquires;
                if (h < 0) {
                    throw new Error("Maximum lock count exceeded: " + lock);
                }
                holds = h;
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int releases) {
            if (owner != Thread.currentThread()) {
                throw new IllegalMonitorStateException("cannot release un-acquired lock: " + lock);
            }
            int h = holds - releases;
            holds = h;
            if (h == 0) {
                owner = null;   // volatile write: orders with AQS's check of its queue
                return true;
            }
            return false;
        }

        @Override
        protected boolean isHeldExclusively() {
            return owner == Thread.currentThread();
        }

        @Override
        boolean ownedForDetection() {
            return true;
        }

        @Override
        boolean heldForCondition() {
            return owner == Thread.currentThread();
        }

        @Override
        int releaseForWait() {
            int saved = holds;
            release(saved);
            return saved;
        }
    }
}
