package dev.spindle.bench;

import dev.spindle.futures.Executor;
import dev.spindle.futures.ThreadPoolExecutor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 8: {@code map} of a trivial function over 100,000 items on a 2-worker pool, results
 * consumed in input order. Spindle's {@link Executor#map} against the JDK way to do the same
 * job: submit every call to a {@link java.util.concurrent.ThreadPoolExecutor}, then take the
 * results in order (the JDK has no {@code map}).
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar MapBenchmark}. CPython peer:
 * {@code spindle-bench/python/peers.py tpe_map_100k}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MapBenchmark {

    static final int ITEMS = 100_000;

    /** {@code spindle.map} or {@code jdk.submitAll}. */
    @Param({"spindle.map", "jdk.submitAll"})
    public String impl;

    private ExecutorService pool;
    private List<Integer> items;

    @Setup(Level.Trial)
    public void setUp() {
        pool = impl.startsWith("spindle") ? new ThreadPoolExecutor(2) : Executors.newFixedThreadPool(2);
        items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            items.add(i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Maps x -> x + 1 over the items and sums the results in order. */
    @Benchmark
    public long map() throws InterruptedException, ExecutionException {
        long sum = 0;
        if (pool instanceof Executor spindle) {
            Iterator<Integer> results = spindle.map((Integer x) -> x + 1, items);
            while (results.hasNext()) {
                sum += results.next();
            }
        } else {
            List<Future<Integer>> futures = new ArrayList<>(ITEMS);
            for (Integer x : items) {
                futures.add(pool.submit(() -> x + 1));
            }
            for (Future<Integer> f : futures) {
                sum += f.get();
            }
        }
        return sum;
    }
}
