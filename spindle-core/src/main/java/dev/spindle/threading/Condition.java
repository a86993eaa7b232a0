package dev.spindle.threading;

import dev.spindle.internal.Timeouts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A condition variable, Python's {@code threading.Condition}: threads wait on it, holding its
 * lock, until another thread holding the lock notifies them.
 *
 * <p>A condition is bound to a lock: an {@link RLock} of its own by default (COND-01), or the
 * {@link Lock} or {@code RLock} given to the constructor (COND-02). {@link #acquire()},
 * {@link #release()} and {@link #hold()} act on that lock. {@link #await()} releases the lock
 * completely (all of an {@code RLock}'s holds), waits until notified, then re-acquires it and
 * restores the hold count, always, also on timeout or interrupt (COND-13). Python's
 * {@code notify(n)} and {@code notify_all()} are spelled {@link #signal(int)} and
 * {@link #signalAll()}, since {@code Object} makes {@code notify} final.
 *
 * <p><b>Order and counting.</b> Waiters are woken in FIFO order. {@code signal(n)} wakes exactly
 * {@code min(n, waiters)} threads, each of whose {@code await} then returns true; a waiter whose
 * timeout ends at the same moment either is counted as woken (and returns true) or is not
 * counted at all. There are no spurious wake-ups (COND-08). Woken threads run once the notifier
 * has released the lock (COND-05).
 *
 * <p>It also implements {@link java.util.concurrent.locks.Condition}, with the JDK's meaning for
 * {@code awaitNanos}, {@code await(long, TimeUnit)}, {@code awaitUntil} and
 * {@code awaitUninterruptibly}.
 *
 * <p><b>Deadlock detection.</b> From the call to {@code await} until it returns, the thread counts
 * as waiting for the condition's lock (it needs it back before it can release anything else), so
 * a thread that blocks on a lock the waiter holds, while holding the condition's lock, gets a
 * {@link DeadlockException}; see {@link Deadlocks}.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * Condition ready = new Condition();
 * // consumer
 * try (Held held = ready.hold()) {
 *     ready.waitFor(() -> !items.isEmpty());
 *     process(items.remove());
 * }
 * // producer
 * try (Held held = ready.hold()) {
 *     items.add(item);
 *     ready.signal();
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to calling {@code signal} or
 * {@code signalAll} while holding the lock happen-before actions following the return of an
 * {@code await} that the call woke, since both are ordered by the lock.
 */
public class Condition implements java.util.concurrent.locks.Condition {

    /*
     * State: a FIFO of Waiter nodes, guarded by the monitor of `waiters` (never held while
     * blocking). A node goes WAITING -> SIGNALLED (by a notifier) or WAITING -> CANCELLED (by its
     * own thread on timeout or interrupt), by CAS, so every signal is counted exactly once:
     * signal(n) only counts nodes it moved to SIGNALLED, and a waiter whose CAS to CANCELLED
     * fails knows it was signalled. Python's own Condition can lose a notify to a waiter that
     * times out at the same moment; this one cannot.
     */

    private static final int WAITING = 0;
    private static final int SIGNALLED = 1;
    private static final int CANCELLED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        volatile int state;
    }

    private final java.util.concurrent.locks.Lock lock;
    private final LockSync sync;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Held held;

    /** Creates a condition over a new {@link RLock} of its own (COND-01, RLOCK-09). */
    public Condition() {
        this(new RLock());
    }

    /**
     * Creates a condition over a plain {@link Lock}. As in Python, {@code await} and
     * {@code signal} then only check that the lock is locked, by any thread.
     *
     * @throws NullPointerException if {@code lock} is null
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.sync = lock.sync();
        this.held = lock::release;
    }

    /**
     * Creates a condition over an {@link RLock}; {@code await} and {@code signal} require that
     * the calling thread hold it.
     *
     * @throws NullPointerException if {@code lock} is null
     */
    public Condition(RLock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.sync = lock.sync();
        this.held = lock::release;
    }

    /** Returns the lock this condition is bound to: a {@link Lock} or an {@link RLock}. */
    public java.util.concurrent.locks.Lock lock() {
        return lock;
    }

    /** Acquires the condition's lock; see {@link RLock#acquire()}. */
    public void acquire() throws InterruptedException {
        lock.lockInterruptibly();
    }

    /** Acquires the condition's lock if it is free (or, for an {@code RLock}, held by this thread). */
    public boolean tryAcquire() {
        return lock.tryLock();
    }

    /**
     * Waits at most {@code timeout} for the condition's lock.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return lock instanceof RLock r ? r.tryAcquire(timeout) : ((Lock) lock).tryAcquire(timeout);
    }

    /** Releases the condition's lock (one hold of an {@code RLock}). */
    public void release() {
        lock.unlock();
    }

    /** Acquires the condition's lock and returns a {@link Held} that releases it. */
    public Held hold() throws InterruptedException {
        acquire();
        return held;
    }

    /**
     * Releases the lock, waits until signalled, then re-acquires it (Python's {@code wait()}).
     *
     * @throws IllegalMonitorStateException if the lock is not held (COND-03)
     * @throws InterruptedException if interrupted while waiting; the lock is held again first
     */
    @Override
    public void await() throws InterruptedException {
        awaitNanos(true, false, 0L);
    }

    /**
     * Waits at most {@code timeout}; a timeout {@code <= 0} does not wait (COND-09) but still
     * releases and re-acquires the lock.
     *
     * @return true if signalled, false if the timeout elapsed first (Python's {@code wait(t)})
     * @throws IllegalMonitorStateException if the lock is not held
     * @throws InterruptedException if interrupted while waiting; the lock is held again first
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return awaitNanos(true, true, Timeouts.pollTimeout(timeout)) > 0;
    }

    /**
     * Waits until {@code predicate} is true, checking it first and after every wake-up
     * (COND-10, COND-12).
     *
     * @return true
     */
    public boolean waitFor(BooleanSupplier predicate) throws InterruptedException {
        Objects.requireNonNull(predicate, "predicate");
        while (!predicate.getAsBoolean()) {
            await();
        }
        return true;
    }

    /**
     * Waits until {@code predicate} is true or {@code timeout} has elapsed, with one overall
     * deadline that wake-ups do not restart (COND-11).
     *
     * @return the predicate's last value
     */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(predicate, "predicate");
        long deadline = Timeouts.deadline(Timeouts.pollTimeout(timeout));
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long remaining = Timeouts.remaining(deadline);
            if (remaining <= 0) {
                break;
            }
            awaitNanos(true, true, remaining);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes the first waiter, if any (Python's {@code notify()}).
     *
     * @throws IllegalMonitorStateException if the lock is not held (COND-04)
     */
    @Override
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters, oldest first (Python's {@code notify(n)}); with fewer
     * waiters it wakes those there are (COND-07).
     *
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws IllegalMonitorStateException if the lock is not held (COND-04)
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("'n' must be >= 0: " + n);
        }
        if (!sync.heldForCondition()) {
            throw new IllegalMonitorStateException("cannot notify on un-acquired lock: " + lock);
        }
        int woken = 0;
        while (woken < n) {
            Waiter w;
            synchronized (waiters) {
                w = waiters.pollFirst();
            }
            if (w == null) {
                return;
            }
            if (STATE.compareAndSet(w, WAITING, SIGNALLED)) {
                LockSupport.unpark(w.thread);
                woken++;
            }
        }
    }

    /** Wakes every waiter (Python's {@code notify_all()}, COND-06). */
    @Override
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /** JDK: waits, ignoring interrupts, and re-asserts the interrupt status on return. */
    @Override
    public void awaitUninterruptibly() {
        try {
            awaitNanos(false, false, 0L);
        } catch (InterruptedException e) {
            throw new AssertionError("uninterruptible await was interrupted", e);
        }
    }

    /** JDK: waits at most {@code nanosTimeout}; returns an estimate of the time left, {@code <= 0} on timeout. */
    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long deadline = Timeouts.deadline(Math.max(0L, nanosTimeout));
        boolean signalled = awaitNanos(true, true, Math.max(0L, nanosTimeout)) > 0;
        long left = Timeouts.remaining(deadline);
        return signalled ? Math.max(left, 1L) : Math.min(left, 0L);
    }

    /** JDK: waits at most the given time; true if signalled. */
    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return awaitNanos(true, true, Math.max(0L, unit.toNanos(time))) > 0;
    }

    /** JDK: waits until the deadline; true if signalled before it. */
    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return awaitNanos(true, true, Math.max(0L, TimeUnit.MILLISECONDS.toNanos(millis))) > 0;
    }

    /**
     * The one wait: enqueue, publish the wait edge, release completely, park, cancel or accept
     * the signal, re-acquire with the saved hold count, clear the edge.
     *
     * @return 1 if signalled, 0 if timed out
     */
    private long awaitNanos(boolean interruptible, boolean timed, long nanos) throws InterruptedException {
        if (!sync.heldForCondition()) {
            throw new IllegalMonitorStateException("cannot wait on un-acquired lock: " + lock);
        }
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        Waiter node = new Waiter();
        synchronized (waiters) {
            waiters.addLast(node);
        }
        // Published while the lock is still ours: any cycle through this wait is closed by a
        // thread that blocks later, and that thread's walk sees this record.
        WaitForGraph.Waiting edge = WaitForGraph.publish(sync);
        int saved = sync.releaseForWait();
        boolean interrupted = false;
        boolean signalled;
        try {
            long deadline = timed ? Timeouts.deadline(nanos) : 0L;
            // A signal that comes within a few microseconds costs no park and unpark (see Event.SPINS).
            for (int i = 0; i < Event.SPINS && node.state == WAITING && (!timed || nanos > 0); i++) {
                Thread.onSpinWait();
            }
            for (;;) {
                if (node.state != WAITING) {
                    signalled = true;
                    break;
                }
                if (interruptible && Thread.interrupted()) {
                    interrupted = true;
                    signalled = !cancel(node);
                    break;
                }
                if (timed) {
                    long remaining = Timeouts.remaining(deadline);
                    if (remaining <= 0) {
                        signalled = !cancel(node);
                        break;
                    }
                    LockSupport.parkNanos(this, remaining);
                } else {
                    LockSupport.park(this);
                }
                if (!interruptible && Thread.interrupted()) {
                    interrupted = true;   // remembered, re-asserted below
                }
            }
        } finally {
            sync.reacquireAfterWait(saved);
            WaitForGraph.afterPark(edge);
        }
        if (interrupted) {
            if (interruptible && !signalled) {
                Thread.interrupted();   // the re-acquire may have re-asserted it
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
        }
        return signalled ? 1 : 0;
    }

    /** Moves {@code node} to CANCELLED; false if a notifier signalled it first. */
    private boolean cancel(Waiter node) {
        if (STATE.compareAndSet(node, WAITING, CANCELLED)) {
            synchronized (waiters) {
                waiters.remove(node);
            }
            return true;
        }
        return false;
    }

    /**
     * Returns the state: {@code Condition[RLock[locked by main, count=1], waiters=2]}.
     */
    @Override
    public String toString() {
        int n;
        synchronized (waiters) {
            n = waiters.size();
        }
        return "Condition[" + lock + ", waiters=" + n + "]";
    }
}
