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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The java.util.concurrent.Future side, and the bridge to CompletableFuture. */
@Timeout(30)
class FutureJdkInteropTest {

    private static final IOException DISK = new IOException("disk");

    @Test
    @DisplayName("get() returns the value, wraps a failure in ExecutionException, throws CancellationException when cancelled")
    void get() throws Exception {
        assertThat(finished(3).get()).isEqualTo(3);
        assertThatThrownBy(() -> failed(DISK).get()).isInstanceOf(ExecutionException.class).cause().isSameAs(DISK);
        assertThatThrownBy(() -> cancelled().get()).isInstanceOf(CancellationException.class);
    }

    @Test
    @DisplayName("get(timeout) times out while not done, with 0 and negative timeouts checking at once")
    void timedGet() throws Throwable {
        assertThatThrownBy(() -> running().get(0, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> pending().get(-1, TimeUnit.DAYS)).isInstanceOf(TimeoutException.class);
        assertThat(finished(3).get(Long.MAX_VALUE, TimeUnit.DAYS)).isEqualTo(3);
        Future<Integer> f = pending();
        Blocked<Integer> caller = Blocked.start(() -> f.get(Long.MAX_VALUE, TimeUnit.NANOSECONDS)).awaitParked();
        f.setResult(8);
        assertThat(caller.get()).isEqualTo(8);
    }

    @Test
    @DisplayName("state() is RUNNING while pending or running, then SUCCESS, FAILED or CANCELLED")
    void state() {
        assertThat(pending().state()).isEqualTo(java.util.concurrent.Future.State.RUNNING);
        assertThat(running().state()).isEqualTo(java.util.concurrent.Future.State.RUNNING);
        assertThat(finished(null).state()).isEqualTo(java.util.concurrent.Future.State.SUCCESS);
        assertThat(failed(DISK).state()).isEqualTo(java.util.concurrent.Future.State.FAILED);
        assertThat(cancelled().state()).isEqualTo(java.util.concurrent.Future.State.CANCELLED);
        assertThat(cancelledAndNotified().state()).isEqualTo(java.util.concurrent.Future.State.CANCELLED);
    }

    @Test
    @DisplayName("resultNow() and exceptionNow() return without waiting, or throw IllegalStateException naming the state")
    void nowMethods() {
        assertThat(finished(4).resultNow()).isEqualTo(4);
        assertThat(failed(DISK).exceptionNow()).isSameAs(DISK);
        assertThatThrownBy(() -> pending().resultNow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("resultNow() needs a result: Future[state=pending]");
        assertThatThrownBy(() -> failed(DISK).resultNow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("resultNow() needs a result: Future[state=finished raised IOException]");
        assertThatThrownBy(() -> cancelled().resultNow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("resultNow() needs a result: Future[state=cancelled]");
        assertThatThrownBy(() -> finished(4).exceptionNow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("exceptionNow() needs an exception: Future[state=finished returned Integer]");
        assertThatThrownBy(() -> running().exceptionNow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("exceptionNow() needs an exception: Future[state=running]");
    }

    @Test
    @DisplayName("toCompletableFuture() completes with the value, the exception, or cancelled, before and after completion")
    void toCompletableFuture() {
        Future<Integer> later = pending();
        CompletableFuture<Integer> cf = later.toCompletableFuture();
        assertThat(cf).isNotDone();
        later.setResult(11);
        assertThat(cf.join()).isEqualTo(11);
        assertThat(finished(12).toCompletableFuture().join()).isEqualTo(12);
        assertThatThrownBy(() -> failed(DISK).toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .cause().isSameAs(DISK);
        assertThat(cancelled().toCompletableFuture()).isCancelled();
        Future<Integer> toCancel = pending();
        CompletableFuture<Integer> cf2 = toCancel.toCompletableFuture();
        toCancel.cancel();
        assertThat(cf2).isCancelled();
    }

    @Test
    @DisplayName("cancelling the CompletableFuture cancels a pending future, but not a running one")
    void cancelThroughCompletableFuture() {
        Future<Integer> p = pending();
        assertThat(p.toCompletableFuture().cancel(false)).isTrue();
        assertThat(p.cancelled()).isTrue();
        Future<Integer> r = running();
        r.toCompletableFuture().cancel(true);
        assertThat(r.running()).isTrue();
        r.setResult(1);
        assertThat(r.resultNow()).isEqualTo(1);
    }
}
