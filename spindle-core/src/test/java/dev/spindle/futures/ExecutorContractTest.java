package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.testing.LogCapture;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every Executor does with submitted work: EXEC items and the JDK's ExecutorService methods. */
@Timeout(60)
public abstract class ExecutorContractTest extends ExecutorFixture {

    /** A callable of its own class, so that a test can watch the executor let go of it. */
    private static final class Ran implements Call<String> {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String call() {
            return "ran";
        }
    }

    @Test
    @DisplayName("EXEC-01: submit returns a future for the call's result (2^8 == 256); Runnables give null or the given result")
    void submit() throws Exception {
        Executor ex = newExecutor(2);
        assertThat(submit(ex, () -> (int) Math.pow(2, 8)).result()).isEqualTo(256);
        assertThat(submit(ex, () -> {}).result()).isNull();
        assertThat(ex.submit((Run) () -> {}, "given").result()).isEqualTo("given");
    }

    @Test
    @DisplayName("EXEC-03: maxWorkers 0 or -1 is an IllegalArgumentException naming the value")
    void maxWorkersNegative() {
        assertThatThrownBy(() -> newExecutor(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWorkers must be greater than 0: 0");
        assertThatThrownBy(() -> newExecutor(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWorkers must be greater than 0: -1");
    }

    @Test
    @DisplayName("EXEC-04: the executor keeps no reference to a submitted callable once it has run")
    void noStaleReferences() throws Exception {
        Executor ex = newExecutor(1);
        Callable<String> callable = new Ran();
        WeakReference<Callable<String>> ref = new WeakReference<>(callable);
        Future<String> f = ex.submit(callable);
        callable = null;
        assertThat(f.result()).isEqualTo("ran");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
        assertThat(f.resultNow()).as("the future itself lives on").isEqualTo("ran");
    }

    @Test
    @DisplayName("EXEC-05: the initializer runs in every worker before its first task")
    void initializer() throws Exception {
        TaskKit.Probe probe = kit().probe();
        TaskKit.Log<Object> initialized = kit().log();
        Executor ex = newExecutor(3, () -> {
            probe.markInitialized();
            initialized.add(probe.current());
        });
        TaskKit.Latch allRunning = kit().latch(3);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(submit(ex, () -> {
                assertThat(probe.initialized()).as("initialized before the task").isTrue();
                allRunning.countDown();
                allRunning.await();
                return probe.current();
            }));
        }
        for (Future<Object> f : fs) {
            Object worker = f.result();
            // In another process the log's item may arrive after the task's result: wait for it, bounded.
            await().atMost(Duration.ofSeconds(30)).until(() -> initialized.snapshot().contains(worker));
        }
    }

    @Test
    @DisplayName("EXEC-06: a failing initializer is logged, breaks the executor: queued futures and later submits get BrokenExecutorException")
    void failingInitializer() throws Exception {
        try (LogCapture log = new LogCapture("dev.spindle.futures")) {
            Executor ex = newExecutor(2, () -> {
                throw new IllegalArgumentException("error in initializer");
            });
            List<Future<Integer>> fs = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    fs.add(submit(ex, () -> 1));
                }
            } catch (BrokenExecutorException alreadyBroken) {
                // Python's test allows it too: the executor may break before every submit is in
            }
            assertThat(fs).isNotEmpty();
            for (Future<Integer> f : fs) {
                assertThatThrownBy(f::result).isInstanceOf(CompletionException.class)
                        .cause().isInstanceOf(BrokenExecutorException.class);
            }
            assertThatThrownBy(() -> submit(ex, () -> 1)).isInstanceOf(BrokenExecutorException.class);
            assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).as("a broken executor's workers end").isTrue();
            assertThat(log.records).isNotEmpty().allSatisfy(r -> {
                assertThat(r.getMessage()).isEqualTo("Exception in initializer");
                assertThat(r.getThrown()).isInstanceOf(IllegalArgumentException.class).hasMessage("error in initializer");
            });
            assertThat(log.records).extracting(LogRecord::getLevel).containsOnly(java.util.logging.Level.SEVERE);
        }
    }

