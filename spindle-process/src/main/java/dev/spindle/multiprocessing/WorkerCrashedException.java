package dev.spindle.multiprocessing;

import java.io.Serial;

/**
 * A {@link ProcessPoolExecutor} worker process ended while it was running a task: the exception
 * that task's future fails with (so the cause of the {@link java.util.concurrent.ExecutionException}
 * from {@code get()}, and of the {@link java.util.concurrent.CompletionException} from
 * {@code result()}).
 *
 * <p>The worker may have been killed from outside (SIGKILL), called {@code System.exit}, run out
 * of memory (workers start with {@code -XX:+ExitOnOutOfMemoryError}), or crashed in native code;
 * {@link #exitCode()} tells which, as {@link JvmProcess#exitCode()} does: the status it exited
 * with, or minus the signal number that ended it. {@link #stderrTail()} holds the last lines the
 * worker wrote to its standard error (a JVM's crash report or "Terminating due to
 * java.lang.OutOfMemoryError" end up there).
 *
 * <p>This is Spindle's deliberate difference from CPython, where the same event breaks the
 * whole pool with {@code BrokenProcessPool} (PPE-02): here only the futures of the tasks that
 * worker was running fail, each with its own instance (PPE-03), and the pool replaces the worker.
 */
public class WorkerCrashedException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final int exitCode;
    private final String stderrTail;

    /**
     * Creates one.
     *
     * @param message what happened, naming the worker
     * @param pid the worker's process id
     * @param exitCode its exit status, or minus the signal number that ended it
     * @param stderrTail the last bytes it wrote to stderr, as text
     */
    public WorkerCrashedException(String message, long pid, int exitCode, String stderrTail) {
        super(message);
        this.pid = pid;
        this.exitCode = exitCode;
        this.stderrTail = stderrTail;
    }

    /** The worker's process id. */
    public long pid() {
        return pid;
    }

    /** The worker's exit status, or minus the number of the signal that ended it (-9: SIGKILL). */
    public int exitCode() {
        return exitCode;
    }

    /** The last bytes the worker wrote to its standard error, as text (empty if none). */
    public String stderrTail() {
        return stderrTail;
    }
}
