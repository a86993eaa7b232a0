package dev.spindle.bench;

import dev.spindle.sched.Scheduler;
import dev.spindle.sched.VirtualClock;
import java.util.PriorityQueue;
import java.util.Random;
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
 * Workload 9: enter 100,000 events at random times over a day, then run them all, on a
 * {@link VirtualClock} (no real waiting). The JDK has no scheduler with a pluggable clock; its
 * baseline is the floor of any such scheduler: a {@link PriorityQueue} of (time, sequence,
 * action) entries drained in a loop, with no clock, locking or cancellation.
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar SchedulerBenchmark}. CPython
 * peer: {@code spindle-bench/python/peers.py sched_100k} ({@code sched.scheduler} with a fake
 * clock whose delay function advances it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SchedulerBenchmark {

    static final int EVENTS = 100_000;

    /** {@code spindle.Scheduler} or {@code jdk.PriorityQueueLoop}. */
    @Param({"spindle.Scheduler", "jdk.PriorityQueueLoop"})
    public String impl;

    private double[] times;
    private long ran;
    private final Runnable action = () -> ran++;

    /** A JDK-only event, ordered like Spindle's: time, then entry order. */
    record Entry(double time, long sequence, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    @Setup
    public void setUp() {
        Random random = new Random(11);
        times = new double[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            times[i] = random.nextDouble() * 86_400;
        }
    }

    /** Enter every event, then run them all. */
    @Benchmark
    public long enterAndRun() throws InterruptedException {
        if (impl.equals("spindle.Scheduler")) {
            Scheduler scheduler = new VirtualClock().scheduler();
            for (double t : times) {
                scheduler.enterabs(t, 0, action);
            }
            scheduler.run();
        } else {
            PriorityQueue<Entry> queue = new PriorityQueue<>();
            long sequence = 0;
            for (double t : times) {
                queue.add(new Entry(t, sequence++, action));
            }
            Entry e;
            while ((e = queue.poll()) != null) {
                e.action().run();
            }
        }
        return ran;
    }
}
