package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python's shutdown(wait, cancelFutures), close() and the JDK's shutdown(): SHUT items. */
@Timeout(60)
public abstract class ExecutorShutdownContractTest extends ExecutorFixture {

    private static final String REJECTED = "cannot schedule new futures after shutdown";

    /**
     * Submits n tasks that wait at {@code gate} and return their index, and waits until
     * {@code running} of them have started.
     */
    private List<Future<Integer>> submitGated(Executor ex, TaskKit.Gate gate, int n, int running)
            throws InterruptedException {
        TaskKit.Latch started = kit().latch(running);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            fs.add(submit(ex, () -> {
                started.countDown();
                gate.pass();
                return index;
            }));
        }
        assertThat(started.await(Duration.ofSeconds(30))).as("%d tasks running", running).isTrue();
        return fs;
    }

    @Test
    @DisplayName("SHUT-01: submit after shutdown throws RejectedExecutionException('cannot schedule new futures after shutdown')")
    void runAfterShutdown() throws Exception {
        Executor ex = newExecutor(2);
        ex.shutdown(true, false);
        assertThatThrownBy(() -> submit(ex, () -> 1)).isExactlyInstanceOf(RejectedExecutionException.class)
                .hasMessage(REJECTED);
        Executor closed = newExecutor(2);
        closed.close();
        assertThatThrownBy(() -> submit(closed, () -> {})).isInstanceOf(RejectedExecutionException.class).hasMessage(REJECTED);
        Executor stopped = newExecutor(2);
        stopped.shutdownNow();
        assertThatThrownBy(() -> stopped.execute((Run) () -> {})).isInstanceOf(RejectedExecutionException.class)
                .hasMessage(REJECTED);
    }

    @Test
    @DisplayName("SHUT-02: shutdown(wait=true) blocks until queued calls not yet started have run to completion")
    void waitRunsQueuedWork() throws Throwable {
        Executor ex = newExecutor(2);
        TaskKit.Gate gate = newGate();
        List<Future<Integer>> fs = submitGated(ex, gate, 20, 0);
        Blocked<Void> shutdown = Blocked.<Void>start(() -> {
            ex.shutdown(true, false);
            return null;
        }).awaitParked();
        assertThat(ex.isShutdown()).isTrue();
        assertThat(shutdown.thread.isAlive()).isTrue();
        gate.open();
        shutdown.get();
        assertThat(ex.isTerminated()).isTrue();
        for (int i = 0; i < fs.size(); i++) {
            assertThat(fs.get(i).resultNow()).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("SHUT-03: shutdown(cancelFutures=true) cancels every queued call (45 of 50 with 5 workers); the running ones complete normally")
    void cancelFutures() throws Exception {
        Executor ex = newExecutor(5);
        TaskKit.Gate gate = newGate();
        List<Future<Integer>> fs = submitGated(ex, gate, 50, 5);
        ex.shutdown(false, true);
        long cancelled = fs.stream().filter(Future::cancelled).count();
        assertThat(cancelled).isEqualTo(45);
        gate.open();
        DoneAndNotDone<Integer> all = Futures.wait(fs, Duration.ofSeconds(30));
        assertThat(all.notDone()).as("the cancelled ones are notified too").isEmpty();
        for (Future<Integer> f : fs) {
            if (!f.cancelled()) {
                assertThat(f.exception()).isNull();
            }
        }
        assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("SHUT-04: shutdown(wait=false) returns at once; queued work still completes and the threads end afterwards")
    void noWait() throws Exception {
        Executor ex = newExecutor(2);
        TaskKit.Gate gate = newGate();
        TaskKit.Probe probe = kit().probe();
        TaskKit.Log<Object> ran = kit().log();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int index = i;
            fs.add(submit(ex, () -> {
                ran.add(probe.current());
                gate.pass();
                return index;
            }));
        }
        ex.shutdown(false, false);
        assertThat(ex.isShutdown()).isTrue();
        assertThat(ex.isTerminated()).as("the gate is still closed").isFalse();
        gate.open();
        for (int i = 0; i < fs.size(); i++) {
            assertThat(fs.get(i).result()).isEqualTo(i);
        }
        assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Object worker : Set.copyOf(ran.snapshot())) {
            kit().awaitGone(worker);
        }
    }

    @Test
    @DisplayName("SHUT-05: try-with-resources waits for the work on close, and the body's exception still propagates")
    void contextManager() {
        List<Future<Integer>> fs = new ArrayList<>();
        Executor[] seen = new Executor[1];
        assertThatThrownBy(() -> {
            try (Executor ex = newExecutor(2)) {
                seen[0] = ex;
                for (int i = 0; i < 10; i++) {
                    int index = i;
                    fs.add(submit(ex, () -> index));
                }
                throw new IllegalStateException("from the body");
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("from the body").hasNoSuppressedExceptions();
        assertThat(seen[0].isTerminated()).isTrue();
        assertThat(fs).allSatisfy(f -> assertThat(f.state()).isEqualTo(java.util.concurrent.Future.State.SUCCESS));
    }

    @Test
    @DisplayName("SHUT-10: submit, cancel at once, then shutdown(wait=true) does not hang")
    void submitCancelShutdown() throws Exception {
        for (int i = 0; i < 20; i++) {
            Executor ex = newExecutor(2);
            Future<Integer> f = submit(ex, () -> 1);
            f.cancel();
            ex.shutdown(true, false);
            assertThat(f.done()).isTrue();
            assertThat(ex.isTerminated()).isTrue();
        }
    }

    @Test
    @DisplayName("SHUT-12: every kind of shutdown may be called several times, in any order")
    void shutdownTwice() throws Exception {
        Executor ex = newExecutor(2);
        Future<Integer> f = submit(ex, () -> 1);
        ex.shutdown();
        ex.shutdown(false, false);
        ex.shutdown(true, false);
        ex.shutdown(true, true);
        ex.close();
        assertThat(ex.shutdownNow()).isEmpty();
        ex.shutdown(true, false);
        assertThat(ex.isTerminated()).isTrue();
        assertThat(f.result()).isOne();
    }

    @Test
    @DisplayName("shutdown() keeps the JDK's meaning: an orderly shutdown that does not wait")
    void jdkShutdown() throws Exception {
        Executor ex = newExecutor(1);
        TaskKit.Gate gate = newGate();
        List<Future<Integer>> fs = submitGated(ex, gate, 3, 1);
        ex.shutdown();
        assertThat(ex.isShutdown()).isTrue();
        assertThat(fs).noneMatch(Future::done);
        gate.open();
        assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fs).allMatch(f -> f.state() == java.util.concurrent.Future.State.SUCCESS);
    }

    @Test
    @DisplayName("shutdownNow() cancels and returns the queued tasks, interrupts the running ones, and every future ends")
    void shutdownNow() throws Exception {
        Executor ex = newExecutor(2);
        List<Future<Integer>> fs = submitGated(ex, newGate(), 6, 2);
        List<Runnable> queued = ex.shutdownNow();
        assertThat(queued).hasSize(4);
        queued.forEach(Runnable::run);     // cancelled: running one does nothing
        assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        DoneAndNotDone<Integer> all = Futures.wait(fs, Duration.ZERO);
        assertThat(all.notDone()).isEmpty();
        assertThat(fs.stream().filter(Future::cancelled)).hasSize(4);
        assertThat(fs.stream().filter(f -> f.state() == java.util.concurrent.Future.State.FAILED))
                .hasSize(2).allSatisfy(f -> assertThat(f.exceptionNow()).isInstanceOf(InterruptedException.class));
    }

    @Test
    @DisplayName("close() interrupted while waiting acts as the JDK's close: shutdownNow, keep waiting, return with the flag set")
    void closeInterrupted() throws Throwable {
        Executor ex = newExecutor(1);
        List<Future<Integer>> fs = submitGated(ex, newGate(), 3, 1);
        Blocked<Boolean> closer = Blocked.start(() -> {
            ex.close();
            return Thread.currentThread().isInterrupted();
        }).awaitParked();
        closer.thread.interrupt();
        assertThat(closer.get()).as("interrupt status set again").isTrue();
        assertThat(ex.isTerminated()).isTrue();
        assertThat(fs.get(0).exceptionNow()).isInstanceOf(InterruptedException.class);
        assertThat(fs.subList(1, 3)).allMatch(Future::cancelled);
    }

    @Test
    @DisplayName("shutdown(wait=true) interrupted throws InterruptedException; the shutdown has begun and the work still ends")
    void shutdownWaitInterrupted() throws Throwable {
        Executor ex = newExecutor(1);
        TaskKit.Gate gate = newGate();
        List<Future<Integer>> fs = submitGated(ex, gate, 2, 1);
        Blocked<Void> waiter = Blocked.<Void>start(() -> {
            ex.shutdown(true, false);
            return null;
        }).awaitParked();
        waiter.thread.interrupt();
        assertThatThrownBy(waiter::get).isInstanceOf(InterruptedException.class);
        assertThat(ex.isShutdown()).isTrue();
        gate.open();
        assertThat(Futures.wait(fs, Duration.ofSeconds(30)).notDone()).isEmpty();
        assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
}
