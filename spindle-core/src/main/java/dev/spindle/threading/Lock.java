package dev.spindle.threading;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A primitive lock, Python's {@code threading.Lock}: not reentrant, and any thread may release
 * it, not only the one that acquired it.
 *
 * <p>A {@code Lock} is locked or unlocked. {@link #acquire()} blocks until it is unlocked, then
 * locks it; {@link #release()} unlocks it and lets one blocked acquirer through. Unlike a mutex,
 * the thread that holds it may not re-acquire it (a second {@code acquire()} blocks until some
 * other thread releases: LOCK-11), and a thread that does not hold it may release it (LOCK-12),
 * which makes a {@code Lock} usable as a binary semaphore or a one-shot signal. Use {@link
 * RLock} for a reentrant, owner-only mutex.
 *
 * <p>It is also a {@link java.util.concurrent.locks.Lock}: {@code lock()},
 * {@code lockInterruptibly()}, {@code tryLock()}, {@code tryLock(long, TimeUnit)} and
 * {@code unlock()} keep the JDK's meaning, and {@link #newCondition()} returns a Spindle
 * {@link Condition} over this lock.
 *
 * <p><b>Deadlock detection.</b> A blocking {@code acquire()} or {@code lock()} that would close a
 * cycle of waiting threads throws {@link DeadlockException} instead of hanging; see {@link
 * Deadlocks} for the rules that keep Python's semantics (a plain {@code Lock} released by another
 * thread becomes a signal and is left out). Timed acquires never throw.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * Lock lock = new Lock("balance");
 * try (Held held = lock.hold()) {
 *     balance -= 800;
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to calling {@code release()}
 * happen-before actions following a subsequent successful acquire in another thread.
 *
 * <p>This class cannot be subclassed, as in Python 3.13 (LOCK-02).
 */
public final class Lock implements java.util.concurrent.locks.Lock {

    private final LockSync sync;
    private final Held held = this::release;

    /** Creates an unlocked lock with a made-up name ("Lock-1"). */
    public Lock() {
        this.sync = new LockSync.Mutex(this, null);
    }

    /**
     * Creates an unlocked lock called {@code name}, which deadlock reports and
     * {@link #toString()} show.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public Lock(String name) {
        this.sync = new LockSync.Mutex(this, Objects.requireNonNull(name, "name"));
    }

    /**
     * Blocks until the lock is unlocked, then locks it (Python's {@code acquire()}).
     *
     * @throws InterruptedException if interrupted while waiting; the lock is then not acquired
     * @throws DeadlockException if the wait would close a cycle of waiting threads
     */
    public void acquire() throws InterruptedException {
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
     * Locks the lock if it is unlocked, without waiting (Python's {@code acquire(False)}).
     *
     * @return true if this call locked it
     */
    public boolean tryAcquire() {
        if (sync.tryAcquire(1)) {
            if (LockOrder.ENABLED) {
                LockOrder.acquired(sync);
            }
            return true;
        }
        return false;
    }

    /**
     * Waits at most {@code timeout} for the lock (Python's {@code acquire(timeout=...)}). A free
     * lock is taken at once, whatever the timeout (LOCK-10). Timed acquires never throw {@link
     * DeadlockException}: they end by themselves.
     *
     * @return true if the lock was acquired, false if the timeout elapsed first
     * @throws IllegalArgumentException if {@code timeout} is negative (LOCK-08)
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
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
     * Unlocks the lock. Any thread may call it, not only the one that acquired it (LOCK-12).
     *
     * @throws IllegalMonitorStateException if the lock is not locked (LOCK-14)
     */
    public void release() {
        sync.release(1);
        if (LockOrder.ENABLED) {
            LockOrder.released(sync);
        }
    }

    /** Returns true while the lock is locked, by any thread (Python's {@code locked()}). */
    public boolean isLocked() {
        return sync.isLocked();
    }

    /**
     * Acquires the lock and returns a {@link Held} whose {@code close()} releases it: Python's
     * {@code with lock:} (LOCK-06).
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws DeadlockException if the wait would close a cycle of waiting threads
     */
    public Held hold() throws InterruptedException {
        acquire();
        return held;
    }

    /** Returns the lock's name: the one given, or a made-up one such as "Lock-1". */
    public String name() {
        return sync.name;
    }

    /**
     * Acquires uninterruptibly, as {@link java.util.concurrent.locks.Lock#lock()}.
     *
     * @throws DeadlockException if the wait would close a cycle of waiting threads
     */
    @Override
    public void lock() {
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
    public void lockInterruptibly() throws InterruptedException {
        acquire();
    }

    /** Same as {@link #tryAcquire()}. */
    @Override
    public boolean tryLock() {
        return tryAcquire();
    }

    /**
     * Waits at most the given time, with the JDK's meaning: a time {@code <= 0} does not wait.
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return tryAcquire(Duration.ofNanos(Math.max(0L, unit.toNanos(time))));
    }

    /** Same as {@link #release()}. */
    @Override
    public void unlock() {
        release();
    }

    /** Returns a new {@link Condition} over this lock. */
    @Override
    public Condition newCondition() {
        return new Condition(this);
    }

    LockSync sync() {
        return sync;
    }

    /**
     * Returns the state, in Python's words: {@code Lock[unlocked]}, {@code Lock[locked by main]},
     * with the name when one was given: {@code Lock[balance, locked by main]}.
     */
    @Override
    public String toString() {
        return Locks.describe("Lock", sync, -1);
    }
}
