package dev.spindle.queue;

/**
 * Thrown by a queue that has been shut down, Python 3.13's {@code queue.ShutDown}: by every put
 * after {@link Queue#shutdown(boolean) shutdown}, and by every get once the queue is shut down
 * and empty.
 *
 * <p>It is an {@link IllegalStateException}, as the JDK's collections report an operation the
 * object's state does not allow, so it needs no {@code catch} where shutdown cannot happen, and
 * the {@link java.util.concurrent.BlockingQueue} methods ({@code offer}, {@code take},
 * {@code poll}, ...) can throw it too.
 */
public class QueueShutDownException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was refused. */
    public QueueShutDownException(String message) {
        super(message);
    }
}
