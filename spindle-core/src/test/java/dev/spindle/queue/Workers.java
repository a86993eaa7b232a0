package dev.spindle.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Threads started by a test and joined with a deadline: a worker that throws fails the test with
 * its exception, a worker still running at the deadline fails it with the threads' stacks,
 * instead of hanging.
 */
final class Workers {

    /** A worker's body; it may throw anything, which the test then sees. */
    interface Body {
        void run() throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /** Starts {@code body} in a new daemon thread called {@code name}. */
    Thread start(String name, Body body) {
        Thread thread = Thread.ofPlatform().name(name).daemon(true).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        threads.add(thread);
        return thread;
    }

    /** Joins every worker within {@code patience}; rethrows the first failure. */
    void joinAll(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                StringBuilder dump = new StringBuilder("workers still running after " + patience + ":");
                for (Thread t : threads) {
                    if (t.isAlive()) {
                        dump.append("\n  ").append(t.getName()).append(' ').append(t.getState());
                        for (StackTraceElement frame : t.getStackTrace()) {
                            dump.append("\n    at ").append(frame);
                        }
                    }
                }
                throw new AssertionError(dump.toString());
            }
        }
        Throwable first = failures.peek();
        if (first != null) {
            AssertionError error = new AssertionError("a worker failed: " + first, first);
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }
}
