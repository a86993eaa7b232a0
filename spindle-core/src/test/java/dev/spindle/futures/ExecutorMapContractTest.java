package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Executor.map, the one implementation every executor shares: MAP items. */
@Timeout(60)
public abstract class ExecutorMapContractTest extends ExecutorFixture {

    private static final List<Integer> ITEMS = IntStream.range(0, 100).boxed().toList();

    private static <R> List<R> drain(CloseableIterator<R> it) {
        List<R> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    @DisplayName("MAP-01: results come in input order, equal to a sequential map; chunksize 3 gives the same")
    void map() {
        Executor ex = newExecutor(4);
        List<Integer> expected = ITEMS.stream().map(i -> i * i).toList();
        assertThat(drain(map(ex, i -> i * i, ITEMS))).isEqualTo(expected);
        assertThat(drain(map(ex, i -> i * i, ITEMS, Duration.ofSeconds(30), 3))).isEqualTo(expected);
    }

    @Test
    @DisplayName("MAP-01: a later item that finishes first still comes after the earlier one")
    void inputOrderNotFinishingOrder() throws Exception {
        Executor ex = newExecutor(2);
        TaskKit.Latch secondDone = kit().latch(1);
        CloseableIterator<String> it = map(ex, i -> {
            if (i == 0) {
                try {
                    assertThat(secondDone.await(Duration.ofSeconds(30))).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return "first";
            }
            secondDone.countDown();
            return "second";
        }, List.of(0, 1));
        assertThat(drain(it)).containsExactly("first", "second");
    }

    @Test
    @DisplayName("MAP-02: every call is submitted when map is called, even if the iterator is never read")
    void submitsWithoutIteration() throws Exception {
        Executor ex = newExecutor(2);
        TaskKit.Log<Integer> finished = kit().log();
        map(ex, i -> {
            finished.add(i);
            return i;
        }, IntStream.range(0, 10).boxed().toList());
        ex.shutdown(true, false);
        assertThat(finished.snapshot()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
    }

    @Test
    @DisplayName("MAP-03: a call's exception is thrown by next() for its position after the earlier results; then the iteration ends and the rest are cancelled")
    void mapException() throws Exception {
        Executor ex = newExecutor(1);
        TaskKit.Log<String> started = kit().log();
        TaskKit.Gate gate = newGate();
        CloseableIterator<Integer> it = map(ex, name -> {
            started.add(name);
            if (name.equals("fail")) {
                throw new ArithmeticException("/ by zero");
            }
            if (name.startsWith("gated")) {
                gate.passUnchecked();
            }
            return name.length();
        }, List.of("first", "fail", "gated-1", "gated-2"));
        assertThat(it.next()).isEqualTo(5);
        assertThatThrownBy(it::next).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ArithmeticException.class).hasMessage("/ by zero");
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class)
                .hasMessage("map(): no more results (1 of 4 yielded, closed)");
        gate.open();
        ex.shutdown(true, false);
        assertThat(started.snapshot()).startsWith("first", "fail");
        assertThat(started.snapshot()).as("the one worker was at most inside one gated call when the rest were cancelled")
                .hasSizeLessThanOrEqualTo(3);
    }

    @Test
    @DisplayName("MAP-04: past the deadline next() throws UncheckedTimeoutException; the remaining calls are cancelled and the iteration ends")
    void mapTimeout() throws Exception {
        Executor ex = newExecutor(2);
        TaskKit.Log<Integer> started = kit().log();
        TaskKit.Gate gate = newGate();
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();
        CloseableIterator<Integer> it = map(ex, i -> {
            started.add(i);
            if (i >= 2) {
                gate.passUnchecked();
            }
            return i;
        }, List.of(0, 1, 2, 3, 4), timeout);
        assertThat(it.next()).isZero();
        assertThat(it.next()).isOne();
        assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class)
                .hasMessage("map() timed out after PT0.3S: 3 (of 5) results unfinished")
                .cause().isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
        assertThat(it.hasNext()).isFalse();
        gate.open();
        ex.shutdown(true, false);
        assertThat(started.snapshot().stream().filter(i -> i >= 2)).as("2 workers, each in at most one gated call, the rest cancelled")
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    @DisplayName("MAP-04: the deadline counts from the map call, not from each next()")
    void deadlineFromTheCall() throws Exception {
        Executor ex = newExecutor(1);
        Duration timeout = Duration.ofSeconds(2);
        TaskKit.Gate gate = newGate();
        CloseableIterator<Integer> it = map(ex, i -> {
            gate.passUnchecked();
            return i;
        }, List.of(1), timeout);
        assertThatThrownBy(() -> new Future<Integer>().result(timeout.plusMillis(100))).isInstanceOf(TimeoutException.class);
        long start = System.nanoTime();
        assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout);
    }

