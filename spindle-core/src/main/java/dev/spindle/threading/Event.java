package dev.spindle.threading;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A resettable flag that threads wait on, Python's {@code threading.Event}; the JDK has no
 * resettable equivalent ({@code CountDownLatch} cannot be cleared).
 *
 * <p>{@link #set()} raises the flag and wakes every waiter; {@link #clear()} lowers it;
 * {@link #await()} returns once it is raised. Every thread that was waiting when {@code set()}
 * ran returns true, even if {@code clear()} follows before it is scheduled (EVENT-05,
 * gh-57711). A timeout {@code <= 0} checks the flag without waiting (EVENT-03, EVENT-06).
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * Event ready = new Event();
 * Thread.ofPlatform().start(() -> { load(); ready.set(); });
 * if (!ready.await(Duration.ofSeconds(5))) {
 *     throw new IllegalStateException("not ready after 5 s");
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to calling {@code set()}
 * happen-before actions following an {@code await} that returns true because of it.
 */
public class Event {

    /*
     * AQS state: bit 0 is the flag, bits 1..31 a generation that set() increments. A waiter
     * passes its generation as the acquire argument and succeeds once the flag is up or the
     * generation has moved on: that is what makes EVENT-05 hold after a quick clear(). set()
     * releases in shared mode, so AQS wakes the whole queue.
     */
    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        boolean isSet() {
            return (getState() & 1) != 0;
        }

        /** One read of the state: -1 when the flag is up, else the generation to wait past. */
        int generationToAwait() {
            int s = getState();
            return (s & 1) != 0 ? -1 : s >>> 1;
        }

        @Override
        protected int tryAcquireShared(int generation) {
            int s = getState();
            return (s & 1) != 0 || (s >>> 1) != generation ? 1 : -1;
        }

        @Override
        protected boolean tryReleaseShared(int ignored) {
            for (;;) {
                int s = getState();
                int next = ((((s >>> 1) + 1) << 1) | 1);
                if (compareAndSetState(s, next)) {
                    return true;
                }
            }
        }

        void clear() {
            for (;;) {
                int s = getState();
                if ((s & 1) == 0 || compareAndSetState(s, s & ~1)) {
                    return;
                }
            }
        }
    }

    /**
     * How many times a waiter checks the flag (with {@link Thread#onSpinWait()}) before it
     * parks, on a machine with more than one processor: a few microseconds. A set that comes
     * within that time then costs no park and unpark, which is what makes a ping-pong between two
     * threads about 20 times faster (SignalPingPongBenchmark); a longer wait pays this once.
     */
    static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 8 : 0;

    private final Sync sync = new Sync();

    /** Creates an event whose flag is down. */
    public Event() {}

    /** Returns true while the flag is up (Python's {@code is_set()}). */
    public boolean isSet() {
        return sync.isSet();
    }

    /** Raises the flag and wakes every waiting thread; idempotent (EVENT-01). */
    public void set() {
        if (!sync.isSet()) {
            sync.releaseShared(0);
        }
    }

    /** Lowers the flag; idempotent. Threads woken by an earlier {@code set()} still return true. */
    public void clear() {
        sync.clear();
    }

    /**
     * Blocks until the flag is up (EVENT-02).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void await() throws InterruptedException {
        int generation = sync.generationToAwait();
        if (generation >= 0 && !spinFor(generation)) {
            sync.acquireSharedInterruptibly(generation);
        }
    }

    /**
     * Waits at most {@code timeout} for the flag; {@code <= 0} only checks (EVENT-03, EVENT-06).
     *
     * @return true if the flag was up, or was raised while this thread waited (EVENT-05); false
     *     if the timeout elapsed first (EVENT-04)
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.pollTimeout(timeout);
        int generation = sync.generationToAwait();
        return generation < 0 || (nanos > 0 && spinFor(generation)) || sync.tryAcquireSharedNanos(generation, nanos);
    }

    /** Checks the flag {@link #SPINS} times; true as soon as it is set (or was set since). */
    private boolean spinFor(int generation) {
        for (int i = 0; i < SPINS; i++) {
            if (sync.tryAcquireShared(generation) >= 0) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** Returns the state in Python's words: {@code Event[set]} or {@code Event[unset]} (EVENT-07). */
    @Override
    public String toString() {
        return isSet() ? "Event[set]" : "Event[unset]";
    }
}
