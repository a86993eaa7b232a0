package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.futures.BrokenExecutorException;
import dev.spindle.futures.CloseableIterator;
import dev.spindle.futures.Future;
import dev.spindle.futures.TaskKit;
import dev.spindle.multiprocessing.testing.ProcessTaskKit;
import dev.spindle.multiprocessing.testing.Watchdog;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ProcessPoolExecutor}: CPython's {@code test_process_pool.py} items (PPE) with a Java
 * meaning, and the crash and timeout rules by which Spindle's pool differs from CPython's.
 */
@ExtendWith(Watchdog.class)
@Watchdog.Limit(seconds = 60)
@Timeout(120)
class ProcessPoolExecutorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<ProcessPoolExecutor> pools = new CopyOnWriteArrayList<>();
    @org.junit.jupiter.api.AutoClose
    private final ProcessTaskKit kit = new ProcessTaskKit();

    private ProcessPoolExecutor pool(ProcessPoolExecutor.Builder builder) {
        ProcessPoolExecutor p = builder.build();
        pools.add(p);
        return p;
    }

    private ProcessPoolExecutor pool(int workers) {
        return pool(ProcessPoolExecutor.builder().maxWorkers(workers));
    }


    @AfterEach
    void shutDown() throws InterruptedException {
        for (ProcessPoolExecutor p : pools) {
            p.shutdownNow();
            assertThat(p.awaitTermination(30, TimeUnit.SECONDS)).as("%s terminates", p).isTrue();
            assertThat(p.workerPids()).isEmpty();
        }
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** What an exception from result() wraps. */
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

    // ---------------------------------------------------------------- construction

    @Test
    @DisplayName("EXEC-03, EXEC-07, PPE-07: maxWorkers <= 0, maxTasksPerChild <= 0, a non-positive timeout and a null initializer are refused, naming the value")
    void badArguments() {
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().maxWorkers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxWorkers must be greater than 0: 0");
        assertThatThrownBy(() -> new ProcessPoolExecutor(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxWorkers must be greater than 0: -1");
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().maxTasksPerChild(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTasksPerChild must be >= 1: 0");
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().taskTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("taskTimeout must be positive: PT0S");
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().interruptGrace(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interruptGrace must be >= 0: PT-1S");
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().initializer(null))
                .isInstanceOf(NullPointerException.class).hasMessage("initializer");
        assertThat(new ProcessPoolExecutor().maxWorkers()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    @DisplayName("EXEC-01: a task runs in another process and its result comes back; sequential tasks reuse one worker (PPE-11)")
    void runsInAWorker() throws Exception {
        ProcessPoolExecutor pool = pool(2);
        long first = pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE);
        assertThat(first).isNotEqualTo(pid());
        for (int i = 0; i < 5; i++) {
            int x = i;
            assertThat(pool.submit(() -> x * x).result(PATIENCE)).isEqualTo(i * i);
            assertThat(pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE)).isEqualTo(first);
        }
        assertThat(pool.workerPids()).containsExactly(first);
        assertThat(pool.submit((SerializableRunnable) () -> { }).result(PATIENCE)).isNull();
        assertThat(pool.submit(() -> { }, "done").result(PATIENCE)).isEqualTo("done");
    }

    @Test
    @DisplayName("PPE-11: three tasks blocked at once get three workers; never more than maxWorkers")
    void startsWorkersOnDemand() throws Exception {
        ProcessPoolExecutor pool = pool(3);
        TaskKit.Gate gate = kit.gate();
        List<Future<Long>> blocked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blocked.add(pool.submit(() -> {
                gate.pass();
                return pid();
            }));
        }
        await().atMost(PATIENCE).until(() -> blocked.stream().filter(Future::running).count() == 3);
        assertThat(pool.workerPids()).hasSizeLessThanOrEqualTo(3);
        gate.open();
        List<Long> pids = new ArrayList<>();
        for (Future<Long> f : blocked) {
            pids.add(f.result(PATIENCE));
        }
        assertThat(pids.stream().distinct().count()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- outcomes

    static final class Boom extends IllegalStateException {
        Boom(String message) {
            super(message);
        }
    }

    static int explode(int x) {
        throw new Boom("boom " + x);
    }

    @Test
    @DisplayName("PPE-04: a task's exception keeps its type and message; its cause is a RemoteTraceback holding the worker's stack trace")
    void remoteTraceback() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        Throwable e = outcome(pool.submit(() -> explode(7)));
        assertThat(e).isInstanceOf(Boom.class).hasMessage("boom 7");
        assertThat(e.getCause()).isInstanceOf(RemoteTraceback.class);
        assertThat(e.getCause().getMessage()).contains("Boom: boom 7").contains("explode");
        assertThat(pool.isBroken()).isFalse();
    }

    @Test
    @DisplayName("PPE-15: a task throwing an Error or RuntimeException fails only its future; the worker and pool go on")
    void errorsAreOutcomes() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        long worker = pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE);
        assertThat(outcome(pool.submit(() -> {
            throw new StackOverflowError("deep");
        }))).isInstanceOf(StackOverflowError.class).hasMessage("deep");
        assertThat(outcome(pool.submit(() -> {
            throw new UnsupportedOperationException("no");
        }))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE)).isEqualTo(worker);
    }

    @Test
    @DisplayName("PPE-14: a task capturing a non-serializable value fails its future at once, in the caller; the pool is unaffected")
    void argumentNotSerializable() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        Object notSerializable = new Object();
        Future<String> f = pool.submit(() -> notSerializable.toString());
        assertThat(f.done()).isTrue();
        assertThat(outcome(f)).isInstanceOf(NotSerializableException.class).hasMessageContaining("java.lang.Object");
        java.util.concurrent.Callable<Integer> plain = () -> 1;     // a type that is not Serializable
        assertThat(outcome(pool.submit(plain))).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("is not Serializable").hasMessageContaining("SerializableCallable");
        assertThat(pool.submit(() -> 42).result(PATIENCE)).isEqualTo(42);
        assertThat(pool.isBroken()).isFalse();
    }

    @Test
    @DisplayName("PPE-16: a result that cannot be serialized reaches its future as NotSerializableException; the worker lives on")
    void resultNotSerializable() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        long worker = pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE);
        assertThat(outcome(pool.submit(Object::new))).isInstanceOf(NotSerializableException.class);
        assertThat(outcome(pool.submit(() -> {
            throw new NotSerializableFailure();
        }))).isInstanceOf(NotSerializableException.class).hasMessageContaining("NotSerializableFailure");
        assertThat(pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE)).isEqualTo(worker);
    }

    /** An exception with a field that cannot be serialized. */
    static final class NotSerializableFailure extends RuntimeException {
        @SuppressWarnings("unused")
        private final transient Object ok = new Object();
        @SuppressWarnings({"unused", "serial"})
        private final Object notOk = new Object();
    }

    // ---------------------------------------------------------------- crashes

    @Test
    @DisplayName("PPE-05, PPE-02, PPE-03 (Spindle's rule): System.exit(99) fails only that task with WorkerCrashedException naming pid and exit code; the pool goes on")
    void exitInTask() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        long worker = pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE);
        Throwable e = outcome(pool.submit(() -> {
            System.exit(99);
            return 0;
        }));
        assertThat(e).isInstanceOf(WorkerCrashedException.class)
                .hasMessageContaining("terminated abruptly with exit code 99").hasMessageContaining("pid " + worker);
        WorkerCrashedException crash = (WorkerCrashedException) e;
        assertThat(crash.pid()).isEqualTo(worker);
        assertThat(crash.exitCode()).isEqualTo(99);
        long replacement = pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE);
        assertThat(replacement).isNotEqualTo(worker);
        assertThat(pool.isBroken()).isFalse();
    }

    @Test
    @DisplayName("PPE-02, PPE-03 (Spindle's rule): a worker killed from outside by pid fails each of its futures with its own WorkerCrashedException (-9); the others run")
    void killedFromOutside() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        TaskKit.Gate gate = kit.gate();
        Future<Long> running = pool.submit(() -> {
            gate.pass();
            return pid();
        });
        Future<Long> queued = pool.submit(ProcessPoolExecutorTest::pid);
        await().atMost(PATIENCE).until(running::running);
        await().atMost(PATIENCE).until(() -> pool.workerPids().size() == 1);
        long victim = pool.workerPids().get(0);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        Throwable e = outcome(running);
        assertThat(e).isInstanceOf(WorkerCrashedException.class).hasMessageContaining("exit code -9");
        assertThat(((WorkerCrashedException) e).exitCode()).isEqualTo(-9);
        assertThat(outcome(running)).as("each result() sees the same exception, not a pile-up").isSameAs(e);
        assertThat(queued.result(PATIENCE)).isNotEqualTo(victim);
    }

    @Test
    @DisplayName("an OutOfMemoryError ends the worker (-XX:+ExitOnOutOfMemoryError, exit code 3), and the crash says so")
    void outOfMemory() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(1).jvmOptions(List.of("-Xmx64m")));
        Throwable e = outcome(pool.submit(() -> {
            List<long[]> hog = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                hog.add(new long[1 << 20]);
            }
            return hog.size();
        }));
        assertThat(e).isInstanceOf(WorkerCrashedException.class);
        assertThat(((WorkerCrashedException) e).exitCode()).isEqualTo(3);
        assertThat(e).hasMessageContaining("out of memory");
        assertThat(pool.submit(() -> 1).result(PATIENCE)).isEqualTo(1);
    }

    @Test
    @DisplayName("EXEC-06, PPE-10: a failing initializer breaks the pool: pending futures and later submits get BrokenProcessPoolException")
    void initializerFails() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(1).initializer(() -> {
            throw new IllegalStateException("no config");
        }));
        Future<Integer> f = pool.submit(() -> 1);
        Throwable e = outcome(f);
        assertThat(e).isInstanceOf(BrokenProcessPoolException.class).isInstanceOf(BrokenExecutorException.class)
                .hasMessageContaining("initializer failed");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("no config");
        assertThat(pool.isBroken()).isTrue();
        assertThatThrownBy(() -> pool.submit(() -> 2)).isInstanceOf(BrokenProcessPoolException.class);
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("PPE-10: a worker JVM that cannot start breaks the pool with BrokenProcessPoolException, and nothing hangs")
    void workerCannotStart() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(1)
                .jvmOptions(List.of("-XX:+ThisOptionDoesNotExist")));
        Throwable e = outcome(pool.submit(() -> 1));
        assertThat(e).isInstanceOf(BrokenProcessPoolException.class).hasMessageContaining("could not be started");
        assertThat(e.getCause()).isInstanceOf(WorkerCrashedException.class);
        assertThat(((WorkerCrashedException) e.getCause()).stderrTail()).contains("ThisOptionDoesNotExist");
        assertThatThrownBy(() -> pool.submit(() -> 2)).isInstanceOf(BrokenProcessPoolException.class);
    }

    @Test
    @DisplayName("EXEC-05: the initializer runs in each worker before its first task")
    void initializerRuns() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(1)
                .initializer(() -> System.setProperty("spindle.test.initialized", "yes")));
        assertThat(pool.submit(() -> System.getProperty("spindle.test.initialized")).result(PATIENCE)).isEqualTo("yes");
        assertThat(System.getProperty("spindle.test.initialized")).isNull();
    }

    // ---------------------------------------------------------------- max tasks per child

    @Test
    @DisplayName("PPE-06: maxTasksPerChild=3 on one worker: tasks 1 to 3 share a pid, task 4 runs in a new one")
    void maxTasksPerChild() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(3));
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pids.add(pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE));
        }
        assertThat(pids.subList(0, 3)).containsOnly(pids.get(0));
        assertThat(pids.get(3)).isNotEqualTo(pids.get(0));
        await().atMost(PATIENCE).until(() -> pool.workerPids().size() == 1);
    }

    @Test
    @DisplayName("PPE-08, PPE-19: maxTasksPerChild=1 with more work than workers: every task completes, and shutdown(wait) returns")
    void maxTasksPerChildWithABacklog() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(2).maxTasksPerChild(1));
        List<Future<Long>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(pool.submit(ProcessPoolExecutorTest::pid));
        }
        Future<Integer> failing = pool.submit(() -> explode(1));
        pool.shutdown(true, false);
        assertThat(fs.stream().map(Future::resultNow).distinct().count()).isEqualTo(6);
        assertThat(outcome(failing)).isInstanceOf(Boom.class);
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    @DisplayName("PPE-09: workers retiring after shutdown(wait=false) are replaced while work is queued; every future completes")
    void maxTasksPerChildAfterShutdownNoWait() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(1));
        List<Future<Long>> fs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fs.add(pool.submit(ProcessPoolExecutorTest::pid));
        }
        pool.shutdown(false, false);
        List<Long> pids = new ArrayList<>();
        for (Future<Long> f : fs) {
            pids.add(f.result(PATIENCE));
        }
        assertThat(pids).doesNotHaveDuplicates();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("PPE-09, SHUT-06: an executor nobody references is shut down; what was queued still completes and its workers end")
    void collectedExecutor() throws Exception {
        List<Future<Long>> fs = new ArrayList<>();
        java.lang.ref.WeakReference<ProcessPoolExecutor> ref = submitToAPoolNobodyKeeps(fs);
        await().atMost(PATIENCE).until(() -> {
            System.gc();
            return ref.get() == null;
        });
        for (Future<Long> f : fs) {
            assertThat(f.result(PATIENCE)).isNotEqualTo(pid());
        }
        long[] pids = fs.stream().mapToLong(Future::resultNow).toArray();
        await().atMost(PATIENCE).until(() -> java.util.Arrays.stream(pids)
                .noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)));
    }

    /** In a method of its own, so that no stack slot of the test keeps the pool reachable. */
    private static java.lang.ref.WeakReference<ProcessPoolExecutor> submitToAPoolNobodyKeeps(List<Future<Long>> fs) {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(1).build();
        for (int i = 0; i < 3; i++) {
            fs.add(pool.submit(ProcessPoolExecutorTest::pid));
        }
        return new java.lang.ref.WeakReference<>(pool);
    }

    @Test
    @DisplayName("PPE-12: killWorkers() and terminateWorkers() end the workers at once: running tasks fail (BrokenProcessPoolException), queued ones are cancelled, submit is rejected")
    void forceShutdown() throws Exception {
        for (boolean kill : new boolean[] {true, false}) {
            ProcessPoolExecutor pool = pool(1);
            TaskKit.Gate never = kit.gate();
            Future<Integer> running = pool.submit(() -> {
                never.pass();
                return 1;
            });
            Future<Integer> queued = pool.submit(() -> 2);
            await().atMost(PATIENCE).until(running::running);
            await().atMost(PATIENCE).until(() -> pool.workerPids().size() == 1);
            if (kill) {
                pool.killWorkers();
            } else {
                pool.terminateWorkers();
            }
            Throwable e = outcome(running);
            assertThat(e).isInstanceOf(BrokenProcessPoolException.class)
                    .hasMessageContaining(kill ? "killWorkers()" : "terminateWorkers()");
            assertThat(((WorkerCrashedException) e.getCause()).exitCode()).isEqualTo(kill ? -9 : -15);
            assertThat(queued.cancelled()).isTrue();
            assertThatThrownBy(() -> pool.submit(() -> 3)).isInstanceOf(RejectedExecutionException.class);
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            pool.killWorkers();      // nothing left to do: no error
        }
        ProcessPoolExecutor unused = pool(1);
        unused.terminateWorkers();   // no worker ever started
        assertThat(unused.isTerminated()).isTrue();
    }

    // ---------------------------------------------------------------- timeouts and cancel(true)

    @Test
    @DisplayName("an overdue task's future fails with TimeoutException; the task is interrupted and its worker, which stops, is reused")
    void timeoutInterrupts() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(1)
                .taskTimeout(Duration.ofMillis(500)).interruptGrace(Duration.ofSeconds(20)));
        long worker = pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE);
        Future<Integer> overdue = pool.submit(() -> {
            Thread.sleep(120_000);
            return 1;
        });
        assertThat(outcome(overdue)).isInstanceOf(TimeoutException.class).hasMessageContaining("PT0.5S");
        assertThat(pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE)).isEqualTo(worker);
    }

    @Test
    @DisplayName("an overdue task that ignores interrupts has its worker killed after the grace; a replacement runs the next task")
    void timeoutKills() throws Exception {
        ProcessPoolExecutor pool = pool(ProcessPoolExecutor.builder().maxWorkers(1)
                .taskTimeout(Duration.ofMillis(300)).interruptGrace(Duration.ofMillis(200)));
        long worker = pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE);
        Future<Integer> runaway = pool.submit(() -> {
            for (;;) {
                Thread.onSpinWait();
            }
        });
        assertThat(outcome(runaway)).isInstanceOf(TimeoutException.class);
        long next = pool.submit(ProcessPoolExecutorTest::pid).result(PATIENCE);
        assertThat(next).isNotEqualTo(worker);
        assertThat(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    @DisplayName("FUT-07, cancel(true) on a running task returns false, interrupts it in its worker, and the future ends with the InterruptedException")
    void cancelRunning() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        Future<Integer> f = pool.submit(() -> {
            Thread.sleep(120_000);
            return 1;
        });
        await().atMost(PATIENCE).until(f::running);
        assertThat(f.cancel(true)).isFalse();
        assertThat(outcome(f)).isInstanceOf(InterruptedException.class);
        assertThat(pool.submit(() -> 2).result(PATIENCE)).isEqualTo(2);
    }

    // ---------------------------------------------------------------- map

    @Test
    @DisplayName("MAP-01, MAP-08: map in chunks of 1, 7 and the default size gives every result in input order")
    void mapInOrder() throws Exception {
        ProcessPoolExecutor pool = pool(2);
        List<Integer> items = IntStream.range(0, 50).boxed().toList();
        List<Integer> squares = items.stream().map(x -> x * x).toList();
        for (int chunk : new int[] {1, 7}) {
            try (CloseableIterator<Integer> it = pool.map(x -> x * x, items, Duration.ofSeconds(30), chunk)) {
                List<Integer> out = new ArrayList<>();
                it.forEachRemaining(out::add);
                assertThat(out).as("chunksize %d", chunk).isEqualTo(squares);
            }
        }
        List<Integer> out = new ArrayList<>();
        pool.map((Integer x) -> x * x, items).forEachRemaining(out::add);
        assertThat(out).isEqualTo(squares);
    }

    @Test
    @DisplayName("MAP-03: an item whose call throws surfaces as CompletionException at its place; the items before it come first")
    void mapFailureInAChunk() {
        ProcessPoolExecutor pool = pool(1);
        CloseableIterator<Integer> it = pool.map(x -> x == 3 ? explode(x) : x, List.of(0, 1, 2, 3, 4), Duration.ofSeconds(30), 5);
        assertThat(it.next()).isEqualTo(0);
        assertThat(it.next()).isEqualTo(1);
        assertThat(it.next()).isEqualTo(2);
        assertThatThrownBy(it::next).isInstanceOf(CompletionException.class).hasCauseInstanceOf(Boom.class);
    }

    @Test
    @DisplayName("map: an item that cannot be serialized fails alone; the others of its chunk run")
    void mapItemNotSerializable() {
        ProcessPoolExecutor pool = pool(1);
        List<Object> items = List.of("a", new Object(), "c");
        CloseableIterator<String> it = pool.map(Object::toString, items, Duration.ofSeconds(30), 3);
        assertThat(it.next()).isEqualTo("a");
        assertThatThrownBy(it::next).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(NotSerializableException.class);
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    @DisplayName("SHUT-01, PPE-17: after shutdown, submit is rejected; a crash during shutdown(wait) fails its task, runs the rest and does not deadlock")
    void shutdownDuringACrash() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        Future<Integer> crashing = pool.submit(() -> {
            Runtime.getRuntime().halt(5);
            return 0;
        });
        Future<Integer> after = pool.submit(() -> 7);
        pool.shutdown(true, false);
        assertThat(outcome(crashing)).isInstanceOf(WorkerCrashedException.class);
        assertThat(after.resultNow()).isEqualTo(7);
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class)
                .hasMessage("cannot schedule new futures after shutdown");
        assertThat(pool.workerPids()).isEmpty();
    }

    @Test
    @DisplayName("SHUT-03: shutdown(cancelFutures) cancels what is queued; shutdownNow() interrupts what runs and returns what was queued")
    void shutdownNow() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        Future<Integer> running = pool.submit(() -> {
            Thread.sleep(120_000);
            return 1;
        });
        Future<Integer> queued = pool.submit(() -> 2);
        await().atMost(PATIENCE).until(running::running);
        List<Runnable> left = pool.shutdownNow();
        assertThat(left).hasSize(1);
        assertThat(queued.cancelled()).isTrue();
        assertThat(outcome(running)).isInstanceOf(InterruptedException.class);
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("invokeAll and invokeAny run serializable tasks in the workers")
    void invoke() throws Exception {
        ProcessPoolExecutor pool = pool(2);
        List<java.util.concurrent.Callable<Integer>> tasks = List.of((SerializableCallable<Integer>) () -> 1,
                (SerializableCallable<Integer>) () -> 2);
        List<Integer> results = new ArrayList<>();
        for (java.util.concurrent.Future<Integer> f : pool.invokeAll(tasks)) {
            results.add(f.get());
        }
        assertThat(results).containsExactly(1, 2);
        assertThat(pool.invokeAny(tasks)).isIn(1, 2);
        List<java.util.concurrent.Callable<Integer>> failing = List.of((SerializableCallable<Integer>) () -> explode(0));
        assertThatThrownBy(() -> pool.invokeAny(failing)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(Boom.class);
    }
}
