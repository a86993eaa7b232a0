package dev.spindle.threading;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread that runs a function once, after an interval, unless cancelled first: Python's
 * {@code threading.Timer}.
 *
 * <p>A {@code Timer} is a {@link Thread} (TIMER-04): {@code start()}, {@code join()},
 * {@code isAlive()}, {@code setDaemon()} and the start-twice error behave as for any thread.
 * {@link #cancel()} before the interval ends stops it: the function never runs and the thread
 * ends at once (TIMER-02). After the function has started, {@code cancel()} does nothing and
 * throws nothing (TIMER-03). Each timer holds its own function (TIMER-01). An interval
 * {@code <= 0} runs the function as soon as the thread starts.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * Timer timer = new Timer(Duration.ofSeconds(10), () -> System.out.println("hello, world"));
 * timer.start();
 * // ... later, if it is no longer wanted:
 * timer.cancel();
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to calling {@code start()}
 * happen-before the function runs; an exception thrown by the function reaches the thread's
 * uncaught exception handler, as for any thread.
 */
public class Timer extends Thread {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Duration interval;
    private final Event finished = new Event();
    private Runnable function;

    /**
     * Creates a timer that will run {@code function} {@code interval} after {@link #start()}.
     * Its name is "Timer-N", and it is a daemon exactly when the creating thread is one.
     *
     * @throws NullPointerException if {@code interval} or {@code function} is null
     */
    public Timer(Duration interval, Runnable function) {
        super("Timer-" + SEQUENCE.incrementAndGet());
        this.interval = Objects.requireNonNull(interval, "interval");
        this.function = Objects.requireNonNull(function, "function");
    }

    /** Returns the interval given to the constructor. */
    public Duration interval() {
        return interval;
    }

    /** Stops the timer if it is still waiting; otherwise does nothing (TIMER-02, TIMER-03). */
    public void cancel() {
        finished.set();
    }

    /** Returns true if {@link #cancel()} was called, or the function has run. */
    public boolean isFinished() {
        return finished.isSet();
    }

    /** Waits for the interval, then runs the function unless cancelled. */
    @Override
    public void run() {
        Runnable f = function;
        try {
            if (f != null && !finished.await(interval)) {
                finished.set();
                f.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // an interrupted timer ends without running
        } finally {
            finished.set();
            function = null;   // drop the reference once done (THREAD-17)
        }
    }

    @Override
    public String toString() {
        return "Timer[" + getName() + ", " + (finished.isSet() ? "finished" : getState() == State.NEW ? "initial" : "waiting")
                + ", interval=" + interval + "]";
    }
}
