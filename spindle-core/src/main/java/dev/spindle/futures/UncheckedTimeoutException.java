package dev.spindle.futures;

import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code TimeoutError} where Java cannot throw a checked exception: thrown by the
 * iterators of {@link Executor#map} and {@link Futures#asCompleted} when their deadline passes.
 *
 * <p>The cause is the {@link TimeoutException}, and the message is its message, for instance
 * Python's {@code "2 (of 4) futures unfinished"} (ASC-04).
 */
public class UncheckedTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Wraps {@code cause}, taking its message.
     *
     * @throws NullPointerException if {@code cause} is null
     */
    public UncheckedTimeoutException(TimeoutException cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    }

    /** Returns the {@link TimeoutException} this one wraps. */
    @Override
    public synchronized TimeoutException getCause() {
        return (TimeoutException) super.getCause();
    }
}