    @Test
    @DisplayName("MAP-05: timeout 0 on a busy 1-worker executor cancels the timed-out call and the later one: neither ever starts")
    void currentFutureCancel() throws Exception {
        Executor ex = newExecutor(1);
        TaskKit.Log<String> log = kit().log();
        TaskKit.Latch firstStarted = kit().latch(1);
        TaskKit.Gate gate = newGate();
        Fn<String, String> logAndWait = ident -> {
            log.add(ident + " started");
            if (ident.equals("first")) {
                firstStarted.countDown();
            }
            try {
                gate.passUnchecked();
            } finally {
                log.add(ident + " stopped");
            }
            return ident;
        };
        Future<String> first = submit(ex, () -> logAndWait.apply("first"));
        assertThat(firstStarted.await(Duration.ofSeconds(30))).isTrue();
        try (CloseableIterator<String> it = map(ex, logAndWait, List.of("second", "third"), Duration.ZERO)) {
            assertThatThrownBy(it::next).isInstanceOf(UncheckedTimeoutException.class);
        } finally {
            gate.open();
        }
        assertThat(first.result()).isEqualTo("first");
        ex.shutdown(true, false);
        assertThat(log.snapshot()).containsExactly("first started", "first stopped");
    }

    @Test
    @DisplayName("MAP-06: a TimeoutException thrown by the call itself is an ordinary failure, not the map's timeout")
    void timeoutFromCallable() {
        Executor ex = newExecutor(1);
        CloseableIterator<Object> it = map(ex, i -> sneakyThrow(new TimeoutException("from the call")), List.of(1),
                Duration.ofSeconds(30));
        assertThatThrownBy(it::next).isExactlyInstanceOf(CompletionException.class)
                .cause().isInstanceOf(TimeoutException.class).hasMessage("from the call");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> Object sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    @Test
    @DisplayName("MAP-07: close() cancels the calls not yet started; hasNext() is then false and next() throws NoSuchElementException")
    void mapClose() throws Exception {
        Executor ex = newExecutor(1);
        TaskKit.Log<Integer> started = kit().log();
        TaskKit.Latch zeroRunning = kit().latch(1);
        TaskKit.Gate gate = newGate();
        CloseableIterator<Integer> it = map(ex, i -> {
            started.add(i);
            zeroRunning.countDown();
            gate.passUnchecked();
            return i;
        }, List.of(0, 1, 2, 3, 4), Duration.ofMinutes(1), 1);   // one call per task: a process pool's default chunks several
        assertThat(zeroRunning.await(Duration.ofSeconds(30))).isTrue();
        it.close();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        gate.open();
        ex.shutdown(true, false);
        assertThat(started.snapshot()).containsExactly(0);
    }

    @Test
    @DisplayName("MAP-08: chunksize < 1 is an IllegalArgumentException naming it; chunksizes 6, 40 and 50 give the same ordered results")
    void chunksize() {
        Executor ex = newExecutor(3);
        assertThatThrownBy(() -> map(ex, i -> i, ITEMS, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize must be >= 1: 0");
        assertThatThrownBy(() -> map(ex, i -> i, ITEMS, Duration.ofSeconds(1), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize must be >= 1: -1");
        List<Integer> expected = ITEMS.stream().map(i -> i * 3).toList();
        for (int chunksize : new int[] {6, 40, 50, 1000}) {
            assertThat(drain(map(ex, i -> i * 3, ITEMS, Duration.ofSeconds(30), chunksize))).as("chunksize %d", chunksize)
                    .isEqualTo(expected);
        }
        assertThat(drain(map(ex, i -> i, List.<Integer>of(), Duration.ofSeconds(30), 4))).isEmpty();
    }

    @Test
    @DisplayName("MAP-08: with chunks, a failing item still fails at its own position, after the items before it in its chunk")
    void chunkFailurePerItem() {
        Executor ex = newExecutor(2);
        CloseableIterator<Integer> it = map(ex, i -> 10 / i, List.of(1, 2, 0, 5), Duration.ofSeconds(30), 4);
        assertThat(it.next()).isEqualTo(10);
        assertThat(it.next()).isEqualTo(5);
        assertThatThrownBy(it::next).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ArithmeticException.class);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    @DisplayName("MAP-10: the iterator keeps no reference to results it has yielded, with and without chunks")
    void freeReference() {
        Executor ex = newExecutor(2);
        for (int chunksize : new int[] {1, 3}) {
            // A fresh serializable object per call (an int[]), so that it can come back from another process.
            CloseableIterator<Object> it = map(ex, i -> new int[] {i}, List.of(1, 2, 3), Duration.ofSeconds(30), chunksize);
            Object first = it.next();
            WeakReference<Object> ref = new WeakReference<>(first);
            first = null;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                System.gc();
                return ref.get() == null;
            });
            assertThat(it.hasNext()).isTrue();
            it.close();
        }
    }

    @Test
    @DisplayName("a cancelled call surfaces as CancellationException and ends the iteration")
    void cancelledCall() throws Exception {
        Executor ex = newExecutor(1);
        TaskKit.Latch running = kit().latch(1);
        TaskKit.Gate gate = newGate();
        Future<Integer> blocker = submit(ex, () -> {
            running.countDown();
            gate.pass();
            return 0;
        });
        assertThat(running.await(Duration.ofSeconds(30))).isTrue();
        CloseableIterator<Integer> it = map(ex, i -> i, List.of(1, 2));
        ex.shutdown(false, true);
        assertThatThrownBy(it::next).isInstanceOf(CancellationException.class);
        assertThat(it.hasNext()).isFalse();
        gate.open();
        assertThat(blocker.result()).isZero();
    }

    @Test
    @DisplayName("an interrupt in next() ends the iteration with CancellationException caused by InterruptedException, flag set, rest cancelled")
    void interrupted() throws Throwable {
        Executor ex = newExecutor(1);
        TaskKit.Log<Integer> started = kit().log();
        TaskKit.Gate gate = newGate();
        CloseableIterator<Integer> it = map(ex, i -> {
            started.add(i);
            gate.passUnchecked();
            return i;
        }, List.of(1, 2, 3));
        Blocked<String> consumer = Blocked.start(() -> {
            try {
                it.next();
                return "returned";
            } catch (CancellationException e) {
                assertThat(e).hasMessage("map(): interrupted while waiting for result 0 (of 3)")
                        .hasCauseInstanceOf(InterruptedException.class);
                return "interrupted=" + Thread.currentThread().isInterrupted();
            }
        }).awaitParked();
        consumer.thread.interrupt();
        assertThat(consumer.get()).isEqualTo("interrupted=true");
        assertThat(it.hasNext()).isFalse();
        gate.open();
        ex.shutdown(true, false);
        assertThat(started.snapshot()).containsExactly(1);
    }

    @Test
    @DisplayName("map after shutdown is a RejectedExecutionException; null arguments are NullPointerExceptions")
    void rejectedAndNulls() throws Exception {
        Executor ex = newExecutor(1);
        assertThatThrownBy(() -> map(ex, null, ITEMS)).isInstanceOf(NullPointerException.class).hasMessage("fn");
        assertThatThrownBy(() -> map(ex, i -> i, null)).isInstanceOf(NullPointerException.class).hasMessage("items");
        assertThatThrownBy(() -> map(ex, i -> i, ITEMS, null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        ex.shutdown(true, false);
        assertThatThrownBy(() -> map(ex, i -> i, ITEMS)).isInstanceOf(RejectedExecutionException.class)
                .hasMessage("cannot schedule new futures after shutdown");
        assertThat(drain(map(ex, i -> i, Collections.<Integer>emptyList()))).isEmpty();
    }
}
