package dev.spindle.multiprocessing;

import java.io.Serial;

/**
 * The stack trace of an exception as it was thrown in a {@link ProcessPoolExecutor} worker,
 * Python's {@code concurrent.futures.process._RemoteTraceback}: the cause of the exception that
 * a task's future reports (PPE-04).
 *
 * <p>A task's exception crosses to the parent by serialization, with its own type and message;
 * its stack trace there would show only the worker's frames, and its cause chain is that of
 * another JVM. So, as CPython does, the pool makes the exception's cause a
 * {@code RemoteTraceback} whose {@linkplain #getMessage() message} is the whole stack trace the
 * worker printed, "Caused by" lines included. (An exception whose cause was explicitly set to
 * {@code null} cannot take another one; it carries the {@code RemoteTraceback} as a suppressed
 * exception instead.) A {@code RemoteTraceback} has no stack trace of its own.
 */
public final class RemoteTraceback extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates one holding {@code trace}, the worker's stack trace as text. */
    public RemoteTraceback(String trace) {
        super(trace, null, false, false);
    }
}
