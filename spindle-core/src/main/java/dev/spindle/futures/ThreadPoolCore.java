package dev.spindle.futures;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The part of {@link ThreadPoolExecutor} that its threads see: the queue, the run state, the
 * threads, shutdown and breaking. {@link PlatformThreadPool} (reused workers) and
 * {@link VirtualThreadPool} (a virtual thread per task) differ only in how a queued task reaches
 * a thread. The public {@code ThreadPoolExecutor} holds a core; the core never refers back to it,
 * so an executor nobody references can be collected and shut down (SHUT-06).
 *
 * <p><b>States</b> (the run state; "terminated" and "broken" are derived):
 * <pre>
 *   RUNNING  --shutdown(), close(), collected-->  SHUTDOWN  --shutdownNow()-->  STOP
 *   RUNNING  --shutdownNow()-->  STOP
 *   RUNNING or SHUTDOWN  --an initializer fails-->  SHUTDOWN, with `broken` set
 *   SHUTDOWN or STOP, no thread left (and, virtual, nothing queued)  -->  terminated
 * </pre>
 * Only RUNNING accepts submits. SHUTDOWN still runs what is queued; STOP has drained the queue
 * (cancelling and notifying every queued future) and interrupted the threads. The state only
 * moves right.
 */
abstract class ThreadPoolCore<Q extends Queue<Task<?>>> {

    static final int RUNNING = 0;
    static final int SHUTDOWN = 1;
    static final int STOP = 2;

    static final String SHUTDOWN_MESSAGE = "cannot schedule new futures after shutdown";

    private static final AtomicInteger POOLS = new AtomicInteger();

    final int maxWorkers;
    final String prefix;
    final Runnable initializer;

    /** The tasks accepted and not yet taken by a thread. */
    final Q queue;

    /*
     * ctl: the run state in the high 32 bits, the number of live threads in the low 32 (workers,
     * or virtual threads running a task). Adding a thread is one CAS that also checks the state,
     * so no thread is added once the state forbids it. `broken` (the initializer's exception) is
     * written before the state leaves RUNNING, so whoever sees the state change sees it.
     *
     * A submit checks the state, enqueues, and checks again: if the pool stopped accepting in
     * between and the task is still queued, it takes it back and rejects it (as the JDK's
     * ThreadPoolExecutor does); if it is no longer queued, a thread has it. So no task is ever
     * stranded in the queue of a pool whose threads are gone.
     *
     * `threads` holds the live threads (for shutdownNow's interrupts and the own-thread check);
     * `terminated` opens once, when the pool is done.
     */
    private volatile long ctl;
    private volatile Throwable broken;
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicInteger threadIndex = new AtomicInteger();

    private static final VarHandle CTL;

