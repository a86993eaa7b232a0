package dev.spindle.threading;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A counting semaphore, Python's {@code threading.Semaphore}: a counter of permits that
 * {@link #acquire()} takes one from, blocking while it is zero, and {@link #release()} adds to.
 *
 * <p>The default value is 1 (SEM-02). An unbounded semaphore may be released above its initial
 * value (SEM-12); {@link BoundedSemaphore} may not. A semaphore has no owner: any thread may
 * release, and deadlock detection ends its walk at a thread blocked here (see {@link Deadlocks}).
 * Waiters are not served in a fixed order, as in Python and in the JDK's nonfair
 * {@link java.util.concurrent.Semaphore}, which this class resembles; it adds Python's
 * {@code release(n)} and {@code hold()}.
 *
 * <p><b>Sample usage</b>: at most three threads in the pool at once.
 * {@snippet :
 * Semaphore pool = new Semaphore(3);
 * try (Held permit = pool.hold()) {
 *     useConnection();
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to calling a release method
 * such as {@code release()} happen-before actions following a successful acquire method such as
 * {@code acquire()} in another thread.
 */
public class Semaphore {

    /** Permits in AQS's state; {@code bound} caps releases (Integer.MAX_VALUE: unbounded). */
    static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;
        final int bound;
        final transient Semaphore owner;

        Sync(int value, int bound, Semaphore owner) {
            setState(value);
            this.bound = bound;
            this.owner = owner;
        }

        int value() {
            return getState();
        }

        @Override
        protected int tryAcquireShared(int acquires) {
            for (;;) {
                int available = getState();
                int remaining = available - acquires;
                if (remaining < 0 || compareAndSetState(available, remaining)) {
                    return remaining;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int releases) {
            for (;;) {
                int current = getState();
                int next = current + releases;
                if (next > bound || next < 0) {   // checked as a whole, before any change (BSEM-03)
                    throw owner.overRelease(current, releases);
                }
                if (compareAndSetState(current, next)) {
                    return true;
                }
            }
        }
    }

    final Sync sync;
    private final Held held = this::release;

    /** Creates a semaphore with one permit (SEM-02). */
    public Semaphore() {
        this(1);
    }

    /**
     * Creates a semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException if {@code value} is negative (SEM-01)
     */
    public Semaphore(int value) {
        this(value, Integer.MAX_VALUE);
    }

    Semaphore(int value, int bound) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0: " + value);
        }
        this.sync = new Sync(value, bound, this);
    }

    /**
     * Takes a permit, blocking until one is available.
     *
     * @throws InterruptedException if interrupted while waiting; no permit is then taken
     */
    public void acquire() throws InterruptedException {
        sync.acquireSharedInterruptibly(1);
    }

    /**
     * Takes a permit if one is available, without waiting (SEM-03).
     *
     * @return true if a permit was taken
     */
    public boolean tryAcquire() {
        return sync.tryAcquireShared(1) >= 0;
    }

    /**
     * Waits at most {@code timeout} for a permit; a timeout {@code <= 0} only checks (SEM-10).
     *
     * @return true if a permit was taken, false if the timeout elapsed first (SEM-09)
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.pollTimeout(timeout);
        return sync.tryAcquireShared(1) >= 0 || sync.tryAcquireSharedNanos(1, nanos);
    }

    /** Adds one permit, waking one waiter if any. */
    public void release() {
        sync.releaseShared(1);
    }

    /**
     * Adds {@code n} permits at once, waking up to {@code n} waiters (SEM-06).
     *
     * @throws IllegalArgumentException if {@code n < 1} (SEM-07)
     */
    public void release(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be one or more: " + n);
        }
        sync.releaseShared(n);
    }

    /** Returns the number of permits available now (Python's {@code _value}). */
    public int value() {
        return sync.value();
    }

    /**
     * Takes a permit and returns a {@link Held} whose {@code close()} gives it back (SEM-11).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public Held hold() throws InterruptedException {
        acquire();
        return held;
    }

    RuntimeException overRelease(int current, int n) {
        return new IllegalStateException("Semaphore released too many times: value=" + current + ", release(" + n + ")");
    }

    /** Returns the state in Python's words: {@code Semaphore[value=3]} (SEM-13). */
    @Override
    public String toString() {
        return "Semaphore[value=" + value() + "]";
    }
}
