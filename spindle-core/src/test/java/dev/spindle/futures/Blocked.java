package dev.spindle.futures;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * A blocking call run on a thread of its own, so a test can see it block, act, and collect what
 * it returned or threw.
 */
final class Blocked<V> {

    private final FutureTask<V> call;
    final Thread thread;

    private Blocked(Callable<V> callable) {
        call = new FutureTask<>(callable);
        thread = Thread.ofPlatform().name("blocked-caller").daemon(true).start(call);
    }

    /** Starts {@code callable} on a new thread. */
    static <V> Blocked<V> start(Callable<V> callable) {
        return new Blocked<>(callable);
    }

    /** Waits until the thread is parked (in a timed or untimed wait). */
    Blocked<V> awaitParked() {
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).until(() -> {
            Thread.State s = thread.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        });
        return this;
    }

    /** What the call returned; throws what it threw, unwrapped. */
    V get() throws Throwable {
        try {
            return call.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
