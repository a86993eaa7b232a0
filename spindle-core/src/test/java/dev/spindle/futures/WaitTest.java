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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Futures.wait: when it returns and how it splits the futures. */
@Timeout(60)
class WaitTest {

    @Test
    @DisplayName("WAIT-01: duplicates collapse: wait([f, f]) gives done == {f} and an empty notDone")
    void duplicates() throws Exception {
        Future<Integer> f = finished(1);
        DoneAndNotDone<Integer> r = Futures.wait(List.of(f, f));
        assertThat(r.done()).containsExactly(f);
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    @DisplayName("WAIT-02: FIRST_COMPLETED returns when one finishes; a cancelled but not notified future counts as not done")
    void firstCompleted() throws Throwable {
        Future<Integer> cancelled = cancelled();
        Future<Integer> f1 = pending();
        Future<Integer> f2 = running();
        Blocked<DoneAndNotDone<Integer>> w = Blocked.start(
                () -> Futures.wait(List.of(cancelled, f1, f2), ReturnWhen.FIRST_COMPLETED)).awaitParked();
        f1.setResult(42);
        DoneAndNotDone<Integer> r = w.get();
        assertThat(r.done()).containsExactly(f1);
        assertThat(r.notDone()).containsExactlyInAnyOrder(cancelled, f2);
    }

    @Test
    @DisplayName("WAIT-02: a cancelled future that its executor then notifies ends a FIRST_COMPLETED wait")
    void firstCompletedByNotifiedCancel() throws Throwable {
        Future<Integer> f = pending();
        Blocked<DoneAndNotDone<Integer>> w = Blocked.start(
                () -> Futures.wait(List.of(f), ReturnWhen.FIRST_COMPLETED)).awaitParked();
        f.cancel();
        assertThat(w.thread.isAlive()).as("cancelled, not notified: still waiting").isTrue();
        assertThat(f.setRunningOrNotifyCancel()).isFalse();
        assertThat(w.get().done()).containsExactly(f);
    }

    @Test
    @DisplayName("WAIT-03: FIRST_COMPLETED returns at once if a future is already finished or cancelled and notified")
    void firstCompletedSomeAlreadyCompleted() throws Exception {
        Future<Integer> p = pending();
        Future<Integer> ok = finished(1);
        DoneAndNotDone<Integer> r = Futures.wait(List.of(p, ok), ReturnWhen.FIRST_COMPLETED);
        assertThat(r.done()).containsExactly(ok);
        assertThat(r.notDone()).containsExactly(p);
        Future<Integer> notified = cancelledAndNotified();
        r = Futures.wait(List.of(p, notified), ReturnWhen.FIRST_COMPLETED);
        assertThat(r.done()).containsExactly(notified);
        assertThat(r.notDone()).containsExactly(p);
    }

    @Test
    @DisplayName("WAIT-04: FIRST_EXCEPTION returns when one future fails; futures finished by then are in done")
    void firstException() throws Throwable {
        Future<Integer> f1 = finished(42);
        Future<Integer> f2 = running();
        Future<Integer> f3 = pending();
        Blocked<DoneAndNotDone<Integer>> w = Blocked.start(
                () -> Futures.wait(List.of(f1, f2, f3), ReturnWhen.FIRST_EXCEPTION)).awaitParked();
        f2.setException(new IOException("boom"));
        DoneAndNotDone<Integer> r = w.get();
        assertThat(r.done()).containsExactlyInAnyOrder(f1, f2);
        assertThat(r.notDone()).containsExactly(f3);
    }

    @Test
    @DisplayName("WAIT-05: FIRST_EXCEPTION's done includes earlier successes and notified cancels; a plain cancelled future stays not done")
    void firstExceptionSomeAlreadyComplete() throws Throwable {
        Future<Integer> ok = finished(1);
        Future<Integer> cancelled = cancelled();
        Future<Integer> notified = cancelledAndNotified();
        Future<Integer> f1 = running();
        Future<Integer> f2 = pending();
        Blocked<DoneAndNotDone<Integer>> w = Blocked.start(() -> Futures.wait(
                List.of(ok, cancelled, notified, f1, f2), ReturnWhen.FIRST_EXCEPTION)).awaitParked();
        f1.setException(new ArithmeticException("/ by zero"));
        DoneAndNotDone<Integer> r = w.get();
        assertThat(r.done()).containsExactlyInAnyOrder(ok, notified, f1);
        assertThat(r.notDone()).containsExactlyInAnyOrder(cancelled, f2);
    }

    @Test
    @DisplayName("WAIT-06: FIRST_EXCEPTION returns at once when a done future already failed")
    void firstExceptionOneAlreadyFailed() throws Exception {
        Future<Integer> bad = failed(new IOException());
        Future<Integer> p = pending();
        DoneAndNotDone<Integer> r = Futures.wait(List.of(bad, p), ReturnWhen.FIRST_EXCEPTION);
        assertThat(r.done()).containsExactly(bad);
        assertThat(r.notDone()).containsExactly(p);
    }

    @Test
    @DisplayName("WAIT-06: FIRST_EXCEPTION with no failure waits for all, as ALL_COMPLETED")
    void firstExceptionWithoutFailure() throws Throwable {
        Future<Integer> ok = finished(1);
        Future<Integer> p1 = pending();
        Future<Integer> p2 = pending();
        Blocked<DoneAndNotDone<Integer>> w = Blocked.start(
                () -> Futures.wait(List.of(ok, p1, p2), ReturnWhen.FIRST_EXCEPTION)).awaitParked();
        p1.setResult(2);
        assertThat(Futures.wait(List.of(p2), Duration.ofMillis(50)).notDone()).containsExactly(p2);
        assertThat(w.thread.isAlive()).as("one success is not enough").isTrue();
        p2.setResult(3);
        DoneAndNotDone<Integer> r = w.get();
        assertThat(r.done()).containsExactly(ok, p1, p2);
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    @DisplayName("WAIT-07: ALL_COMPLETED's done holds every future, failed and cancelled-and-notified included")
    void allCompleted() throws Throwable {
        Future<Integer> ok = finished(1);
        Future<Integer> bad = failed(new IOException());
        Future<Integer> notified = cancelledAndNotified();
        Future<Integer> p1 = pending();
        Future<Integer> p2 = running();
        Blocked<DoneAndNotDone<Integer>> w = Blocked.start(
                () -> Futures.wait(List.of(ok, bad, notified, p1, p2), ReturnWhen.ALL_COMPLETED)).awaitParked();
        p1.setException(new IOException());
        p2.setResult(2);
        DoneAndNotDone<Integer> r = w.get();
        assertThat(r.done()).containsExactly(ok, bad, notified, p1, p2);
        assertThat(r.notDone()).isEmpty();
        assertThat(Futures.wait(List.of(ok, bad)).done()).containsExactly(ok, bad);
    }

    @Test
    @DisplayName("WAIT-08: a timeout returns the split at that moment and never throws; it waits at least the timeout")
    void timeout() throws Exception {
        Future<Integer> ok = finished(1);
        Future<Integer> p = pending();
        Duration timeout = Duration.ofMillis(50);
        long start = System.nanoTime();
        DoneAndNotDone<Integer> r = Futures.wait(List.of(ok, p), timeout, ReturnWhen.ALL_COMPLETED);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.done()).containsExactly(ok);
        assertThat(r.notDone()).containsExactly(p);
        assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(Duration.ofSeconds(10));
        DoneAndNotDone<Integer> zero = Futures.wait(List.of(ok, p), Duration.ZERO);
        assertThat(zero.notDone()).containsExactly(p);
        DoneAndNotDone<Integer> negative = Futures.wait(List.of(p), Duration.ofSeconds(-1), ReturnWhen.FIRST_COMPLETED);
        assertThat(negative.notDone()).containsExactly(p);
    }

    @Test
    @DisplayName("WAIT-09: wait returns the record DoneAndNotDone of unmodifiable sets; a null returnWhen is a NullPointerException")
    void namedTuple() throws Exception {
        Future<Integer> ok = finished(1);
        Future<Integer> p = pending();
        DoneAndNotDone<Integer> r = Futures.wait(List.of(ok, p), Duration.ZERO, ReturnWhen.FIRST_COMPLETED);
        assertThat(r).isEqualTo(new DoneAndNotDone<>(java.util.Set.of(ok), java.util.Set.of(p)));
        assertThatThrownBy(() -> r.done().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.notDone().add(ok)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Futures.wait(List.of(ok), (ReturnWhen) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("returnWhen");
        assertThatThrownBy(() -> Futures.wait(Arrays.asList(ok, null))).isInstanceOf(NullPointerException.class)
                .hasMessage("a future in fs is null");
        assertThatThrownBy(() -> Futures.wait(null)).isInstanceOf(NullPointerException.class).hasMessage("fs");
        assertThatThrownBy(() -> Futures.wait(List.of(ok), (Duration) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("timeout");
        assertThat(Futures.wait(List.<Future<Integer>>of())).isEqualTo(new DoneAndNotDone<>(java.util.Set.of(), java.util.Set.of()));
    }

    @Test
    @DisplayName("WAIT-10: ALL_COMPLETED over 100 futures finishing at once from several threads never hangs (50 rounds)")
    void pendingCallsRace() throws Exception {
        for (int round = 0; round < 50; round++) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(pending());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> completers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<Future<Integer>> share = fs.subList(t * 25, t * 25 + 25);
                completers.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    share.forEach(f -> f.setResult(1));
                }));
            }
            go.countDown();
            DoneAndNotDone<Integer> r = Futures.wait(fs, ReturnWhen.ALL_COMPLETED);
            assertThat(r.done()).hasSize(100);
            assertThat(r.notDone()).isEmpty();
            for (Thread t : completers) {
                t.join();
            }
        }
    }

