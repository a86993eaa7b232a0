package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call made in its own thread, so that a test can see it block and then release it: CPython's
 * {@code do_blocking_test}, without sleeps. {@link #awaitBlocked()} polls the thread's state with
 * Awaitility until it is parked; the test is then free to unblock it and check the outcome.
 */
final class BlockingCall<T> {

    /** How long a test waits for a call to park or to end before it fails, not hangs. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Thread thread;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();

    private BlockingCall(String name, Callable<T> call) {
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            try {
                outcome.complete(call.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
    }

    /** Starts {@code call} in a new daemon thread called {@code name}. */
    static <T> BlockingCall<T> start(String name, Callable<T> call) {
        BlockingCall<T> blocking = new BlockingCall<>(name, call);
        blocking.thread.start();
        return blocking;
    }

    /** A call that returns nothing. */
    interface VoidCall {
        void call() throws Exception;
    }

    /** Starts {@code call}, which returns nothing, in a new daemon thread called {@code name}. */
    static BlockingCall<Void> run(String name, VoidCall call) {
        return start(name, () -> {
            call.call();
            return null;
        });
    }

    /** Waits until the call's thread is parked (WAITING or TIMED_WAITING) and asserts it has not returned. */
    BlockingCall<T> awaitBlocked() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(1)).until(() -> {
            Thread.State state = thread.getState();
            return outcome.isDone() || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        });
        assertThat(outcome).as("the call returned instead of blocking").isNotDone();
        return this;
    }

    /** The thread making the call. */
    Thread thread() {
        return thread;
    }

    /** Waits for the call to return and gives its result; fails the test if it threw or did not end. */
    T result() throws InterruptedException {
        try {
            return outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the call threw " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the call is still blocked after " + PATIENCE);
        }
    }

    /** Waits for the call to end and gives what it threw; fails the test if it returned or did not end. */
    Throwable failure() throws InterruptedException {
        try {
            T value = outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the call returned " + value + " instead of throwing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the call is still blocked after " + PATIENCE);
        }
    }
}
