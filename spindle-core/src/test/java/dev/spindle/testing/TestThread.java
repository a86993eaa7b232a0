package dev.spindle.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A platform thread running a test body, whose result or exception the test collects with
 * {@link #join()}; and {@link #awaitBlocked()}, which waits (by polling, with Awaitility) until
 * the thread is parked, so a test can assert that something blocks without sleeping.
 *
 * @param <T> what the body returns
 */
public final class TestThread<T> {

    /** A body that may throw anything. */
    @FunctionalInterface
    public interface Body<T> {
        T call() throws Exception;
    }

    /** A body that returns nothing. */
    @FunctionalInterface
    public interface VoidBody {
        void run() throws Exception;
    }

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final FutureTask<T> task;
    private final Thread thread;

    private TestThread(String name, Callable<T> body) {
        this.task = new FutureTask<>(body);
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(task);
    }

    /** Starts {@code body} on a new daemon platform thread called {@code name}. */
    public static <T> TestThread<T> start(String name, Body<T> body) {
        TestThread<T> t = new TestThread<>(name, body::call);
        t.thread.start();
        return t;
    }

    /** Starts a body that returns nothing. */
    public static TestThread<Void> run(String name, VoidBody body) {
        return start(name, () -> {
            body.run();
            return null;
        });
    }

    /** The thread. */
    public Thread thread() {
        return thread;
    }

    /** Waits until the thread is parked (WAITING or TIMED_WAITING) or blocked on a monitor. */
    public TestThread<T> awaitBlocked() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(2)).until(() -> {
            Thread.State s = thread.getState();
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError(thread.getName() + " ended instead of blocking: " + outcome());
            }
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED;
        });
        return this;
    }

    /** True once the body has returned or thrown. */
    public boolean isDone() {
        return task.isDone();
    }

    /**
     * Waits for the body (at most 20 s) and returns its result.
     *
     * @throws AssertionError if the body threw (with its exception as the cause) or did not end
     */
    public T join() throws InterruptedException {
        try {
            return task.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(thread.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            AssertionError error = new AssertionError(thread.getName() + " did not end within " + PATIENCE);
            StackTraceElement[] stack = thread.getStackTrace();
            Throwable where = new Throwable("stack of " + thread.getName());
            where.setStackTrace(stack);
            error.addSuppressed(where);
            throw error;
        }
    }

    /** Waits for the body and returns what it threw. */
    public Throwable joinFailure() throws InterruptedException {
        try {
            T value = task.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(thread.getName() + " returned " + value + " instead of throwing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not end within " + PATIENCE);
        }
    }

    private String outcome() {
        try {
            return String.valueOf(task.get(0, TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
