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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every Executor does with submitted work: EXEC items and the JDK's ExecutorService methods. */
@Timeout(60)
abstract class ExecutorContractTest extends ExecutorFixture {

    @Test
    @DisplayName("EXEC-01: submit returns a future for the call's result (2^8 == 256); Runnables give null or the given result")
    void submit() throws Exception {
        Executor ex = newExecutor(2);
        assertThat(ex.submit(() -> (int) Math.pow(2, 8)).result()).isEqualTo(256);
        assertThat(ex.submit(() -> {}).result()).isNull();
        assertThat(ex.submit(() -> {}, "given").result()).isEqualTo("given");
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
        Callable<String> callable = new Callable<>() {
            @Override
            public String call() {
                return "ran";
            }
        };
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
        Set<Thread> initialized = ConcurrentHashMap.newKeySet();
        ThreadLocal<Boolean> ready = ThreadLocal.withInitial(() -> false);
        Executor ex = newExecutor(3, () -> {
            ready.set(true);
            initialized.add(Thread.currentThread());
        });
        CountDownLatch allRunning = new CountDownLatch(3);
        List<Future<Thread>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(ex.submit(() -> {
                assertThat(ready.get()).as("initialized before the task").isTrue();
                allRunning.countDown();
                allRunning.await();
                return Thread.currentThread();
            }));
        }
        for (Future<Thread> f : fs) {
            assertThat(initialized).contains(f.result());
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
                    fs.add(ex.submit(() -> 1));
                }
            } catch (BrokenExecutorException alreadyBroken) {
                // Python's test allows it too: the executor may break before every submit is in
            }
            assertThat(fs).isNotEmpty();
            for (Future<Integer> f : fs) {
                assertThatThrownBy(f::result).isInstanceOf(CompletionException.class)
                        .cause().isInstanceOf(BrokenExecutorException.class);
            }
            assertThatThrownBy(() -> ex.submit(() -> 1)).isInstanceOf(BrokenExecutorException.class);
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
        Future<Integer> bad = ex.submit(() -> {
            throw disk;
        });
        assertThat(bad.exception()).isSameAs(disk);
        assertThat(ex.submit(() -> 2).result()).isEqualTo(2);
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
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
            throw new IOException("two");
        }, () -> 3);
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
        List<java.util.concurrent.Future<Integer>> fs = ex.invokeAll(List.of(() -> 1, () -> {
            passGate();
            return 2;
        }, () -> 3), 200, TimeUnit.MILLISECONDS);
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
        assertThat(ex.invokeAny(List.<Callable<String>>of(() -> {
            throw new IOException("no");
        }, () -> "yes"))).isEqualTo("yes");
        assertThatThrownBy(() -> ex.invokeAny(List.<Callable<String>>of(() -> {
            throw new IOException("no");
        }))).isInstanceOf(ExecutionException.class);
    }

    @Test
    @DisplayName("execute runs the command; isShutdown, isTerminated and awaitTermination have the JDK's meaning")
    void executeAndLifecycle() throws Exception {
        Executor ex = newExecutor(2);
        CountDownLatch ran = new CountDownLatch(1);
        ex.execute(ran::countDown);
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ex.isShutdown()).isFalse();
        assertThat(ex.isTerminated()).isFalse();
        assertThat(ex.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
        ex.shutdown();
        assertThat(ex.isShutdown()).isTrue();
        assertThat(ex.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ex.isTerminated()).isTrue();
    }
}
