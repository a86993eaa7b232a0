package dev.spindle.bench;

import dev.spindle.threading.Condition;
import dev.spindle.threading.Event;
import dev.spindle.threading.RLock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * Workload 6: a round trip between two threads. The benchmark thread signals an echo thread
 * (started in setup) and waits for its answer.
 *
 * <ul>
 *   <li>{@code spindle.Event}: two {@link Event}s, set/await/clear on each side;
 *       {@code jdk.Semaphore}: two {@link Semaphore}s of 0 permits, the JDK's tool for the same
 *       one-shot signal.</li>
 *   <li>{@code spindle.Condition}: a turn variable guarded by an {@link RLock}, handed over with
 *       {@link Condition#signal()}; {@code jdk.Condition}: the same with {@link ReentrantLock}
 *       and its {@code newCondition()}.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar SignalPingPong}. CPython peers:
 * {@code spindle-bench/python/peers.py event_ping_pong} and {@code condition_handoff}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignalPingPongBenchmark {

    /** {@code spindle.Event}, {@code jdk.Semaphore}, {@code spindle.Condition} or {@code jdk.Condition}. */
    @Param({"spindle.Event", "jdk.Semaphore", "spindle.Condition", "jdk.Condition"})
    public String impl;

    /** One side of the exchange: send a signal, or wait for one. */
    interface Channel {
        void send();

        void receive() throws InterruptedException;
    }

    private Channel ping;
    private Channel pong;
    private Thread echo;
    private volatile boolean running;

    @Setup(Level.Trial)
    public void setUp() {
        switch (impl) {
            case "spindle.Event" -> {
                ping = eventChannel();
                pong = eventChannel();
            }
            case "jdk.Semaphore" -> {
                ping = semaphoreChannel();
                pong = semaphoreChannel();
            }
            case "spindle.Condition" -> {
                RLock lock = new RLock();
                Turn turn = new Turn(lock, new Condition(lock));
                ping = turn.side(1);
                pong = turn.side(0);
            }
            case "jdk.Condition" -> {
                ReentrantLock lock = new ReentrantLock();
                Turn turn = new Turn(lock, lock.newCondition());
                ping = turn.side(1);
                pong = turn.side(0);
            }
            default -> throw new IllegalArgumentException("impl: " + impl);
        }
        running = true;
        echo = Thread.ofPlatform().name("echo").daemon(true).start(() -> {
            try {
                while (true) {
                    ping.receive();
                    if (!running) {
                        return;
                    }
                    pong.send();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        running = false;
        ping.send();
        echo.join(10_000);
    }

    /** One round trip: signal the echo thread and wait for its answer. */
    @Benchmark
    public void roundTrip() throws InterruptedException {
        ping.send();
        pong.receive();
    }

    private static Channel eventChannel() {
        Event event = new Event();
        return new Channel() {
            @Override
            public void send() {
                event.set();
            }

            @Override
            public void receive() throws InterruptedException {
                event.await();
                event.clear();
            }
        };
    }

    private static Channel semaphoreChannel() {
        Semaphore semaphore = new Semaphore(0);
        return new Channel() {
            @Override
            public void send() {
                semaphore.release();
            }

            @Override
            public void receive() throws InterruptedException {
                semaphore.acquire();
            }
        };
    }

    /**
     * A counter of sent signals per side, guarded by one lock; a receiver waits on the condition
     * until its side has a signal. Works with any {@code Lock} and its {@code Condition}.
     */
    static final class Turn {
        private final java.util.concurrent.locks.Lock lock;
        private final java.util.concurrent.locks.Condition changed;
        private final int[] pending = new int[2];

        Turn(java.util.concurrent.locks.Lock lock, java.util.concurrent.locks.Condition changed) {
            this.lock = lock;
            this.changed = changed;
        }

        Channel side(int side) {
            return new Channel() {
                @Override
                public void send() {
                    lock.lock();
                    try {
                        pending[side]++;
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public void receive() throws InterruptedException {
                    lock.lock();
                    try {
                        while (pending[side] == 0) {
                            changed.await();
                        }
                        pending[side]--;
                    } finally {
                        lock.unlock();
                    }
                }
            };
        }
    }
}
