package dev.spindle.bench;

import dev.spindle.threading.Deadlocks;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workloads 2 and 3: two threads incrementing one counter under one lock (the seed's bank
 * account), Spindle's {@code Lock} and {@code RLock} against {@link ReentrantLock}, and the same
 * {@code RLock} with deadlock detection {@code OFF} against {@code THROW} (the default), to show
 * what detection costs on the contended path.
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar ContendedCounter}. CPython peer:
 * {@code spindle-bench/python/peers.py contended_counter}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class ContendedCounterBenchmark {

    /**
     * {@code spindle.Lock}, {@code spindle.RLock} (detection THROW, the default),
     * {@code spindle.RLock.detectionOff}, or {@code jdk.ReentrantLock}.
     */
    @Param({"spindle.Lock", "spindle.RLock", "spindle.RLock.detectionOff", "jdk.ReentrantLock"})
    public String impl;

    private java.util.concurrent.locks.Lock lock;
    private long balance;

    @Setup
    public void setUp() {
        Deadlocks.setPolicy(impl.endsWith("detectionOff") ? Deadlocks.Policy.OFF : Deadlocks.Policy.THROW);
        lock = switch (impl) {
            case "spindle.Lock" -> new dev.spindle.threading.Lock();
            case "spindle.RLock", "spindle.RLock.detectionOff" -> new dev.spindle.threading.RLock();
            case "jdk.ReentrantLock" -> new ReentrantLock();
            default -> throw new IllegalArgumentException("impl: " + impl);
        };
    }

    @TearDown
    public void tearDown() {
        Deadlocks.setPolicy(Deadlocks.Policy.THROW);
    }

    /** One deposit: lock, balance++, unlock. */
    @Benchmark
    public long deposit() {
        lock.lock();
        try {
            return ++balance;
        } finally {
            lock.unlock();
        }
    }
}
