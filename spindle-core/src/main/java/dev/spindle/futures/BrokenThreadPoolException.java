package dev.spindle.futures;

/**
 * A {@link ThreadPoolExecutor} whose worker-thread initializer failed, Python's
 * {@code BrokenThreadPool}: the message is Python's, "A thread initializer failed, the thread pool
 * is not usable anymore", and the cause is the initializer's exception (TPE-06).
 *
 * <p>Every future still queued when the pool broke fails with its own instance, and every later
 * submit throws one.
 */
public class BrokenThreadPoolException extends BrokenExecutorException {

    private static final long serialVersionUID = 1L;

    /** Python's message. */
    static final String MESSAGE = "A thread initializer failed, the thread pool is not usable anymore";

    /** Creates one with the given message and cause (the initializer's exception). */
    public BrokenThreadPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
