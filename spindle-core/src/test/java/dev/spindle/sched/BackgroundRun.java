package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test fixture: {@code scheduler.run()} in a thread of its own, keeping what it throws.
 * {@link #close()} interrupts and joins the thread if it is still running, so a failed test
 * leaves nothing behind.
 */
final class BackgroundRun implements AutoCloseable {

    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private final Thread thread;

    private BackgroundRun(Scheduler scheduler) {
        thread = Thread.ofPlatform().name("scheduler-runner").start(() -> {
            try {
                scheduler.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
    }

    /** Starts {@code scheduler.run()} in a new thread. */
    static BackgroundRun start(Scheduler scheduler) {
        return new BackgroundRun(scheduler);
    }

    /** The thread that runs the scheduler. */
    Thread thread() {
        return thread;
    }

    /** Waits up to 10 s for run() to return and returns what it threw, or null. */
    Throwable awaitEnd() throws InterruptedException {
        assertThat(thread.join(Duration.ofSeconds(10))).as("run() should have returned").isTrue();
        return thrown.get();
    }

    /** Waits up to 10 s for run() to return, and checks that it returned normally. */
    void awaitNormalEnd() throws InterruptedException {
        assertThat(awaitEnd()).as("what run() threw").isNull();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join();
        }
    }
}
