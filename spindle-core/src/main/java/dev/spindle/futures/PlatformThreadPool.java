package dev.spindle.futures;

import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ThreadPoolExecutor}'s default mode: up to {@code maxWorkers} platform threads, made
 * lazily and reused (CPython's {@code thread.py}, TPE-02..04).
 *
 * <p><b>Workers.</b> A worker runs the initializer, then takes tasks from a
 * {@link LinkedBlockingQueue} (as the JDK's pool does: measured on 1,000 submits and their
 * results, it gave 0.205-0.208 µs a task where a {@code LinkedTransferQueue}, which hands each task
 * to a waiting worker directly, gave 0.247) until it takes the {@link #END} marker, which it puts back for the
 * next worker (CPython's {@code None}). Workers never time out; they end after a shutdown, once
 * the queue is empty, or after {@code shutdownNow}. They are non-daemon threads, as the JDK's
 * default thread factory makes them, so the JVM waits for the work of a shut-down pool before it
 * exits (SHUT-07, SHUT-09).
 *
 * <p><b>Dispatch.</b> A submit queues the task ({@code offer} wakes a worker waiting in
 * {@code take()} if there is one) and, below {@code maxWorkers}, makes sure a worker
 * will come for it: it <em>reserves</em> an idle worker, or else starts a new one. This is
 * Python's rule, "a new thread only while below max_workers and no idle worker exists", made
 * exact with one counter, {@code idle}: a worker adds one each time it is about to go back to the
 * queue, just before it completes its task's future; only a submit takes one away, by reserving.
 * So, below {@code maxWorkers},
 * <pre>
 *   workers on their way to take() or waiting in it  ==  queued tasks + idle
 * </pre>
 * (a reservation and a queued task, or a new worker and a queued task, come in pairs; a worker's
 * {@code take()} removes one worker and one task). Hence every queued task has a worker coming
 * for it, and a submit starts a thread only when no worker is idle: a caller who submits as soon
 * as {@code result()} returns reuses the worker that produced it (TPE-04), and blocked tasks get
 * a thread each (TPE-02, TPE-03). At {@code maxWorkers}, no thread can be added and no
 * reservation is needed, so neither side touches {@code idle}; the thread count never goes down
 * while the pool runs.
 *
 * <p>Cost per task: one object (the task), a queue node, an unpark when a
 * worker sleeps, and below {@code maxWorkers} two atomic updates of {@code idle}; no lock.
 */
final class PlatformThreadPool extends ThreadPoolCore<LinkedBlockingQueue<Task<?>>> {

    /** The marker that tells a worker to end. */
    static final Task<Void> END = new Task<>(Executors.callable(() -> {}, null));

    private final AtomicInteger idle = new AtomicInteger();
    private final Runnable becomeIdle = idle::incrementAndGet;

    PlatformThreadPool(int maxWorkers, String prefix, Runnable initializer) {
        super(maxWorkers, prefix, initializer, new LinkedBlockingQueue<>());
    }

    @Override
    void dispatch(Task<?> task) {
        queue.offer(task);
        if (threadCount() < maxWorkers && !reserveIdleWorker()) {
            try {
                addWorker();
            } catch (RuntimeException | Error e) {
                if (queue.remove(task)) {
                    throw new RejectedExecutionException("could not start a worker thread for " + prefix, e);
                }
            }
        }
        recheck(task);
    }

    /** Takes one from {@code idle} if positive; true if it did. */
    private boolean reserveIdleWorker() {
        for (int n; (n = idle.get()) > 0; ) {
            if (idle.compareAndSet(n, n - 1)) {
                return true;
            }
        }
        return false;
    }

    private void addWorker() {
        if (!tryAddThread(RUNNING)) {
            return;
        }
        Thread worker = null;
        try {
            worker = Thread.ofPlatform().name(nextThreadName()).daemon(false).unstarted(this::work);
            threads.add(worker);
            worker.start();
        } catch (RuntimeException | Error e) {
            if (worker != null) {
                threads.remove(worker);
            }
            threadGone();
            throw e;
        }
    }

    /**
     * A worker's life: initializer, then tasks until END (CPython's {@code _worker}). A worker that
     * dies of an error outside any task (tasks catch everything their call throws) is replaced
     * while the pool runs, as the JDK's pool replaces one, so queued tasks are never stranded.
     */
    private void work() {
        boolean ended = false;
        try {
            ended = !initialize() || takeAndRunUntilEnd();
        } finally {
            threads.remove(Thread.currentThread());
            threadGone();
            if (!ended && runState() == RUNNING) {
                addWorker();
            }
        }
    }

    /** Returns true when told to end: the END marker, or an interrupt from {@code shutdownNow}. */
    private boolean takeAndRunUntilEnd() {
        for (;;) {
            Task<?> task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                if (runState() >= STOP) {
                    return true;
                }
                continue;               // a stray interrupt (cancel(true) raced with the end of a call)
            }
            if (task == END) {
                queue.offer(END);
                return true;
            }
            // As the JDK's pool: a stopping pool's thread stays interrupted, else it starts clean.
            if (runState() >= STOP) {
                Thread.currentThread().interrupt();
            } else {
                Thread.interrupted();
            }
            // Below maxWorkers, count this worker idle before its future completes, so that a
            // submit reacting to the completion reuses it instead of starting a thread.
            boolean counted = threadCount() < maxWorkers;
            if (!task.runThen(counted ? becomeIdle : null) && counted) {
                idle.incrementAndGet();         // cancelled: back to the queue at once
            }
        }
    }

    @Override
    void wakeAll() {
        queue.offer(END);
    }

    @Override
    boolean quiescent(int threadCount) {
        return threadCount == 0;
    }

    @Override
    String describeThreads(int threadCount) {
        return "threads=" + threadCount + "/" + maxWorkers;
    }
}
