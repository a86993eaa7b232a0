package dev.spindle.threading;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A reentrant lock, Python's {@code threading.RLock}: the thread that holds it may acquire it
 * again, and must release it once per acquire; only that thread may release it.
 *
 * <p>Spindle's mutex. It behaves as {@link java.util.concurrent.locks.ReentrantLock} (nonfair)
 * does and implements {@link java.util.concurrent.locks.Lock}, with Python's names beside the
 * JDK's: {@link #acquire()}, {@link #tryAcquire()}, {@link #tryAcquire(Duration)},
 * {@link #release()}, {@link #hold()}, {@link #isLocked()}, {@link #isHeldByCurrentThread()}
 * (Python's {@code _is_owned}) and {@link #holdCount()} (Python's {@code _recursion_count}).
 *
 * <p><b>Deadlock detection.</b> A blocking {@code acquire()} or {@code lock()} that would close a
 * cycle of threads, each waiting for a lock the next one holds, throws {@link DeadlockException}
 * in the thread whose wait closes the cycle, without acquiring; see {@link Deadlocks}. The
 * uncontended path is a single CAS, as in {@code ReentrantLock}: detection runs only when an
 * acquire is about to park.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * RLock accounts = new RLock("accounts");
 * try (Held held = accounts.hold()) {
 *     if (balance >= amount) {
 *         balance -= amount;
 *     }
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to the final {@code release()}
 * happen-before actions following a subsequent successful acquire in another thread.
 *
 * <p>Unlike {@link Lock}, {@code RLock} may be subclassed (RLOCK-01).
 */
public class RLock implements java.util.concurrent.locks.Lock {

    private final LockSync.Reentrant sync;
    private final Held held = this::release;

    /** Creates an unlocked reentrant lock with a made-up name ("RLock-1"). */
    public RLock() {
        this.sync = new LockSync.Reentrant(this, null);
    }

    /**
     * Creates an unlocked reentrant lock called {@code name}, which deadlock reports and
     * {@link #toString()} show.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public RLock(String name) {
        this.sync = new LockSync.Reentrant(this, Objects.requireNonNull(name, "name"));
    }

    /**
     * Acquires the lock, blocking while another thread holds it; a thread that holds it already
     * only counts one more hold (RLOCK-02).
     *
     * @throws InterruptedException if interrupted while waiting; the lock is then not acquired
     * @throws DeadlockException if the wait would close a cycle of waiting threads
     */
    public final void acquire() throws InterruptedException {
        if (LockOrder.ENABLED) {
            LockOrder.beforeAcquire(sync);
        }
        if (!sync.tryAcquire(1)) {
            sync.acquireSlow(true);
        }
        if (LockOrder.ENABLED) {
            LockOrder.acquired(sync);
        }
    }

    /**
     * Acquires the lock if it is free or already held by this thread, without waiting.
     *
     * @return true if this call acquired it
     */
    public final boolean tryAcquire() {
        if (sync.tryAcquire(1)) {
            if (LockOrder.ENABLED) {
                LockOrder.acquired(sync);
            }
            return true;
        }
        return false;
    }

    /**
     * Waits at most {@code timeout} for the lock. Timed acquires never throw
     * {@link DeadlockException}.
     *
     * @return true if acquired, false if the timeout elapsed first
     * @throws IllegalArgumentException if {@code timeout} is negative (LOCK-08)
     * @throws InterruptedException if interrupted while waiting
     */
    public final boolean tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.lockTimeout(timeout);
        if (sync.tryAcquire(1) || sync.tryAcquireNanos(1, nanos)) {
            if (LockOrder.ENABLED) {
                LockOrder.acquired(sync);
            }
            return true;
        }
        return false;
    }

    /**
     * Releases one hold; the lock is free once every acquire has been matched.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     *     (RLOCK-03, RLOCK-04)
     */
    public final void release() {
        sync.release(1);
        if (LockOrder.ENABLED) {
            LockOrder.released(sync);
        }
    }

    /** Returns true while any thread holds the lock (Python's {@code locked()}, RLOCK-06). */
    public final boolean isLocked() {
        return sync.isLocked();
    }

    /** Returns true if the calling thread holds the lock (Python's {@code _is_owned}, RLOCK-05). */
    public final boolean isHeldByCurrentThread() {
        return sync.owner == Thread.currentThread();
    }

    /**
     * Returns how many holds the calling thread has: 0 when it does not hold the lock
     * (Python's {@code _recursion_count}, RLOCK-07).
     */
    public final int holdCount() {
        return isHeldByCurrentThread() ? sync.holds : 0;
    }

    /**
     * Acquires the lock and returns a {@link Held} whose {@code close()} releases one hold.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws DeadlockException if the wait would close a cycle of waiting threads
     */
    public final Held hold() throws InterruptedException {
        acquire();
        return held;
    }

    /** Returns the lock's name: the one given, or a made-up one such as "RLock-1". */
    public final String name() {
        return sync.name;
    }

    /**
     * Acquires uninterruptibly, as {@link java.util.concurrent.locks.Lock#lock()}.
     *
     * @throws DeadlockException if the wait would close a cycle of waiting threads
     */
    @Override
    public final void lock() {
        if (LockOrder.ENABLED) {
            LockOrder.beforeAcquire(sync);
        }
        if (!sync.tryAcquire(1)) {
            try {
                sync.acquireSlow(false);
            } catch (InterruptedException e) {
                throw new AssertionError("uninterruptible acquire was interrupted", e);
            }
        }
        if (LockOrder.ENABLED) {
            LockOrder.acquired(sync);
        }
    }

    /** Same as {@link #acquire()}. */
    @Override
    public final void lockInterruptibly() throws InterruptedException {
        acquire();
    }

    /** Same as {@link #tryAcquire()}. */
    @Override
    public final boolean tryLock() {
        return tryAcquire();
    }

    /** Waits at most the given time, with the JDK's meaning: a time {@code <= 0} does not wait. */
    @Override
    public final boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return tryAcquire(Duration.ofNanos(Math.max(0L, unit.toNanos(time))));
    }

    /** Same as {@link #release()}. */
    @Override
    public final void unlock() {
        release();
    }

    /** Returns a new {@link Condition} over this lock. */
    @Override
    public Condition newCondition() {
        return new Condition(this);
    }

    final LockSync sync() {
        return sync;
    }

    /**
     * Returns the state, in Python's words, including the recursion count, also when read from
     * another thread (RLOCK-08): {@code RLock[unlocked, count=0]},
     * {@code RLock[accounts, locked by main, count=2]}.
     */
    @Override
    public String toString() {
        return Locks.describe(getClass().getSimpleName(), sync, sync.holds);
    }
}
