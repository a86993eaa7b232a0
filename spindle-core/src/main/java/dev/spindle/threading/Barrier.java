package dev.spindle.threading;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A barrier for a fixed number of threads, Python's {@code threading.Barrier}: each party calls
 * {@link #await()} and blocks until all {@code parties} have arrived, then all are released
 * together and the barrier is ready for the next cycle.
 *
 * <p>It follows Python's rules, which differ from {@link java.util.concurrent.CyclicBarrier}'s:
 * <ul>
 *   <li>{@code await} returns the arrival index, {@code 0} for the first arrival up to
 *       {@code parties - 1} for the last (BARRIER-03); the last arrival runs the action, once per
 *       cycle, before anyone is released (BARRIER-04).</li>
 *   <li>A wait that times out breaks the barrier for all: every waiter, that thread included,
 *       gets {@link BrokenBarrierException}, not {@code TimeoutException} (BARRIER-08). A
 *       default timeout may be given to the constructor (BARRIER-09); a timeout {@code <= 0} is
 *       already expired (BARRIER-14).</li>
 *   <li>An action that throws breaks the barrier; its exception reaches the thread that ran it,
 *       and the others get {@link BrokenBarrierException} (BARRIER-13).</li>
 *   <li>{@link #abort()} breaks it (BARRIER-05); {@link #reset()} wakes current waiters with
 *       {@link BrokenBarrierException} and makes it usable again, also after an abort
 *       (BARRIER-06, BARRIER-07).</li>
 *   <li>A thread interrupted while waiting breaks the barrier, as {@code CyclicBarrier} does, and
 *       throws {@link InterruptedException} (Python has no interrupts).</li>
 * </ul>
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * Barrier start = new Barrier(3, () -> System.out.println("all here"));
 * // in each of three threads:
 * int index = start.await();   // 0, 1 or 2
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to calling {@code await()}
 * happen-before actions that are part of the barrier action, which in turn happen-before
 * actions following a successful return from the corresponding {@code await()} in other threads.
 */
public class Barrier {

    /*
     * Python's algorithm. All fields are guarded by `lock`. `state` is FILLING while parties
     * arrive, DRAINING while the released parties leave, RESETTING while the waiters of a reset
     * cycle leave, BROKEN after abort, a timeout or a failed action. `count` is the number of
     * threads inside await() (arrived, not yet gone). A new arrival waits while the barrier
     * drains or resets, so cycles never mix; the last thread out of a draining or resetting
     * barrier sets it back to FILLING.
     */
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.locks.Condition changed = lock.newCondition();
    private final int parties;
    private final Runnable action;
    private final long defaultTimeoutNanos;   // -1: none
    private int state = FILLING;
    private int count;

    /**
     * Creates a barrier for {@code parties} threads, with no action and no default timeout.
     *
     * @throws IllegalArgumentException if {@code parties < 1} (BARRIER-01)
     */
    public Barrier(int parties) {
        this(parties, null, -1L);
    }

    /**
     * Creates a barrier whose last arrival runs {@code action} each cycle ({@code null}: none).
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties, Runnable action) {
        this(parties, action, -1L);
    }

    /**
     * Creates a barrier with an action ({@code null}: none) and a default timeout for
     * {@link #await()} (BARRIER-09).
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     * @throws NullPointerException if {@code timeout} is null
     */
    public Barrier(int parties, Runnable action, Duration timeout) {
        this(parties, action, Timeouts.pollTimeout(timeout));
    }

    private Barrier(int parties, Runnable action, long timeoutNanos) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1: " + parties);
        }
        this.parties = parties;
        this.action = action;
        this.defaultTimeoutNanos = timeoutNanos;
    }

    /**
     * Waits until all parties have arrived, or the default timeout given to the constructor.
     *
     * @return the arrival index, from 0 to {@code parties() - 1}
     * @throws BrokenBarrierException if the barrier is or becomes broken, or is reset, while
     *     waiting; also when the default timeout elapses
     * @throws InterruptedException if interrupted while waiting (the barrier is then broken)
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        return doAwait(defaultTimeoutNanos);
    }

    /**
     * Waits at most {@code timeout}; if it elapses, the barrier breaks for all (BARRIER-08).
     *
     * @return the arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken, or times out
     * @throws InterruptedException if interrupted while waiting (the barrier is then broken)
     */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        return doAwait(Timeouts.pollTimeout(timeout));
    }

    private int doAwait(long timeoutNanos) throws InterruptedException, BrokenBarrierException {
        lock.lockInterruptibly();
        try {
            while (state == DRAINING || state == RESETTING) {
                changed.await();
            }
            if (state == BROKEN) {
                throw new BrokenBarrierException();
            }
            int index = count++;
            try {
                if (index + 1 == parties) {
                    releaseAll();
                } else {
                    waitForRelease(timeoutNanos);
                }
                return index;
            } finally {
                count--;
                leave();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The last arrival: run the action, then release everyone. Call only when holding lock. */
    private void releaseAll() {
        try {
            if (action != null) {
                action.run();
            }
            state = DRAINING;
            changed.signalAll();
        } catch (RuntimeException | Error e) {
            breakBarrier();
            throw e;
        }
    }

    /** Waits while FILLING. Call only when holding lock. */
    private void waitForRelease(long timeoutNanos) throws InterruptedException, BrokenBarrierException {
        long remaining = timeoutNanos;
        boolean timed = timeoutNanos >= 0;
        try {
            while (state == FILLING) {
                if (timed) {
                    if (remaining <= 0) {
                        breakBarrier();
                        throw new BrokenBarrierException();
                    }
                    remaining = changed.awaitNanos(remaining);
                } else {
                    changed.await();
                }
            }
        } catch (InterruptedException e) {
            if (state == FILLING) {
                breakBarrier();
            }
            throw e;
        }
        if (state < 0) {
            throw new BrokenBarrierException();
        }
    }

    /** The last thread out of a draining or resetting barrier refills it. Call only when holding lock. */
    private void leave() {
        if (count == 0 && (state == RESETTING || state == DRAINING)) {
            state = FILLING;
            changed.signalAll();
        }
    }

    /** Call only when holding lock. */
    private void breakBarrier() {
        state = BROKEN;
        changed.signalAll();
    }

    /**
     * Returns the barrier to its initial state: threads waiting now get
     * {@link BrokenBarrierException} (BARRIER-06), and a broken barrier becomes usable (BARRIER-07).
     */
    public void reset() {
        lock.lock();
        try {
            if (count > 0) {
                if (state == FILLING || state == BROKEN) {
                    state = RESETTING;   // the last waiter out sets FILLING
                }
                // DRAINING or RESETTING already ends in FILLING
            } else {
                state = FILLING;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Breaks the barrier: every current and later {@code await} throws (BARRIER-05). */
    public void abort() {
        lock.lock();
        try {
            breakBarrier();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the number of threads the barrier waits for. */
    public int parties() {
        return parties;
    }

    /** Returns the number of threads waiting in the cycle that is filling; 0 while it drains or resets (BARRIER-12). */
    public int waiting() {
        lock.lock();
        try {
            return state == FILLING ? count : 0;
        } finally {
            lock.unlock();
        }
    }

    /** Returns true if the barrier is broken (BARRIER-05). */
    public boolean isBroken() {
        lock.lock();
        try {
            return state == BROKEN;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the state: {@code Barrier[waiters=2/3]} or {@code Barrier[broken]} (BARRIER-11). */
    @Override
    public String toString() {
        lock.lock();
        try {
            return state == BROKEN ? "Barrier[broken]" : "Barrier[waiters=" + (state == FILLING ? count : 0) + "/" + parties + "]";
        } finally {
            lock.unlock();
        }
    }
}
