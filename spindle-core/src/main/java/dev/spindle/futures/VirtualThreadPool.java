package dev.spindle.futures;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link ThreadPoolExecutor}'s virtual mode: every task runs on a virtual thread of its own,
 * and at most {@code maxWorkers} run at once.
 *
 * <p>A task that finds a free slot (the thread count below {@code maxWorkers}) starts at once;
 * the others wait in a FIFO queue, not as blocked threads. When a task's thread ends it gives
 * its slot back and {@link #drain()}s: it starts queued tasks while slots are free. Submitters
 * drain too, after queueing, so a task queued while every slot was taken is started by whoever
 * frees one: both sides change their side first (queue or slot) and look at the other second.
 * Slots stay usable after {@code shutdown()} (queued work still runs) and not after
 * {@code shutdownNow()}.
 *
 * <p>The initializer runs in each thread before its task, so here before every task; if it
 * fails, that task and every queued one fail with {@link BrokenThreadPoolException}. Thread
 * names are {@code prefix_i}, counting tasks started.
 *
 * <p>Virtual threads are daemon threads. So that the JVM waits for submitted work before it
 * exits, as with platform workers (SHUT-07), the first submit starts one non-daemon platform
 * <em>keeper</em> thread that waits for the pool to terminate.
 */
final class VirtualThreadPool extends ThreadPoolCore<ConcurrentLinkedQueue<Task<?>>> {

    private final AtomicBoolean keeperStarted = new AtomicBoolean();

    VirtualThreadPool(int maxWorkers, String prefix, Runnable initializer) {
        super(maxWorkers, prefix, initializer, new ConcurrentLinkedQueue<>());
    }

    @Override
    void dispatch(Task<?> task) {
        if (!keeperStarted.get() && keeperStarted.compareAndSet(false, true)) {
            Thread.ofPlatform().name(prefix + "_keeper").daemon(false).start(this::keep);
        }
        queue.offer(task);
        recheck(task);
        drain();
    }

    /** Starts queued tasks while slots are free. */
    private void drain() {
        while (!queue.isEmpty() && tryAddThread(SHUTDOWN)) {
            Task<?> task = queue.poll();
            if (task == null) {
                threadGone();           // the slot back; look at the queue again
                continue;
            }
            start(task);
        }
        tryTerminate();
    }

    private void start(Task<?> task) {
        Thread thread = null;
        try {
            thread = Thread.ofVirtual().name(nextThreadName()).unstarted(() -> run(task));
            threads.add(thread);
            thread.start();
        } catch (RuntimeException | Error e) {
            if (thread != null) {
                threads.remove(thread);
            }
            task.failOrNotify(new RejectedExecutionException("could not start a virtual thread for " + prefix, e));
            threadGone();
        }
    }

    private void run(Task<?> task) {
        try {
            if (initialize()) {
                task.run();
            } else {
                task.failOrNotify(new BrokenThreadPoolException(BrokenThreadPoolException.MESSAGE, brokenCause()));
            }
        } finally {
            threads.remove(Thread.currentThread());
            threadGone();
            drain();
        }
    }

    /** The keeper's life: wait, uninterruptibly, for the pool to terminate. */
    private void keep() {
        boolean interrupted = false;
        for (;;) {
            try {
                terminated.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    void wakeAll() {
        // nobody waits for work here
    }

    @Override
    boolean quiescent(int threadCount) {
        return threadCount == 0 && queue.isEmpty();
    }

    @Override
    String describeThreads(int threadCount) {
        return "virtual threads=" + threadCount + "/" + maxWorkers;
    }
}
