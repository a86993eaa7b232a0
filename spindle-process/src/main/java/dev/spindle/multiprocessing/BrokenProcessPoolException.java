package dev.spindle.multiprocessing;

import dev.spindle.futures.BrokenExecutorException;
import java.io.Serial;

/**
 * A {@link ProcessPoolExecutor} that can no longer run work, Python's {@code BrokenProcessPool}:
 * its worker processes cannot be started (the JVM refuses an option, a worker dies before it is
 * ready) or its initializer failed (EXEC-06, PPE-10). Every future still queued when the pool
 * broke fails with its own instance, and every later submit throws one; the cause is what went
 * wrong (the initializer's exception, or a {@link WorkerCrashedException} for a worker that died
 * while starting).
 *
 * <p>Unlike CPython's pool, a Spindle pool does <em>not</em> break when a running worker dies:
 * only that worker's tasks fail, with {@link WorkerCrashedException}, and the pool goes on.
 */
public class BrokenProcessPoolException extends BrokenExecutorException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates one with the given message and cause. */
    public BrokenProcessPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
