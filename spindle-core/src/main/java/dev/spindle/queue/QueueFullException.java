package dev.spindle.queue;

/**
 * Thrown when a bounded queue has no room without waiting, or none was made in time: Python's
 * {@code queue.Full}.
 *
 * <p>{@code putNowait(E)} throws it on a full queue, {@code put(E, Duration)} when the timeout
 * elapses first. It is checked: the caller of a non-blocking or timed put must decide what to do
 * with the item it still holds. The JDK-style methods {@code offer(E)} and
 * {@code offer(E, long, TimeUnit)} return {@code false} instead.
 */
public class QueueFullException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the queue's {@code maxsize}. */
    public QueueFullException(String message) {
        super(message);
    }
}
