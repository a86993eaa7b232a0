package dev.spindle.bench;

import dev.spindle.queue.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
 * Workload 4: one producer and one consumer through a bounded queue of 1024. The benchmark
 * thread puts; a consumer thread started in setup takes, so the score is the time per item
 * moved through the pipeline. Spindle's {@link Queue} against {@link ArrayBlockingQueue} and
 * {@link LinkedBlockingQueue} of the same capacity (the target: at least as fast as
 * {@code ArrayBlockingQueue}).
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar QueueBenchmark}. CPython peer:
 * {@code spindle-bench/python/peers.py queue_1p1c}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueBenchmark {

    private static final Object POISON = new Object();

    /** {@code spindle.Queue}, {@code jdk.ArrayBlockingQueue} or {@code jdk.LinkedBlockingQueue}. */
    @Param({"spindle.Queue", "jdk.ArrayBlockingQueue", "jdk.LinkedBlockingQueue"})
    public String impl;

    /** The bound. */
    @Param({"1024"})
    public int capacity;

    private BlockingQueue<Object> queue;
    private Thread consumer;
    private final Object item = new Object();

    @Setup(Level.Trial)
    public void setUp() {
        queue = switch (impl) {
            case "spindle.Queue" -> new Queue<>(capacity);
            case "jdk.ArrayBlockingQueue" -> new ArrayBlockingQueue<>(capacity);
            case "jdk.LinkedBlockingQueue" -> new LinkedBlockingQueue<>(capacity);
            default -> throw new IllegalArgumentException("impl: " + impl);
        };
        consumer = Thread.ofPlatform().name("consumer").daemon(true).start(() -> {
            try {
                while (queue.take() != POISON) {
                    // consume
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        queue.put(POISON);
        consumer.join(10_000);
    }

    /** One item into the pipeline (blocks while the consumer is 1024 behind). */
    @Benchmark
    public void put() throws InterruptedException {
        queue.put(item);
    }
}
