package dev.spindle.queue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gets an item in one of five ways, for the tests that mix them across many threads: Python's
 * blocking {@code get()}, {@code get_nowait()} and {@code get(timeout)}, and the JDK's
 * {@code take()} and timed {@code poll}. The non-blocking and timed ways retry until an item
 * comes; all of them let {@link QueueShutDownException} through.
 */
final class Gets {

    interface Blocking<T> {
        T get() throws InterruptedException;
    }

    interface NoWait<T> {
        T get() throws QueueEmptyException;
    }

    interface Timed<T> {
        T get(Duration timeout) throws InterruptedException, QueueEmptyException;
    }

    /** The timeout of the timed ways: short, so that they often time out and retry. */
    static final Duration TICK = Duration.ofMillis(1);

    private Gets() {}

    /** Gets from one of the three bounded queues in way {@code style} (any int; taken modulo 5). */
    static <T> T from(Queue<T> q, int style) throws InterruptedException {
        return get(style, q, q::get, q::getNowait, q::get);
    }

    /** Gets from a {@link SimpleQueue} in way {@code style} (any int; taken modulo 5). */
    static <T> T from(SimpleQueue<T> q, int style) throws InterruptedException {
        return get(style, q, q::get, q::getNowait, q::get);
    }

    private static <T> T get(int style, BlockingQueue<T> q, Blocking<T> get, NoWait<T> getNowait, Timed<T> timedGet)
            throws InterruptedException {
        switch (Math.floorMod(style, 5)) {
            case 0:
                return get.get();
            case 1:
                for (;;) {
                    try {
                        return getNowait.get();
                    } catch (QueueEmptyException empty) {
                        Thread.yield();
                    }
                }
            case 2:
                for (;;) {
                    try {
                        return timedGet.get(TICK);
                    } catch (QueueEmptyException empty) {
                        // try again
                    }
                }
            case 3:
                return q.take();
            default:
                for (;;) {
                    T item = q.poll(TICK.toNanos(), TimeUnit.NANOSECONDS);
                    if (item != null) {
                        return item;
                    }
                }
        }
    }
}
