package dev.spindle.futures;

import java.util.concurrent.RejectedExecutionException;

/**
 * An executor that can no longer run work, Python's {@code concurrent.futures.BrokenExecutor}:
 * its pending futures fail with it and every later submit throws it (EXEC-06).
 *
 * <p>It is a {@link RejectedExecutionException}, as Python's is a {@code RuntimeError}
 * (FUT-18), so code that handles a rejected submit also handles a broken executor.
 * {@link BrokenThreadPoolException} is the thread pool's kind.
 */
public class BrokenExecutorException extends RejectedExecutionException {

    private static final long serialVersionUID = 1L;

    /** Creates one with the given message and cause (the failure that broke the executor). */
    public BrokenExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
