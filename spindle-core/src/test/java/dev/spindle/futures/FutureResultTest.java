package dev.spindle.futures;

import static dev.spindle.futures.TestFutures.cancelled;
import static dev.spindle.futures.TestFutures.cancelledAndNotified;
import static dev.spindle.futures.TestFutures.failed;
import static dev.spindle.futures.TestFutures.finished;
import static dev.spindle.futures.TestFutures.pending;
import static dev.spindle.futures.TestFutures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** result() and exception(): values, failures, cancellation, timeouts and interrupts. */
@Timeout(30)
class FutureResultTest {

    private static final IOException DISK = new IOException("disk");

    @Test
    @DisplayName("FUT-09: result(0) times out while pending or running, is cancelled when cancelled, throws the failure, returns the value")
    void resultWithTimeoutZero() throws Exception {
        assertThatThrownBy(() -> pending().result(Duration.ZERO)).isInstanceOf(TimeoutException.class)
                .hasMessage("not done after PT0S: Future[state=pending]");
        assertThatThrownBy(() -> running().result(Duration.ZERO)).isInstanceOf(TimeoutException.class)
                .hasMessage("not done after PT0S: Future[state=running]");
        assertThatThrownBy(() -> cancelled().result(Duration.ZERO)).isInstanceOf(CancellationException.class)
                .hasMessage("cancelled: Future[state=cancelled]");
        assertThatThrownBy(() -> cancelledAndNotified().result(Duration.ZERO))
                .isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> failed(DISK).result(Duration.ZERO)).isInstanceOf(CompletionException.class)
                .cause().isSameAs(DISK);
        assertThat(finished(42).result(Duration.ZERO)).isEqualTo(42);
        assertThat(finished(null).result(Duration.ZERO)).isNull();
    }

    @Test
    @DisplayName("FUT-09: result() without a timeout throws CompletionException with the call's exception as cause")
    void resultNoTimeout() throws Exception {
        assertThatThrownBy(() -> failed(DISK).result()).isInstanceOf(CompletionException.class)
                .hasMessage("java.io.IOException: disk").cause().isSameAs(DISK);
        assertThatThrownBy(() -> cancelled().result()).isInstanceOf(CancellationException.class);
        assertThat(finished("x").result()).isEqualTo("x");
    }

    @Test
    @DisplayName("FUT-10: result(5 s) returns a value another thread sets while it waits")
    void resultWithSuccess() throws Throwable {
        Future<Integer> f = pending();
        Blocked<Integer> caller = Blocked.start(() -> f.result(Duration.ofSeconds(5))).awaitParked();
        f.setResult(42);
        assertThat(caller.get()).isEqualTo(42);
    }

    @Test
    @DisplayName("FUT-10: result() without timeout returns a value another thread sets while it waits")
    void resultUntimedWithSuccess() throws Throwable {
        Future<Integer> f = running();
        Blocked<Integer> caller = Blocked.start(f::result).awaitParked();
        f.setResult(7);
        assertThat(caller.get()).isEqualTo(7);
    }

    @Test
    @DisplayName("FUT-11: result(timeout) throws CancellationException when another thread cancels during the wait")
    void resultWithCancel() {
        Future<Integer> f = pending();
        Blocked<Integer> caller = Blocked.start(() -> f.result(Duration.ofSeconds(5))).awaitParked();
        assertThat(f.cancel()).isTrue();
        assertThatThrownBy(caller::get).isInstanceOf(CancellationException.class);
    }

    @Test
    @DisplayName("FUT-12: exception(0) times out while pending or running, is cancelled when cancelled, returns the exception or null")
    void exceptionWithTimeoutZero() throws Exception {
        assertThatThrownBy(() -> pending().exception(Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> running().exception(Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> cancelled().exception(Duration.ZERO)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> cancelledAndNotified().exception(Duration.ZERO))
                .isInstanceOf(CancellationException.class);
        assertThat(failed(DISK).exception(Duration.ZERO)).isSameAs(DISK);
        assertThat(finished(42).exception(Duration.ZERO)).isNull();
        assertThat(failed(DISK).exception()).isSameAs(DISK);
        assertThatThrownBy(() -> cancelled().exception()).isInstanceOf(CancellationException.class);
    }

    @Test
    @DisplayName("FUT-13: exception(timeout) wakes when another thread finishes the future with an exception")
    void exceptionWithSuccess() throws Throwable {
        Future<Integer> f = running();
        Blocked<Throwable> caller = Blocked.start(() -> f.exception(Duration.ofSeconds(5))).awaitParked();
        f.setException(DISK);
        assertThat(caller.get()).isSameAs(DISK);
    }

    @Test
    @DisplayName("FUT-19: a stored exception counts by its presence, even one with no message and an empty toString")
    void blankExceptionStillRaised() throws Exception {
        RuntimeException blank = new RuntimeException() {
            @Override
            public String toString() {
                return "";
            }
        };
        Future<Integer> f = failed(blank);
        assertThatThrownBy(f::result).isInstanceOf(CompletionException.class).cause().isSameAs(blank);
        assertThat(f.exception()).isSameAs(blank);
    }

    @Test
    @DisplayName("FUT-20: a negative timeout acts as 0: TimeoutException at once if not done, the outcome if done")
    void negativeTimeout() throws Exception {
        Duration negative = Duration.ofSeconds(-5);
        long start = System.nanoTime();
        assertThatThrownBy(() -> pending().result(negative)).isInstanceOf(TimeoutException.class)
                .hasMessage("not done after PT-5S: Future[state=pending]");
        assertThatThrownBy(() -> running().exception(negative)).isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(finished(1).result(negative)).isEqualTo(1);
        assertThat(failed(DISK).exception(negative)).isSameAs(DISK);
    }

    @Test
    @DisplayName("a timed result waits at least the timeout before TimeoutException")
    void timedWaitLowerBound() {
        Duration timeout = Duration.ofMillis(200);
        long start = System.nanoTime();
        assertThatThrownBy(() -> pending().result(timeout)).isInstanceOf(TimeoutException.class)
                .hasMessage("not done after PT0.2S: Future[state=pending]");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a huge timeout saturates instead of overflowing and still returns the value set later")
    void hugeTimeout() throws Throwable {
        Future<String> f = pending();
        Blocked<String> caller = Blocked.start(() -> f.result(Duration.ofSeconds(Long.MAX_VALUE))).awaitParked();
        f.setResult("late");
        assertThat(caller.get()).isEqualTo("late");
    }

    @Test
    @DisplayName("result() of an interrupted thread throws InterruptedException, clears the flag, and leaves the future pending")
    void interruptedBeforeWaiting() {
        Future<Integer> f = pending();
        Thread.currentThread().interrupt();
        assertThatThrownBy(f::result).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> f.result(Duration.ZERO)).isInstanceOf(InterruptedException.class);
        assertThat(f.toString()).isEqualTo("Future[state=pending]");
    }

    @Test
    @DisplayName("an interrupt while waiting in result() throws InterruptedException; a later result still works")
    void interruptedWhileWaiting() throws Throwable {
        Future<Integer> f = pending();
        Blocked<Integer> caller = Blocked.start(f::result).awaitParked();
        caller.thread.interrupt();
        assertThatThrownBy(caller::get).isInstanceOf(InterruptedException.class);
        f.setResult(5);
        assertThat(f.result()).isEqualTo(5);
    }

    @Test
    @DisplayName("an interrupt does not matter once the future is done: result() returns the value")
    void interruptedButDone() throws Exception {
        Future<Integer> f = finished(3);
        Thread.currentThread().interrupt();
        try {
            assertThat(f.result()).isEqualTo(3);
        } finally {
            assertThat(Thread.interrupted()).as("the flag is left as it was").isTrue();
        }
    }

    @Test
    @DisplayName("many threads timing out on the same future leave it usable, and a later result reaches every waiter")
    void manyTimedWaiters() throws Throwable {
        Future<Integer> f = pending();
        for (int i = 0; i < 200; i++) {
            assertThatThrownBy(() -> f.result(Duration.ofNanos(1))).isInstanceOf(TimeoutException.class);
        }
        List<Blocked<Integer>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(Blocked.start(() -> f.result(Duration.ofSeconds(20))).awaitParked());
        }
        f.setResult(9);
        for (Blocked<Integer> caller : callers) {
            assertThat(caller.get()).isEqualTo(9);
        }
    }
}
