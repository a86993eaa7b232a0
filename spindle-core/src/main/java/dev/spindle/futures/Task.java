package dev.spindle.futures;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RunnableFuture;

/**
 * A call and its future in one object, as {@link ThreadPoolExecutor} queues them (CPython's
 * {@code _WorkItem}, and the JDK's {@code FutureTask}): one allocation per submit.
 *
 * <p>{@link #run()} runs the call in the calling thread unless the future was cancelled (then it
 * notifies: FUT-17) or has already been started. Whatever the call throws, {@link Throwable}s
 * included, goes into the future (TPE-07). The call is dropped once it has run, so the executor
 * keeps no reference to it (EXEC-04).
 *
 * <p><b>Interrupting.</b> {@code cancel(true)} on a running task returns false, as Python's
 * {@code cancel()} does (FUT-07), and interrupts the thread running the call, as the JDK's
 * {@code cancel(true)} does. The {@code runner} protocol makes sure that interrupt hits this call
 * and no later one: the runner clears {@code runner} by CAS when the call returns; an
 * interrupter first CASes it to {@code INTERRUPTING}, interrupts, then clears it, and the runner
 * waits for that clearing before it returns. The interrupt status itself is left set, as
 * {@code FutureTask} leaves it; the pool's worker clears it before its next task.
 */
final class Task<T> extends Future<T> implements RunnableFuture<T> {

    private static final Object INTERRUPTING = new Object();

    /** The call; null once it has run. Written at construction and read by the one runner. */
    private Callable<? extends T> callable;

    /** The thread running the call, INTERRUPTING while cancel(true) interrupts it, else null. */
    private volatile Object runner;

    private static final VarHandle RUNNER;

    static {
        try {
            RUNNER = MethodHandles.lookup().findVarHandle(Task.class, "runner", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Task(Callable<? extends T> callable) {
        this.callable = Objects.requireNonNull(callable, "task");
    }

    @Override
    public void run() {
        runThen(null);
    }

    /**
     * Runs the call unless the task was cancelled or already started; {@code beforeCompletion},
     * if not null, runs after the call and just before the future completes.
     *
     * @return true if the call ran
     */
    boolean runThen(Runnable beforeCompletion) {
        if (!tryStart()) {
            return false;
        }
        Thread me = Thread.currentThread();
        runner = me;
        T value = null;
        Throwable failure = null;
        try {
            value = callable.call();
        } catch (Throwable e) {
            failure = e;
        } finally {
            callable = null;
            if (!RUNNER.compareAndSet(this, me, null)) {
                while (runner != null) {        // an interrupter is delivering: let it finish
                    Thread.onSpinWait();
                }
            }
        }
        if (beforeCompletion != null) {
            beforeCompletion.run();
        }
        if (failure == null) {
            setResult(value);
        } else {
            setException(failure);
        }
        return true;
    }

    /**
     * Cancels the task if it has not started (returning true); if it is running, returns false
     * and, when {@code mayInterruptIfRunning}, interrupts the thread running it.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (cancel()) {
            return true;
        }
        if (mayInterruptIfRunning) {
            Object r = runner;
            if (r instanceof Thread thread && RUNNER.compareAndSet(this, r, INTERRUPTING)) {
                try {
                    thread.interrupt();
                } finally {
                    runner = null;
                }
            }
        }
        return false;
    }
}