    @Test
    @DisplayName("a task's exception goes into its future; the executor goes on working")
    void taskException() throws Exception {
        Executor ex = newExecutor(1);
        IOException disk = new IOException("disk");
        Future<Integer> bad = submit(ex, () -> {
            throw disk;
        });
        assertThat(bad.exception()).isInstanceOf(IOException.class).hasMessage("disk");
        if (kit().sameJvm()) {
            assertThat(bad.exception()).isSameAs(disk);
        }
        assertThat(submit(ex, () -> 2).result()).isEqualTo(2);
    }

    @Test
    @DisplayName("a null task is a NullPointerException")
    void nullTask() {
        Executor ex = newExecutor(1);
        assertThatThrownBy(() -> ex.submit((Callable<Integer>) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("task");
        assertThatThrownBy(() -> ex.submit((Runnable) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("task");
        assertThatThrownBy(() -> ex.execute(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("invokeAll returns every task's future, done, in order (the JDK's meaning)")
    void invokeAll() throws Exception {
        Executor ex = newExecutor(2);
        List<Callable<Integer>> tasks = List.of(call(() -> 1), call(() -> {
            throw new IOException("two");
        }), call(() -> 3));
        List<java.util.concurrent.Future<Integer>> fs = ex.invokeAll(tasks);
        assertThat(fs).hasSize(3).allSatisfy(f -> assertThat(f.isDone()).isTrue());
        assertThat(fs.get(0).get()).isEqualTo(1);
        assertThatThrownBy(() -> fs.get(1).get()).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThat(fs.get(2).get()).isEqualTo(3);
    }

    @Test
    @DisplayName("invokeAll with a timeout cancels the queued tasks and interrupts the running one, which then ends")
    void invokeAllTimeout() throws Exception {
        Executor ex = newExecutor(1);
        TaskKit.Gate gate = newGate();
        List<java.util.concurrent.Future<Integer>> fs = ex.invokeAll(List.of(call(() -> 1), call(() -> {
            gate.pass();
            return 2;
        }), call(() -> 3)), 200, TimeUnit.MILLISECONDS);
        assertThat(fs.get(0).get()).isEqualTo(1);
        assertThat(fs.get(2).isCancelled()).isTrue();
        assertThat(fs.get(1).isCancelled()).as("a running call cannot be cancelled (FUT-07)").isFalse();
        assertThatThrownBy(() -> fs.get(1).get(30, TimeUnit.SECONDS)).as("but it is interrupted")
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    @DisplayName("invokeAny returns the result of a task that succeeded (the JDK's meaning)")
    void invokeAny() throws Exception {
        Executor ex = newExecutor(2);
        assertThat(ex.invokeAny(List.of(ExecutorFixture.<String>call(() -> {
            throw new IOException("no");
        }), call(() -> "yes")))).isEqualTo("yes");
        assertThatThrownBy(() -> ex.invokeAny(List.of(ExecutorFixture.<String>call(() -> {
            throw new IOException("no");
        })))).isInstanceOf(ExecutionException.class);
    }

    @Test
    @DisplayName("execute runs the command; isShutdown, isTerminated and awaitTermination have the JDK's meaning")
    void executeAndLifecycle() throws Exception {
        Executor ex = newExecutor(2);
        TaskKit.Latch ran = kit().latch(1);
        ex.execute((Run) ran::countDown);
        assertThat(ran.await(Duration.ofSeconds(30))).isTrue();
        assertThat(ex.isShutdown()).isFalse();
        assertThat(ex.isTerminated()).isFalse();
        assertThat(ex.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
        ex.shutdown();
        assertThat(ex.isShutdown()).isTrue();
        assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ex.isTerminated()).isTrue();
    }
}
