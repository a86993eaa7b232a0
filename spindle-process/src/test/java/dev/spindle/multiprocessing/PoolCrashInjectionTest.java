package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.futures.Future;
import dev.spindle.futures.TaskKit;
import dev.spindle.multiprocessing.testing.ProcessTaskKit;
import dev.spindle.multiprocessing.testing.Watchdog;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Crash injection for {@link ProcessPoolExecutor}, after CPython's {@code test_deadlock.py}
 * (PPE-13, PPE-16, PPE-17, PPE-18): workers that die while reading a task, while running it, or
 * while writing its result; errors at each of those points; a huge argument in flight when the
 * worker dies; a burst of submits; a shutdown during a crash. Every future ends with the right
 * exception, nothing hangs (the {@link Watchdog} fails a test that does, with a thread dump), the
 * pool goes on, and no worker JVM is left (NoOrphans, after the class).
 */
@ExtendWith(Watchdog.class)
@Watchdog.Limit(seconds = 60)
@Timeout(120)
class PoolCrashInjectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @AutoClose
    private final ProcessTaskKit kit = new ProcessTaskKit();

    private final List<ProcessPoolExecutor> pools = new CopyOnWriteArrayList<>();

    private ProcessPoolExecutor pool(int workers) {
        ProcessPoolExecutor p = ProcessPoolExecutor.builder().maxWorkers(workers).build();
        pools.add(p);
        return p;
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        for (ProcessPoolExecutor p : pools) {
            p.shutdownNow();
            assertThat(p.awaitTermination(30, TimeUnit.SECONDS)).as("%s terminates", p).isTrue();
            assertThat(p.workerPids()).isEmpty();
        }
    }

    static Throwable outcome(Future<?> f) throws InterruptedException {
        try {
            f.result(PATIENCE);
            throw new AssertionError("expected " + f + " to fail");
        } catch (CompletionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(f + " did not complete within " + PATIENCE, e);
        }
    }

    /** A value whose deserialization, in the worker, does {@code what}. */
    static final class OnRead implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String what;

        OnRead(String what) {
            this.what = what;
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            switch (what) {
                case "halt" -> Runtime.getRuntime().halt(11);     // as abrupt as a native crash
                case "exit" -> System.exit(7);
                default -> throw new IOException("injected: cannot read this argument");
            }
        }
    }

    /** A result whose serialization, in the worker, does {@code what}. */
    static final class OnWrite implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String what;

        OnWrite(String what) {
            this.what = what;
        }

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            switch (what) {
                case "halt" -> Runtime.getRuntime().halt(12);
                case "exit" -> System.exit(8);
                default -> throw new IOException("injected: cannot write this result");
            }
        }
    }

    @Test
    @DisplayName("PPE-13: a worker that crashes while reading its task's argument fails that task (WorkerCrashedException); the pool goes on")
    void crashAtTaskRead() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        OnRead arg = new OnRead("halt");
        Throwable e = outcome(pool.submit(() -> arg.what));
        assertThat(e).isInstanceOf(WorkerCrashedException.class);
        assertThat(((WorkerCrashedException) e).exitCode()).isEqualTo(11);
        assertThat(pool.submit(() -> "alive").result(PATIENCE)).isEqualTo("alive");
    }

    @Test
    @DisplayName("PPE-13: System.exit while reading the argument fails that task with the exit code; the pool goes on")
    void exitAtTaskRead() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        OnRead arg = new OnRead("exit");
        Throwable e = outcome(pool.submit(() -> arg.what));
        assertThat(e).isInstanceOf(WorkerCrashedException.class).hasMessageContaining("exit code 7");
        assertThat(pool.submit(() -> "alive").result(PATIENCE)).isEqualTo("alive");
    }

    @Test
    @DisplayName("PPE-13: an error while reading the argument is the task's exception; the worker lives on")
    void errorAtTaskRead() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        long worker = pool.submit(() -> ProcessHandle.current().pid()).result(PATIENCE);
        OnRead arg = new OnRead("throw");
        assertThat(outcome(pool.submit(() -> arg.what))).isInstanceOf(IOException.class)
                .hasMessage("injected: cannot read this argument");
        assertThat(pool.submit(() -> ProcessHandle.current().pid()).result(PATIENCE)).isEqualTo(worker);
    }

    @Test
    @DisplayName("PPE-16: an error while writing the result is the task's exception; the worker lives on")
    void errorAtResultWrite() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        long worker = pool.submit(() -> ProcessHandle.current().pid()).result(PATIENCE);
        assertThat(outcome(pool.submit(() -> new OnWrite("throw")))).isInstanceOf(IOException.class)
                .hasMessage("injected: cannot write this result");
        assertThat(pool.submit(() -> ProcessHandle.current().pid()).result(PATIENCE)).isEqualTo(worker);
    }

    @Test
    @DisplayName("PPE-16: System.exit or a crash while writing the result fails that task with WorkerCrashedException; the pool goes on")
    void exitAtResultWrite() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        assertThat(outcome(pool.submit(() -> new OnWrite("exit")))).isInstanceOf(WorkerCrashedException.class)
                .hasMessageContaining("exit code 8");
        assertThat(outcome(pool.submit(() -> new OnWrite("halt")))).isInstanceOf(WorkerCrashedException.class)
                .hasMessageContaining("exit code 12");
        assertThat(pool.submit(() -> "alive").result(PATIENCE)).isEqualTo("alive");
    }

    @Test
    @DisplayName("PPE-18: a worker killed with a 64 MiB argument in flight fails that task alone, with no deadlock")
    void crashWithBigDataInFlight() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        TaskKit.Latch reading = kit.latch(1);
        TaskKit.Gate never = kit.gate();
        Future<Long> first = pool.submit(() -> {
            reading.countDown();
            never.pass();
            return ProcessHandle.current().pid();
        });
        assertThat(reading.await(PATIENCE)).isTrue();
        byte[] big = new byte[64 << 20];
        Future<Integer> bigTask = pool.submit(() -> big.length);
        long victim = pool.workerPids().get(0);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        assertThat(outcome(first)).isInstanceOf(WorkerCrashedException.class);
        assertThat(bigTask.result(PATIENCE)).as("queued in the pool, not lost with the worker").isEqualTo(64 << 20);
    }

    @Test
    @DisplayName("PPE-18: a worker killed while a 64 MiB argument is on its way to it: the task ends (crashed, or done if it won the race) and the pool goes on")
    void killedWhileReadingBigArgument() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        long worker = pool.submit(() -> ProcessHandle.current().pid()).result(PATIENCE);
        byte[] big = new byte[64 << 20];
        Future<Integer> f = pool.submit(() -> big.length);
        ProcessHandle.of(worker).orElseThrow().destroyForcibly();
        try {
            assertThat(f.result(PATIENCE)).isEqualTo(64 << 20);
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WorkerCrashedException.class);
        }
        assertThat(pool.submit(() -> "alive").result(PATIENCE)).isEqualTo("alive");
    }

    @Test
    @DisplayName("PPE-18: 100 fast submits on 2 workers all complete in order of their own results")
    void hundredFastSubmits() throws Exception {
        ProcessPoolExecutor pool = pool(2);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int x = i;
            fs.add(pool.submit(() -> x * 2));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(fs.get(i).result(PATIENCE)).isEqualTo(i * 2);
        }
    }

    @Test
    @DisplayName("PPE-17: shutdown(wait) while a worker crashes: the crashed task fails, the queued ones run, shutdown returns")
    void shutdownDuringCrash() throws Exception {
        ProcessPoolExecutor pool = pool(2);
        TaskKit.Latch bothRunning = kit.latch(2);
        Future<Integer> crashing = pool.submit(() -> {
            bothRunning.countDown();
            bothRunning.await();
            Runtime.getRuntime().halt(9);
            return 0;
        });
        Future<Integer> other = pool.submit(() -> {
            bothRunning.countDown();
            bothRunning.await();
            return 1;
        });
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int x = i;
            queued.add(pool.submit(() -> x));
        }
        pool.shutdown(true, false);
        assertThat(outcome(crashing)).isInstanceOf(WorkerCrashedException.class);
        assertThat(other.resultNow()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(queued.get(i).resultNow()).isEqualTo(i);
        }
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    @DisplayName("a task that kills its worker runs once: it fails, and is not retried on worker after worker")
    void noRetryLoop() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        TaskKit.Log<Long> ran = kit.log();
        Future<Integer> killer = pool.submit(() -> {
            ran.add(ProcessHandle.current().pid());
            Runtime.getRuntime().halt(3);
            return 0;
        });
        assertThat(outcome(killer)).isInstanceOf(WorkerCrashedException.class);
        assertThat(pool.submit(() -> 1).result(PATIENCE)).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> ran.snapshot().size() == 1);
        assertThat(ran.snapshot()).hasSize(1);
    }

    @Test
    @DisplayName("shutdownNow during a crash: no deadlock, every future ends, no worker left")
    void shutdownNowDuringCrash() throws Exception {
        ProcessPoolExecutor pool = pool(2);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int x = i;
            fs.add(pool.submit(() -> {
                if (x % 5 == 0) {
                    Runtime.getRuntime().halt(1);
                }
                return x;
            }));
        }
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Future<Integer> f : fs) {
            assertThat(f.done()).as("%s ended", f).isTrue();
        }
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