    static {
        try {
            CTL = MethodHandles.lookup().findVarHandle(ThreadPoolCore.class, "ctl", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    ThreadPoolCore(int maxWorkers, String prefix, Runnable initializer, Q queue) {
        this.maxWorkers = maxWorkers;
        this.queue = queue;
        this.prefix = prefix == null || prefix.isEmpty() ? "ThreadPoolExecutor-" + POOLS.getAndIncrement() : prefix;
        this.initializer = initializer;
    }

    // ---------------------------------------------------------------- the strategy

    /** Hands an accepted task to a thread, or queues it; calls {@link #recheck} after queueing. */
    abstract void dispatch(Task<?> task);

    /** Wakes threads waiting for work so that they see the new state (after draining). */
    abstract void wakeAll();

    /** True if no thread is left and nothing will start one. */
    abstract boolean quiescent(int threadCount);

    /** "threads=2/4" or "virtual threads=1/4", for toString. */
    abstract String describeThreads(int threadCount);

    // ---------------------------------------------------------------- ctl

    static int runStateOf(long c) {
        return (int) (c >>> 32);
    }

    static int countOf(long c) {
        return (int) c;
    }

    final int runState() {
        return runStateOf(ctl);
    }

    final int threadCount() {
        return countOf(ctl);
    }

    /** Adds a thread if fewer than maxWorkers live and the state is at most {@code maxState}. */
    final boolean tryAddThread(int maxState) {
        for (;;) {
            long c = ctl;
            if (runStateOf(c) > maxState || countOf(c) >= maxWorkers) {
                return false;
            }
            if (CTL.compareAndSet(this, c, c + 1)) {
                return true;
            }
        }
    }

    /** Counts a thread gone (or a slot given back) and terminates the pool if that was the last. */
    final void threadGone() {
        CTL.getAndAdd(this, -1L);
        tryTerminate();
    }

    private void advanceRunState(int target) {
        for (;;) {
            long c = ctl;
            if (runStateOf(c) >= target
                    || CTL.compareAndSet(this, c, ((long) target << 32) | (c & 0xFFFF_FFFFL))) {
                return;
            }
        }
    }

    final void tryTerminate() {
        long c = ctl;
        if (runStateOf(c) >= SHUTDOWN && terminated.getCount() > 0 && quiescent(countOf(c))) {
            terminated.countDown();
        }
    }

    final String nextThreadName() {
        return prefix + "_" + threadIndex.getAndIncrement();
    }

    // ---------------------------------------------------------------- submit

    final void submit(Task<?> task) {
        if (runState() != RUNNING) {
            throw rejection();
        }
        dispatch(task);
    }

    /** After queueing: if the pool stopped accepting and the task is still queued, rejects it. */
    final void recheck(Task<?> task) {
        if (runState() != RUNNING && queue.remove(task)) {
            tryTerminate();
            throw rejection();
        }
    }

    final RejectedExecutionException rejection() {
        Throwable cause = broken;
        return cause != null ? new BrokenThreadPoolException(BrokenThreadPoolException.MESSAGE, cause)
                : new RejectedExecutionException(SHUTDOWN_MESSAGE);
    }

    // ---------------------------------------------------------------- threads

    /**
     * Runs the initializer in the current thread; if it throws, breaks the pool (EXEC-06, TPE-06).
     *
     * @return true if the thread may run tasks
     */
    final boolean initialize() {
        if (initializer == null) {
            return true;
        }
        try {
            initializer.run();
            return true;
        } catch (Throwable e) {
            Future.LOGGER.log(System.Logger.Level.ERROR, "Exception in initializer", e);
            breakPool(e);
            return false;
        }
    }

    private void breakPool(Throwable cause) {
        if (broken == null) {
            broken = cause;
        }
        advanceRunState(SHUTDOWN);
        Throwable why = broken;
        drain(task -> task.failOrNotify(new BrokenThreadPoolException(BrokenThreadPoolException.MESSAGE, why)));
        wakeAll();
        tryTerminate();
    }

    final boolean isBroken() {
        return broken != null;
    }

    final Throwable brokenCause() {
        return broken;
    }

    /** Takes every queued task out and hands it to {@code action}. */
    final void drain(Consumer<Task<?>> action) {
        for (Task<?> t; (t = queue.poll()) != null; ) {
            if (t != PlatformThreadPool.END) {
                action.accept(t);
            }
        }
    }

    // ---------------------------------------------------------------- shutdown

    /** Python's shutdown without the wait. */
    final void shutdown(boolean cancelFutures) {
        advanceRunState(SHUTDOWN);
        if (cancelFutures) {
            drain(Task::cancelAndNotify);
        }
        wakeAll();
        tryTerminate();
    }

    /** The JDK's shutdownNow: drains (cancelling and notifying), interrupts, returns the drained. */
    final List<Runnable> shutdownNow() {
        advanceRunState(STOP);
        List<Runnable> drained = new ArrayList<>();
        drain(task -> {
            task.cancelAndNotify();
            drained.add(task);
        });
        wakeAll();
        for (Thread t : threads) {
            t.interrupt();
        }
        tryTerminate();
        return drained;
    }

    final void awaitTermination() throws InterruptedException {
        if (threads.contains(Thread.currentThread())) {
            throw new IllegalStateException("shutdown(wait=true) from " + Thread.currentThread().getName()
                    + ", a thread of this pool, would wait for itself forever");
        }
        terminated.await();
    }

    final boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    final boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** Called when the public executor has been collected without a shutdown (SHUT-06). */
    final void collected() {
        shutdown(false);
    }

    @Override
    public String toString() {
        long c = ctl;
        String state = isTerminated() ? "terminated"
                : broken != null ? "broken"
                : switch (runStateOf(c)) {
                    case RUNNING -> "running";
                    case SHUTDOWN -> "shutdown";
                    default -> "stopped";
                };
        int queued = 0;
        for (Task<?> t : queue) {
            if (t != PlatformThreadPool.END) {
                queued++;
            }
        }
        return "ThreadPoolExecutor[state=" + state + ", " + describeThreads(countOf(c)) + ", queued=" + queued + "]";
    }
}
