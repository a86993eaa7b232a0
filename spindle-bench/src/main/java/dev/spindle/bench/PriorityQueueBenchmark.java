package dev.spindle.bench;

import dev.spindle.queue.PriorityQueue;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 5: one put and one get on a priority queue that holds 1,000 items, in one thread:
 * Spindle's {@link PriorityQueue} (FIFO among equal priorities) against the JDK's
 * {@link PriorityBlockingQueue} (the target: at least as fast). Keys are mostly distinct,
 * drawn from a million values.
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar PriorityQueueBenchmark}. CPython
 * peer: {@code spindle-bench/python/peers.py priority_queue}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PriorityQueueBenchmark {

    /** {@code spindle.PriorityQueue} or {@code jdk.PriorityBlockingQueue}. */
    @Param({"spindle.PriorityQueue", "jdk.PriorityBlockingQueue"})
    public String impl;

    /** Items held while the benchmark puts and gets. */
    @Param({"1000"})
    public int size;

    private static final int KEYS = 1 << 16;

    private BlockingQueue<Integer> queue;
    private Integer[] keys;
    private int next;

    @Setup
    public void setUp() {
        queue = switch (impl) {
            case "spindle.PriorityQueue" -> new PriorityQueue<>();
            case "jdk.PriorityBlockingQueue" -> new PriorityBlockingQueue<>();
            default -> throw new IllegalArgumentException("impl: " + impl);
        };
        Random random = new Random(7);
        keys = new Integer[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = random.nextInt(1_000_000);
        }
        for (int i = 0; i < size; i++) {
            queue.add(keys[i]);
        }
    }

    /** put(key) then get(): the queue stays at {@code size} items. */
    @Benchmark
    public Integer putGet() throws InterruptedException {
        queue.put(keys[next++ & (KEYS - 1)]);
        return queue.take();
    }
}
