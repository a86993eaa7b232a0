package dev.spindle.queue;

/**
 * Thrown when a queue has no item to give without waiting, or none arrived in time: Python's
 * {@code queue.Empty}.
 *
 * <p>{@code getNowait()} throws it on an empty queue, {@code get(Duration)} when the timeout
 * elapses first. It is checked, as the JDK's {@link java.util.concurrent.TimeoutException} is:
 * the caller of a non-blocking or timed get must decide what an empty queue means. The JDK-style
 * methods {@code poll()} and {@code poll(long, TimeUnit)} return {@code null} instead.
 */
public class QueueEmptyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says which queue was empty and for how long. */
    public QueueEmptyException(String message) {
        super(message);
    }
}
