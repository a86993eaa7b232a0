package dev.spindle.futures;

import static dev.spindle.futures.TestFutures.cancelled;
import static dev.spindle.futures.TestFutures.cancelledAndNotified;
import static dev.spindle.futures.TestFutures.failed;
import static dev.spindle.futures.TestFutures.finished;
import static dev.spindle.futures.TestFutures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spindle.testing.LogCapture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** addDoneCallback: when, where, in which order, exactly once, and what a throwing callback does. */
@Timeout(60)
class FutureCallbacksTest {

    @Test
    @DisplayName("FUT-01: a callback runs after setResult in the completing thread, and result() inside returns the value")
    void callbackWithResult() throws Exception {
        Future<Integer> f = pending();
        AtomicReference<Object> seen = new AtomicReference<>();
        AtomicReference<Thread> ranIn = new AtomicReference<>();
        f.addDoneCallback(done -> {
            ranIn.set(Thread.currentThread());
            try {
                seen.set(done.result());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(seen.get()).as("not before completion").isNull();
        Thread completer = Thread.ofPlatform().name("completer").start(() -> f.setResult(5));
        completer.join();
        assertThat(seen.get()).isEqualTo(5);
        assertThat(ranIn.get()).isSameAs(completer);
    }

    @Test
    @DisplayName("FUT-01: a callback runs after setException, and exception() inside returns the exception")
    void callbackWithException() {
        Future<Integer> f = pending();
        IOException disk = new IOException("disk");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        f.addDoneCallback(done -> seen.set(done.exceptionNow()));
        f.setException(disk);
        assertThat(seen.get()).isSameAs(disk);
    }

    @Test
    @DisplayName("FUT-02: cancel() runs the callbacks, and cancelled() is true inside them")
    void callbackWithCancel() {
        Future<Integer> f = pending();
        List<Boolean> seen = new ArrayList<>();
        f.addDoneCallback(done -> seen.add(done.cancelled()));
        assertThat(f.cancel()).isTrue();
        assertThat(seen).containsExactly(true);
        assertThat(f.setRunningOrNotifyCancel()).isFalse();
        assertThat(seen).as("notifying does not run them again").containsExactly(true);
    }

    @Test
    @DisplayName("FUT-03: a callback that throws is logged, not thrown out of setResult, and later callbacks still run")
    void callbackRaises() {
        Future<Integer> f = pending();
        List<String> ran = new ArrayList<>();
        f.addDoneCallback(done -> ran.add("first"));
        f.addDoneCallback(done -> {
            throw new IllegalStateException("doh!");
        });
        f.addDoneCallback(done -> ran.add("third"));
        try (LogCapture log = new LogCapture("dev.spindle.futures")) {
            f.setResult(42);
            assertThat(ran).containsExactly("first", "third");
            assertThat(log.records).hasSize(1);
            LogRecord r = log.records.get(0);
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getMessage()).isEqualTo("exception calling callback for Future[state=finished returned Integer]");
            assertThat(r.getThrown()).isInstanceOf(IllegalStateException.class).hasMessage("doh!");
        }
    }

    @Test
    @DisplayName("FUT-03: a callback that throws an Error is logged too and does not stop the others")
    void callbackRaisesError() {
        Future<Integer> f = pending();
        AtomicInteger ran = new AtomicInteger();
        f.addDoneCallback(done -> {
            throw new AssertionError("boom");
        });
        f.addDoneCallback(done -> ran.incrementAndGet());
        try (LogCapture log = new LogCapture("dev.spindle.futures")) {
            assertThat(f.cancel()).isTrue();
            assertThat(ran).hasValue(1);
            assertThat(log.records).singleElement().extracting(LogRecord::getThrown).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    @DisplayName("FUT-03: even when logging the failure fails, the later callbacks run and blocked callers wake")
    void loggingFails() throws Throwable {
        Future<Integer> f = pending();
        Blocked<Integer> caller = Blocked.start(f::result).awaitParked();
        List<String> ran = new ArrayList<>();
        f.addDoneCallback(done -> {
            throw new IllegalStateException("callback");
        });
        f.addDoneCallback(done -> ran.add("second"));
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.spindle.futures");
        java.util.logging.Handler broken = new java.util.logging.Handler() {
            @Override
            public void publish(LogRecord record) {
                throw new IllegalStateException("the handler is broken");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try (LogCapture quiet = new LogCapture("dev.spindle.futures")) {
            jul.addHandler(broken);
            System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            f.setResult(3);
        } finally {
            System.setErr(err);
            jul.removeHandler(broken);
        }
        assertThat(ran).containsExactly("second");
        assertThat(caller.get()).isEqualTo(3);
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("java.lang.IllegalStateException: callback").contains("the handler is broken");
    }

    @Test
    @DisplayName("FUT-04: on a finished, failed or cancelled future the callback runs at once, in the calling thread, before addDoneCallback returns")
    void callbackOnDoneFuture() {
        for (Future<Integer> f : List.<Future<Integer>>of(finished(1), failed(new IOException()), cancelled(),
                cancelledAndNotified())) {
            List<Thread> ranIn = new ArrayList<>();
            f.addDoneCallback(done -> ranIn.add(Thread.currentThread()));
            assertThat(ranIn).as("ran for %s", f).containsExactly(Thread.currentThread());
        }
    }

    @Test
    @DisplayName("FUT-04: callbacks run in the order they were added")
    void callbackOrder() {
        Future<Integer> f = pending();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            f.addDoneCallback(done -> order.add(n));
        }
        f.setResult(0);
        f.addDoneCallback(done -> order.add(10));
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    @DisplayName("FUT-05: a callback added to a done future that throws is logged as 'exception calling callback for ...', not thrown")
    void immediateCallbackRaises() {
        Future<Integer> f = finished(42);
        try (LogCapture log = new LogCapture("dev.spindle.futures")) {
            f.addDoneCallback(done -> {
                throw new IllegalArgumentException("doh!");
            });
            assertThat(log.records).singleElement().satisfies(r -> {
                assertThat(r.getMessage()).isEqualTo("exception calling callback for Future[state=finished returned Integer]");
                assertThat(r.getThrown()).hasMessage("doh!");
            });
        }
    }

    @Test
    @DisplayName("FUT-04: racing addDoneCallback against completion runs every callback exactly once; the completer runs its share in order")
    void exactlyOnceUnderRace() throws Exception {
        int callbacks = 64;
        CyclicBarrier start = new CyclicBarrier(2);
        for (int round = 0; round < 500; round++) {
            boolean cancel = round % 2 == 1;
            Future<Integer> f = pending();
            AtomicIntegerArray runs = new AtomicIntegerArray(callbacks);
            List<Integer> byCompleter = new CopyOnWriteArrayList<>();
            Thread adder = Thread.ofPlatform().start(() -> {
                await(start);
                for (int i = 0; i < callbacks; i++) {
                    int n = i;
                    Thread me = Thread.currentThread();
                    f.addDoneCallback(done -> {
                        runs.incrementAndGet(n);
                        if (Thread.currentThread() != me) {
                            byCompleter.add(n);
                        }
                    });
                }
            });
            Thread completer = Thread.ofPlatform().start(() -> {
                await(start);
                if (cancel) {
                    f.cancel();
                } else {
                    f.setResult(1);
                }
            });
            adder.join();
            completer.join();
            for (int i = 0; i < callbacks; i++) {
                assertThat(runs.get(i)).as("round %d callback %d", round, i).isEqualTo(1);
            }
            assertThat(byCompleter).isSorted();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
