package dev.spindle.bench;

import dev.spindle.futures.CloseableIterator;
import dev.spindle.multiprocessing.ProcessPoolExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The process pool's workloads, on a warm 2-worker {@link ProcessPoolExecutor}:
 * <ul>
 *   <li>{@link #mapChunk1()} and {@link #mapChunk100()}: {@code map} of a trivial function over
 *       10,000 items with chunk sizes 1 and 100, results consumed in order (ms per map);</li>
 *   <li>{@link #roundTrip()}: one {@code submit} and its {@code result()} (µs per task).</li>
 * </ul>
 * The JDK has no process pool, so there is no JDK column; the peer is CPython's
 * {@code concurrent.futures.ProcessPoolExecutor} doing the same work
 * ({@code spindle-bench/python/peers.py ppe_map_chunk1 ppe_map_chunk100 ppe_roundtrip}).
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar ProcessPoolBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProcessPoolBenchmark {

    static final int ITEMS = 10_000;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    /** Only Spindle: the JDK has no process pool. */
    @Param({"spindle.ProcessPoolExecutor"})
    public String impl;

    private ProcessPoolExecutor pool;
    private List<Integer> items;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        pool = ProcessPoolExecutor.builder().maxWorkers(2).build();
        items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            items.add(i);
        }
        // Warm, as a pool in use is: both workers started, and the task and map paths compiled
        // in them and here (quick runs have only two short warm-up iterations, and a worker is a
        // fresh JVM whose JIT starts cold).
        List<dev.spindle.futures.Future<Integer>> warm = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int x = i;
            warm.add(pool.submit(() -> x));
        }
        for (var f : warm) {
            f.result(PATIENCE);
        }
        for (int i = 0; i < 3_000; i++) {
            pool.submit(() -> 1).result(PATIENCE);
        }
        for (int i = 0; i < 5; i++) {
            sum(100);
        }
        sum(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.shutdown(true, false);
    }

    private long sum(int chunksize) {
        long sum = 0;
        try (CloseableIterator<Integer> results = pool.map((Integer x) -> x + 1, items, PATIENCE, chunksize)) {
            while (results.hasNext()) {
                sum += results.next();
            }
        }
        return sum;
    }

    /** map over 10,000 items, one item per task. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long mapChunk1() {
        return sum(1);
    }

    /** map over 10,000 items, 100 items per task. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long mapChunk100() {
        return sum(100);
    }

    /** One warm submit-to-result round trip. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int roundTrip() throws Exception {
        return pool.submit(() -> 1).result(PATIENCE);
    }
}
