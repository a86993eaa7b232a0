package dev.spindle.multiprocessing;

import dev.spindle.futures.Future;

/**
 * The future of a {@link ProcessPoolExecutor} task: a {@link Future} with Python's states and
 * rules, whose {@code cancel(true)} also stops a running task. As everywhere in Spindle, a running
 * future cannot be cancelled (FUT-07) and {@code cancel(true)} then returns false; here it asks
 * the pool to interrupt the task in its worker and, if the task is still running a short grace
 * later, to kill the worker. The future then ends with what the task did after the interrupt (an
 * {@link InterruptedException}, typically), or with an {@link InterruptedException} saying the
 * worker was killed.
 */
final class PoolFuture<T> extends Future<T> {

    private final ProcessPoolCore pool;

    /** The task this future belongs to; set once, before the future is handed out. */
    private volatile ProcessPoolCore.WorkItem item;

    PoolFuture(ProcessPoolCore pool) {
        this.pool = pool;
    }

    void attach(ProcessPoolCore.WorkItem item) {
        this.item = item;
    }

    /**
     * Cancels the task if it has not started (returning true); if it is running, returns false
     * and, when {@code mayInterruptIfRunning}, has the pool interrupt it and, after a grace, kill
     * its worker (see the class comment).
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (cancel()) {
            return true;
        }
        ProcessPoolCore.WorkItem running = item;
        if (mayInterruptIfRunning && running != null && !done()) {
            pool.interrupt(running);
        }
        return false;
    }
}
