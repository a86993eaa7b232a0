package dev.spindle.futures;

import static dev.spindle.futures.TestFutures.cancelledAndNotified;
import static dev.spindle.futures.TestFutures.failed;
import static dev.spindle.futures.TestFutures.finished;
import static dev.spindle.futures.TestFutures.pending;
import static dev.spindle.futures.TestFutures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Futures.asCompleted: what it yields, in which order, and its deadline. */
@Timeout(60)
class AsCompletedTest {

    @Test
    @DisplayName("ASC-01: yields every future exactly once, those already finished, failed or cancelled-and-notified included")
    void noTimeout() throws Exception {
        Future<Integer> ok = finished(1);
        Future<Integer> bad = failed(new IOException());
        Future<Integer> notified = cancelledAndNotified();
        Future<Integer> p1 = pending();
        Future<Integer> p2 = running();
        List<Future<Integer>> yielded = new ArrayList<>();
        Thread completer;
        try (CloseableIterator<Future<Integer>> it = Futures.asCompleted(List.of(ok, bad, notified, p1, p2))) {
            completer = Thread.ofPlatform().start(() -> {
                p1.setResult(2);
                p2.setResult(3);
            });
            it.forEachRemaining(yielded::add);
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class)
                    .hasMessage("asCompleted(): no more futures (5 of 5 yielded, closed)");
        }
        completer.join();
        assertThat(yielded).containsExactlyInAnyOrder(ok, bad, notified, p1, p2);
        assertThat(yielded.subList(0, 3)).as("the done ones first, in the order given").containsExactly(ok, bad, notified);
    }

    @Test
    @DisplayName("ASC-02: with a timeout (0 or 10 ms) yields the finished futures first, then throws UncheckedTimeoutException")
    void futureTimesOut() {
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofMillis(10))) {
            Future<Integer> notified = cancelledAndNotified();
            Future<Integer> bad = failed(new IOException());
            Future<Integer> ok = finished(1);
            Future<Integer> slow = running();
            Set<Future<Integer>> completed = new HashSet<>();
            CloseableIterator<Future<Integer>> it = Futures.asCompleted(List.of(notified, bad, ok, slow), timeout);
            assertThatThrownBy(() -> {
                while (it.hasNext()) {
                    completed.add(it.next());
                }
            }).isInstanceOf(UncheckedTimeoutException.class).hasMessage("1 (of 4) futures unfinished")
                    .cause().isInstanceOf(TimeoutException.class).hasMessage("1 (of 4) futures unfinished");
            assertThat(completed).containsExactlyInAnyOrder(notified, bad, ok);
            assertThat(it.hasNext()).as("the iteration ends on timeout").isFalse();
        }
    }

    @Test
    @DisplayName("ASC-03: duplicates come out once")
    void duplicateFutures() {
        Future<Integer> f = finished(1);
        List<Future<Integer>> yielded = new ArrayList<>();
        Futures.asCompleted(List.of(f, f, f)).forEachRemaining(yielded::add);
        assertThat(yielded).containsExactly(f);
    }

    @Test
    @DisplayName("ASC-04: the timeout message is '2 (of 4) futures unfinished' when 2 are pending or running")
    void timeoutMessage() {
        List<Future<Integer>> fs = List.of(pending(), running(), finished(1), finished(2));
        CloseableIterator<Future<Integer>> it = Futures.asCompleted(fs, Duration.ofMillis(1));
        assertThat(it.next().resultNow()).isEqualTo(1);
        assertThat(it.next().resultNow()).isEqualTo(2);
        assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class)
                .hasMessage("2 (of 4) futures unfinished");
    }

    @Test
    @DisplayName("ASC-05: keeps no reference to a future once it has been yielded, already done or completed later")
    void freeReferenceYieldedFuture() throws Exception {
        List<Future<Integer>> fs = new ArrayList<>(List.of(pending(), pending(), cancelledAndNotified(), finished(42)));
        Future<Integer> later = fs.get(1);
        CloseableIterator<Future<Integer>> it = Futures.asCompleted(fs);
        for (int i = 0; i < 2; i++) {
            assertReleasedOnceYielded(it, fs);
        }
        later.setResult(7);
        later = null;
        assertReleasedOnceYielded(it, fs);
        assertThat(it.hasNext()).isTrue();
        it.close();
        assertThat(it.hasNext()).isFalse();
    }

    private static void assertReleasedOnceYielded(CloseableIterator<Future<Integer>> it, List<Future<Integer>> fs) {
        Future<Integer> f = it.next();
        assertThat(fs.remove(f)).isTrue();
        WeakReference<Future<Integer>> ref = new WeakReference<>(f);
        f = null;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
    }

    @Test
    @DisplayName("ASC-06: later completions come in the order they finish")
    void finishingOrder() {
        Future<Integer> p1 = pending();
        Future<Integer> p2 = pending();
        Future<Integer> p3 = pending();
        CloseableIterator<Future<Integer>> it = Futures.asCompleted(List.of(p1, p2, p3));
        p3.setResult(3);
        p1.setException(new IOException());
        p2.cancel();
        assertThat(p2.setRunningOrNotifyCancel()).isFalse();
        assertThat(List.of(it.next(), it.next(), it.next())).containsExactly(p3, p1, p2);
    }

    @Test
    @DisplayName("ASC-06: the deadline counts from the asCompleted call, not from next()")
    void deadlineFromTheCall() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        Future<Integer> never = pending();
        CloseableIterator<Future<Integer>> it = Futures.asCompleted(List.of(never), timeout);
        assertThatThrownBy(() -> pending().result(timeout.plusMillis(100))).isInstanceOf(TimeoutException.class);
        long start = System.nanoTime();
        assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class)
                .hasMessage("1 (of 1) futures unfinished");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout);
    }

    @Test
    @DisplayName("a cancelled future is yielded once its executor notifies it, as in wait")
    void cancelledOnceNotified() throws Throwable {
        Future<Integer> f = pending();
        CloseableIterator<Future<Integer>> it = Futures.asCompleted(List.of(f));
        Blocked<Future<Integer>> consumer = Blocked.start(it::next).awaitParked();
        f.cancel();
        assertThat(consumer.thread.isAlive()).isTrue();
        f.setRunningOrNotifyCancel();
        assertThat(consumer.get()).isSameAs(f);
    }

    @Test
    @DisplayName("an interrupt in next() ends the iteration with CancellationException caused by InterruptedException, flag set")
    void interrupted() throws Exception {
        Future<Integer> p = pending();
        CloseableIterator<Future<Integer>> it = Futures.asCompleted(List.of(p, finished(1)));
        assertThat(it.next().resultNow()).isEqualTo(1);
        Blocked<Boolean> consumer = Blocked.start(() -> {
            try {
                it.next();
                return false;
            } catch (CancellationException e) {
                assertThat(e).hasMessage("asCompleted(): interrupted with 1 (of 2) futures unfinished")
                        .hasCauseInstanceOf(InterruptedException.class);
                return Thread.currentThread().isInterrupted();
            }
        }).awaitParked();
        consumer.thread.interrupt();
        try {
            assertThat(consumer.get()).as("interrupt status set again").isTrue();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    @DisplayName("close() ends the iteration; next() then throws NoSuchElementException; an empty collection yields nothing")
    void closeAndEmpty() {
        CloseableIterator<Future<Integer>> it = Futures.asCompleted(List.of(pending()));
        assertThat(it.hasNext()).isTrue();
        it.close();
        it.close();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class)
                .hasMessage("asCompleted(): no more futures (0 of 1 yielded, closed)");
        assertThat(Futures.asCompleted(List.<Future<Integer>>of()).hasNext()).isFalse();
        assertThatThrownBy(() -> Futures.asCompleted(List.of(pending()), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("timeout");
    }
}
