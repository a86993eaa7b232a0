package dev.spindle.bench;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 1: an uncontended acquire and release, one thread, Spindle's {@code Lock} and
 * {@code RLock} against the JDK's {@link ReentrantLock} (the target: {@code RLock} within 1.2x).
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar UncontendedLock}. The CPython peer
 * is {@code spindle-bench/python/uncontended_lock.py}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UncontendedLockBenchmark {

    /** Which lock: Spindle's {@code Lock} or {@code RLock}, or the JDK's {@code ReentrantLock}. */
    @Param({"spindle.Lock", "spindle.RLock", "jdk.ReentrantLock"})
    public String impl;

    private java.util.concurrent.locks.Lock lock;
    private long counter;

    @Setup
    public void setUp() {
        lock = switch (impl) {
            case "spindle.Lock" -> new dev.spindle.threading.Lock();
            case "spindle.RLock" -> new dev.spindle.threading.RLock();
            case "jdk.ReentrantLock" -> new ReentrantLock();
            default -> throw new IllegalArgumentException("impl: " + impl);
        };
    }

    /** lock(); counter++; unlock(). */
    @Benchmark
    public long acquireRelease() {
        lock.lock();
        try {
            return ++counter;
        } finally {
            lock.unlock();
        }
    }
}
