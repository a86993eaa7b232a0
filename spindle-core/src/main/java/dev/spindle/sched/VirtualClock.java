package dev.spindle.sched;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock whose time moves only when a program says so: the fake {@code timefunc} and
 * {@code delayfunc} pair that Python programs hand to {@code sched.scheduler} to run a simulation
 * or a test without waiting. Time is a {@code double} in seconds, like Python's.
 *
 * <p>{@link #time()} reads the clock; {@link #sleep(double)} is the delay function; and
 * {@link #advance(double)} moves time from outside. A {@link Scheduler} built on the clock
 * ({@link #scheduler()}, the same as {@code new Scheduler(clock::time, clock::sleep)}) runs its
 * events in virtual time, deterministically. The clock comes in two kinds:
 * <ul>
 *   <li><b>Free</b> ({@link #VirtualClock()}, {@link #VirtualClock(double)}), for simulations:
 *       {@code sleep(s)} moves time forward by {@code s} at once and returns, so a day of events
 *       runs in milliseconds. {@code advance(s)} does the same. Each call adds its own
 *       {@code s}, whichever thread makes it.</li>
 *   <li><b>Manual</b> ({@link #manual()}, {@link #manual(double)}), for tests in which another
 *       thread steps time: {@code sleep(s)} blocks until the clock has been allowed to run that
 *       far. {@code advance(s)} lets time run {@code s} seconds further; time itself moves only
 *       as sleeping threads use that allowance, each up to the end of its own sleep. So
 *       {@code time()} tells how far the sleeping side has got, and a sleeper never overshoots
 *       because a test advanced the clock while it was between reading the time and sleeping.
 *       This is the {@code Timer} fixture of CPython's {@code test_sched}.</li>
 * </ul>
 * On both kinds {@link #awaitTime(double)} blocks until the clock reads at least a given time.
 *
 * <p>Time never goes backwards: a negative, infinite or NaN {@code seconds} is an
 * {@link IllegalArgumentException} (Python's {@code time.sleep(-1)} raises {@code ValueError}),
 * and {@code sleep(0)} returns at once. A manual sleep that is interrupted returns early with the
 * thread's interrupt status set, since a {@code delayfunc} cannot throw
 * {@link InterruptedException}; {@link Scheduler#run()} then throws it.
 *
 * <p><b>Sample usage</b>: a simulation,
 * {@snippet :
 * VirtualClock clock = new VirtualClock();
 * Scheduler scheduler = clock.scheduler();
 * scheduler.enter(3600, 1, () -> System.out.println("an hour later: " + clock.time()));
 * scheduler.run();                 // returns at once; clock.time() is now 3600.0
 * }
 * and a test that steps a scheduler running in another thread:
 * {@snippet :
 * VirtualClock clock = VirtualClock.manual();
 * Scheduler scheduler = clock.scheduler();
 * scheduler.enter(1, 1, () -> fired.add(1));
 * Thread runner = Thread.ofPlatform().start(() -> { ... scheduler.run(); ... });
 * clock.advance(1);                // the event runs now, in the runner thread
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to moving the clock
 * ({@code sleep} or {@code advance}) happen-before actions in another thread following a
 * {@code time()} that reads the moved time, or an {@code awaitTime} or {@code sleep} that returns
 * because of it.
 */
public final class VirtualClock {

    /*
     * State: `now` is the time and `limit` how far sleepers may take it: +Infinity on a free
     * clock (so sleep never waits), raised by advance() on a manual one. Invariant:
     * now <= limit, and neither ever decreases. Both change only while holding `lock`; `now` is
     * volatile so that time() reads it without locking, since a scheduler reads the time once
     * per event. `moved` is signalled (all waiters) whenever `now` or `limit` rises: manual
     * sleepers wait on it for the limit, awaitTime() waiters for `now`.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private final boolean manual;
    private volatile double now;
    private double limit;

    /** Creates a free clock at time 0.0: {@code sleep} moves time at once. */
    public VirtualClock() {
        this(0.0);
    }

    /**
     * Creates a free clock at time {@code start}: {@code sleep} moves time at once.
     *
     * @throws IllegalArgumentException if {@code start} is infinite or NaN
     */
    public VirtualClock(double start) {
        this(start, false);
    }

    private VirtualClock(double start, boolean manual) {
        if (!Double.isFinite(start)) {
            throw new IllegalArgumentException("'start' must be a finite number: " + start);
        }
        this.manual = manual;
        this.now = start;
        this.limit = manual ? start : Double.POSITIVE_INFINITY;
    }

    /** Returns a manual clock at time 0.0: {@code sleep} waits until {@code advance} allows it. */
    public static VirtualClock manual() {
        return manual(0.0);
    }

    /**
     * Returns a manual clock at time {@code start}: {@code sleep} waits until {@code advance}
     * allows it.
     *
     * @throws IllegalArgumentException if {@code start} is infinite or NaN
     */
    public static VirtualClock manual(double start) {
        return new VirtualClock(start, true);
    }

    /** Returns a scheduler on this clock: {@code new Scheduler(this::time, this::sleep)}. */
    public Scheduler scheduler() {
        return new Scheduler(this::time, this::sleep);
    }

    /** Returns the current time, in seconds; the scheduler's {@code timefunc}. */
    public double time() {
        return now;
    }

    /**
     * The scheduler's {@code delayfunc}: lets {@code seconds} of virtual time pass. A free clock
     * moves time forward by {@code seconds} and returns at once. A manual clock moves it as far
     * as {@link #advance(double)} has allowed, and waits there until the rest is allowed; if the
     * thread is interrupted while waiting, it returns early with its interrupt status set.
     *
     * @throws IllegalArgumentException if {@code seconds} is negative, infinite or NaN
     */
    public void sleep(double seconds) {
        checkSeconds(seconds);
        if (seconds == 0.0) {
            return;
        }
        lock.lock();
        try {
            double target = finiteSum(now, seconds);
            if (!manual) {
                moveTo(target);
                return;
            }
            while (limit < target) {
                moveTo(limit);
                try {
                    moved.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();   // a delayfunc cannot throw it: hand it on
                    return;
                }
            }
            moveTo(target);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves time on from outside. A free clock moves forward by {@code seconds} at once. A manual
     * clock lets time run {@code seconds} further: threads sleeping on it move time on, each up
     * to the end of its sleep, and later sleeps may use what is left.
     *
     * @throws IllegalArgumentException if {@code seconds} is negative, infinite or NaN
     */
    public void advance(double seconds) {
        checkSeconds(seconds);
        lock.lock();
        try {
            if (manual) {
                limit += seconds;
                moved.signalAll();
            } else {
                moveTo(finiteSum(now, seconds));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until the clock reads at least {@code time}, moved by other threads: by their
     * {@code sleep} or {@code advance} on a free clock, by their {@code sleep} on a manual one
     * (once {@code advance} has allowed it).
     *
     * @throws IllegalArgumentException if {@code time} is NaN
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitTime(double time) throws InterruptedException {
        checkTime(time);
        lock.lockInterruptibly();
        try {
            while (now < time) {
                moved.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code timeout} (real time) for the clock to read at least {@code time}; a
     * timeout {@code <= 0} only checks.
     *
     * @return true if the clock reached {@code time}, false if the timeout elapsed first
     * @throws IllegalArgumentException if {@code time} is NaN
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTime(double time, Duration timeout) throws InterruptedException {
        checkTime(time);
        long nanos = Timeouts.pollTimeout(timeout);
        lock.lockInterruptibly();
        try {
            while (now < time) {
                if (nanos <= 0L) {
                    return false;
                }
                nanos = moved.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the state: {@code VirtualClock[time=3.0]}, or for a manual clock
     * {@code VirtualClock[manual, time=1.0, limit=3.0]}.
     */
    @Override
    public String toString() {
        lock.lock();
        try {
            return manual ? "VirtualClock[manual, time=" + now + ", limit=" + limit + "]"
                    : "VirtualClock[time=" + now + "]";
        } finally {
            lock.unlock();
        }
    }

    /** Sets the time to {@code time} if that is later, and wakes the waiters. Call only when holding lock. */
    private void moveTo(double time) {
        // assert lock.isHeldByCurrentThread();
        if (time > now) {
            now = time;
            moved.signalAll();
        }
    }

    private static double finiteSum(double time, double seconds) {
        double sum = time + seconds;
        if (sum == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("'seconds' would move the time past the largest double: " + seconds);
        }
        return sum;
    }

    private static void checkSeconds(double seconds) {
        if (!(seconds >= 0.0) || seconds == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("'seconds' must be a finite non-negative number: " + seconds);
        }
    }

    private static void checkTime(double time) {
        if (Double.isNaN(time)) {
            throw new IllegalArgumentException("'time' must be a number: NaN");
        }
    }
}