    @Test
    @DisplayName("an interrupt while waiting throws InterruptedException, and the futures complete normally afterwards")
    void interrupted() throws Exception {
        Future<Integer> p = pending();
        Blocked<DoneAndNotDone<Integer>> w = Blocked.start(() -> Futures.wait(List.of(p))).awaitParked();
        w.thread.interrupt();
        assertThatThrownBy(w::get).isInstanceOf(InterruptedException.class);
        p.setResult(1);
        assertThat(Futures.wait(List.of(p)).done()).containsExactly(p);
    }

    @Test
    @DisplayName("repeated FIRST_COMPLETED waits on the remaining futures, the usual loop, collect them all")
    void waitLoop() throws Exception {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fs.add(pending());
        }
        Thread completer = Thread.ofPlatform().start(() -> fs.reversed().forEach(f -> f.setResult(1)));
        List<Future<Integer>> remaining = fs;
        int seen = 0;
        while (!remaining.isEmpty()) {
            DoneAndNotDone<Integer> r = Futures.wait(remaining, ReturnWhen.FIRST_COMPLETED);
            assertThat(r.done()).isNotEmpty();
            seen += r.done().size();
            remaining = new ArrayList<>(r.notDone());
        }
        completer.join();
        assertThat(seen).isEqualTo(20);
    }
}
