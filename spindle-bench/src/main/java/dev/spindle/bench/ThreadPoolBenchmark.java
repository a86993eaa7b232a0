package dev.spindle.bench;

import dev.spindle.futures.ThreadPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 7: submit-to-result of trivial tasks on a 2-worker pool: a batch of 1,000 submits,
 * then the 1,000 results; the score is per task. Spindle's {@link ThreadPoolExecutor} on
 * platform threads and in virtual-thread mode against the JDK's
 * {@link java.util.concurrent.ThreadPoolExecutor} ({@code Executors.newFixedThreadPool(2)}) and a
 * {@link ForkJoinPool} of parallelism 2 (the target: at least as fast as the JDK's pool).
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar ThreadPoolBenchmark}. CPython
 * peer: {@code spindle-bench/python/peers.py tpe_submit}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThreadPoolBenchmark {

    static final int BATCH = 1_000;

    /** {@code spindle.platform}, {@code spindle.virtual}, {@code jdk.ThreadPoolExecutor} or {@code jdk.ForkJoinPool}. */
    @Param({"spindle.platform", "spindle.virtual", "jdk.ThreadPoolExecutor", "jdk.ForkJoinPool"})
    public String impl;

    /** Worker threads (or, in virtual mode, tasks running at once). */
    @Param({"2"})
    public int workers;

    private ExecutorService pool;
    private final List<Future<Integer>> futures = new ArrayList<>(BATCH);
    private final Callable<Integer> task = () -> 42;

    @Setup(Level.Trial)
    public void setUp() {
        pool = pool(impl, workers);
    }

    static ExecutorService pool(String impl, int workers) {
        return switch (impl) {
            case "spindle.platform" -> new ThreadPoolExecutor(workers);
            case "spindle.virtual" -> ThreadPoolExecutor.builder().maxWorkers(workers).virtualThreads(true).build();
            case "jdk.ThreadPoolExecutor" -> Executors.newFixedThreadPool(workers);
            case "jdk.ForkJoinPool" -> new ForkJoinPool(workers);
            default -> throw new IllegalArgumentException("impl: " + impl);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** 1,000 submits, then 1,000 results. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long submitBatch() throws InterruptedException, ExecutionException {
        futures.clear();
        for (int i = 0; i < BATCH; i++) {
            futures.add(pool.submit(task));
        }
        long sum = 0;
        for (Future<Integer> f : futures) {
            sum += f.get();
        }
        return sum;
    }
}
