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
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python's five states, their legal moves, and how the state reads. */
@Timeout(30)
class FutureStatesTest {

    @Test
    @DisplayName("FUT-06: toString names the state in Python's words and the result's or exception's type")
    void repr() {
        assertThat(pending()).hasToString("Future[state=pending]");
        assertThat(running()).hasToString("Future[state=running]");
        assertThat(cancelled()).hasToString("Future[state=cancelled]");
        assertThat(cancelledAndNotified()).hasToString("Future[state=cancelled]");
        assertThat(failed(new IOException("disk"))).hasToString("Future[state=finished raised IOException]");
        assertThat(finished(42)).hasToString("Future[state=finished returned Integer]");
        assertThat(finished(null)).hasToString("Future[state=finished returned null]");
        assertThat(finished(new Object() {})).hasToString("Future[state=finished returned dev.spindle.futures.FutureStatesTest$1]");
    }

    @Test
    @DisplayName("FUT-07: cancel is true and cancels while pending, false while running or finished, true and unchanged when cancelled")
    void cancel() {
        Future<Integer> p = pending();
        assertThat(p.cancel()).isTrue();
        assertThat(p.cancelled()).isTrue();

        Future<Integer> r = running();
        assertThat(r.cancel()).isFalse();
        assertThat(r.running()).isTrue();
        assertThat(r.cancelled()).isFalse();

        Future<Integer> c = cancelled();
        assertThat(c.cancel()).isTrue();
        assertThat(c.setRunningOrNotifyCancel()).as("still CANCELLED, not yet notified").isFalse();

        Future<Integer> n = cancelledAndNotified();
        assertThat(n.cancel()).isTrue();
        assertThatThrownBy(n::setRunningOrNotifyCancel).as("still CANCELLED_AND_NOTIFIED")
                .isInstanceOf(IllegalStateException.class);

        Future<Integer> ok = finished(42);
        assertThat(ok.cancel()).isFalse();
        assertThat(ok.resultNow()).isEqualTo(42);

        Future<Integer> bad = failed(new IOException("disk"));
        assertThat(bad.cancel()).isFalse();
        assertThat(bad.exceptionNow()).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("FUT-07: cancel(true) on a bare running future is the same as cancel(): false, still running")
    void cancelMayInterrupt() {
        Future<Integer> r = running();
        assertThat(r.cancel(true)).isFalse();
        assertThat(r.running()).isTrue();
        Future<Integer> p = pending();
        assertThat(p.cancel(false)).isTrue();
        assertThat(p.isCancelled()).isTrue();
    }

    @Test
    @DisplayName("FUT-08: cancelled only when cancelled, done when cancelled or finished, running only when running")
    void predicates() {
        record Row(Future<?> f, boolean cancelled, boolean done, boolean running) {}
        List<Row> rows = List.of(
                new Row(pending(), false, false, false),
                new Row(running(), false, false, true),
                new Row(cancelled(), true, true, false),
                new Row(cancelledAndNotified(), true, true, false),
                new Row(failed(new IOException()), false, true, false),
                new Row(finished(42), false, true, false));
        for (Row row : rows) {
            assertThat(row.f().cancelled()).as("cancelled() of %s", row.f()).isEqualTo(row.cancelled());
            assertThat(row.f().done()).as("done() of %s", row.f()).isEqualTo(row.done());
            assertThat(row.f().running()).as("running() of %s", row.f()).isEqualTo(row.running());
            assertThat(row.f().isCancelled()).isEqualTo(row.cancelled());
            assertThat(row.f().isDone()).isEqualTo(row.done());
        }
    }

    @Test
    @DisplayName("FUT-14: setResult twice throws IllegalStateException naming the state; the first result stays")
    void setResultTwice() throws Exception {
        Future<Integer> f = pending();
        f.setResult(42);
        assertThatThrownBy(() -> f.setResult(43)).isInstanceOf(IllegalStateException.class)
                .hasMessage("FINISHED: Future[state=finished returned Integer]");
        assertThat(f.result()).isEqualTo(42);
    }

    @Test
    @DisplayName("FUT-15: setException twice throws IllegalStateException naming the state; the first exception stays")
    void setExceptionTwice() throws Exception {
        Future<Integer> f = pending();
        IllegalArgumentException first = new IllegalArgumentException("first");
        f.setException(first);
        assertThatThrownBy(() -> f.setException(new IOException("second"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("FINISHED: Future[state=finished raised IllegalArgumentException]");
        assertThatThrownBy(() -> f.setResult(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("FINISHED: Future[state=finished raised IllegalArgumentException]");
        assertThat(f.exception()).isSameAs(first);
    }

    @Test
    @DisplayName("FUT-16: setResult and setException on a cancelled or cancelled-and-notified future throw IllegalStateException")
    void setOnCancelled() {
        Future<Integer> c = cancelled();
        assertThatThrownBy(() -> c.setResult(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("CANCELLED: Future[state=cancelled]");
        assertThatThrownBy(() -> c.setException(new IOException())).isInstanceOf(IllegalStateException.class)
                .hasMessage("CANCELLED: Future[state=cancelled]");
        Future<Integer> n = cancelledAndNotified();
        assertThatThrownBy(() -> n.setResult(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("CANCELLED_AND_NOTIFIED: Future[state=cancelled]");
        assertThatThrownBy(() -> n.setException(new IOException())).isInstanceOf(IllegalStateException.class)
                .hasMessage("CANCELLED_AND_NOTIFIED: Future[state=cancelled]");
        assertThat(c.cancelled()).isTrue();
        assertThat(n.cancelled()).isTrue();
    }

    @Test
    @DisplayName("FUT-16: setResult and setException are legal from pending (not only from running)")
    void setFromPending() throws Exception {
        Future<Integer> ok = pending();
        ok.setResult(7);
        assertThat(ok.result()).isEqualTo(7);
        Future<Integer> bad = pending();
        bad.setException(new IOException("x"));
        assertThat(bad.exception()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> bad.setException(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("exception");
    }

    @Test
    @DisplayName("FUT-17: setRunningOrNotifyCancel makes a pending future running (true) and notifies a cancelled one (false)")
    void setRunningOrNotifyCancel() throws Exception {
        Future<Integer> p = pending();
        assertThat(p.setRunningOrNotifyCancel()).isTrue();
        assertThat(p.running()).isTrue();

        Future<Integer> c = cancelled();
        assertThat(Futures.wait(List.of(c), Duration.ZERO).done()).as("not yet notified").isEmpty();
        assertThat(c.setRunningOrNotifyCancel()).isFalse();
        assertThat(Futures.wait(List.of(c), Duration.ZERO).done()).as("notified").containsExactly(c);
    }

    @Test
    @DisplayName("FUT-17: setRunningOrNotifyCancel in any other state throws IllegalStateException('Future in unexpected state')")
    void setRunningOrNotifyCancelUnexpected() {
        assertThatThrownBy(() -> running().setRunningOrNotifyCancel()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Future in unexpected state: RUNNING");
        assertThatThrownBy(() -> cancelledAndNotified().setRunningOrNotifyCancel())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Future in unexpected state: CANCELLED_AND_NOTIFIED");
        assertThatThrownBy(() -> finished(1).setRunningOrNotifyCancel()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Future in unexpected state: FINISHED");
        assertThatThrownBy(() -> failed(new IOException()).setRunningOrNotifyCancel())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Future in unexpected state: FINISHED");
    }

    @Test
    @DisplayName("FUT-18: Python's exceptions are the JDK's TimeoutException and CancellationException; BrokenExecutor is a RejectedExecutionException")
    void exceptionTypes() {
        assertThatThrownBy(() -> pending().result(Duration.ZERO)).isExactlyInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> cancelled().result(Duration.ZERO)).isExactlyInstanceOf(CancellationException.class);
        BrokenExecutorException broken = new BrokenThreadPoolException("broken", new IOException());
        assertThat(broken).isInstanceOf(RejectedExecutionException.class).isInstanceOf(RuntimeException.class)
                .hasMessage("broken").hasCauseInstanceOf(IOException.class);
        assertThat(new UncheckedTimeoutException(new TimeoutException("2 (of 4) futures unfinished")))
                .isInstanceOf(RuntimeException.class).hasMessage("2 (of 4) futures unfinished")
                .cause().isInstanceOf(TimeoutException.class);
    }
}
