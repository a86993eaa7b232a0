package dev.spindle.futures;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pool of threads that runs calls and returns {@link Future}s, Python's
 * {@code concurrent.futures.ThreadPoolExecutor}; an {@link Executor}, so also a
 * {@link java.util.concurrent.ExecutorService} whose methods keep the JDK's meaning.
 *
 * <p><b>Threads.</b> At most {@code maxWorkers} threads, by default
 * {@code min(32, availableProcessors() + 4)} (TPE-01). They are made lazily: a submit starts a
 * new one only while fewer than {@code maxWorkers} exist and none is idle, and idle ones are
 * reused (TPE-02..04). They are named {@code prefix_0}, {@code prefix_1}, ...; the default prefix
 * is {@code ThreadPoolExecutor-<n>}, {@code n} counting pools (TPE-05). They are non-daemon
 * platform threads that live until the pool shuts down, so the JVM waits for submitted work
 * before it exits (SHUT-07, SHUT-09). A pool that is no longer referenced shuts itself down
 * once it is garbage-collected: queued work still runs, then its threads end (SHUT-06). A pool
 * that stays referenced must be shut down, as any {@code ExecutorService}, or the JVM will not
 * exit.
 *
 * <p><b>Virtual threads.</b> With {@code builder().virtualThreads(true)}, every task runs on a
 * virtual thread of its own, and {@code maxWorkers} caps how many run at once; the others wait
 * in order. No thread is reused, so {@link ThreadLocal}s do not carry over from task to task, and
 * the initializer runs before every task. The JVM still waits for submitted work before it exits.
 *
 * <p><b>Initializer.</b> Runs in every thread before its first task (EXEC-05). If it throws, the
 * exception is logged ("Exception in initializer", on {@link System.Logger}
 * {@code dev.spindle.futures}) and the pool is <em>broken</em>: every queued future fails with a
 * {@link BrokenThreadPoolException}, every later submit throws one, and the threads end
 * (EXEC-06, TPE-06). A broken pool counts as shut down.
 *
 * <p><b>Tasks.</b> Whatever a task throws, errors included, goes into its future; the thread
 * survives (TPE-07). {@code execute(Runnable)} has no future to hold a failure, so it hands it to
 * the thread's {@link Thread.UncaughtExceptionHandler}, as the JDK's pool does. A running task
 * cannot be cancelled ({@link Future#cancel()}); {@code cancel(true)} interrupts it, and the
 * future then ends with whatever the task does. For the same reason, when {@code invokeAll} with
 * a timeout gives up, a task that was running has been interrupted but may still be finishing:
 * the JDK promises {@code isDone()} for every returned future, this pool only for those that
 * had not started.
 *
 * <p><b>Shutting down.</b> {@link #shutdown(boolean, boolean)} is Python's; {@link #close()} is
 * {@code shutdown(true, false)}; {@link #shutdown()} starts an orderly shutdown without waiting;
 * {@link #shutdownNow()} cancels every queued future (they are notified, so no
 * {@link Futures#wait} waits for them), interrupts the running tasks and returns the queued
 * tasks, whose {@code run()} then does nothing. No future of the pool is left pending.
 *
 * <p><b>States</b>: running, then shutdown (by {@code shutdown}, {@code close} or garbage
 * collection; queued work still runs), stopped ({@code shutdownNow}), broken (the initializer
 * failed), and terminated once every thread has ended. {@link #toString()} shows the state, as
 * {@code ThreadPoolExecutor[state=running, threads=2/4, queued=0]}.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder()
 *         .maxWorkers(4).threadNamePrefix("fetch").build()) {
 *     Future<String> page = pool.submit(() -> fetch("https://example.org"));
 *     page.addDoneCallback(f -> System.out.println("fetched: " + f));
 *     System.out.println(page.result(Duration.ofSeconds(10)).length());
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to submitting a task
 * happen-before the task runs, and the task's actions happen-before the return of any method
 * that observes its outcome through its future. Actions of every task happen-before
 * {@code shutdown(true, ...)}, {@code close()} or a successful {@code awaitTermination} return.
 */
public final class ThreadPoolExecutor extends AbstractExecutorService implements Executor {

    private static final class Gc {
        static final Cleaner CLEANER = Cleaner.create(
                r -> Thread.ofPlatform().name("spindle-futures-cleaner").daemon(true).unstarted(r));
    }

    private final ThreadPoolCore<?> core;

    /** A pool of {@code min(32, availableProcessors() + 4)} platform threads (TPE-01). */
    public ThreadPoolExecutor() {
        this(builder());
    }

    /**
     * A pool of at most {@code maxWorkers} platform threads.
     *
     * @throws IllegalArgumentException if {@code maxWorkers <= 0}
     */
    public ThreadPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ThreadPoolExecutor(Builder b) {
        int max = b.maxWorkers != null ? b.maxWorkers : defaultMaxWorkers();
        core = b.virtualThreads ? new VirtualThreadPool(max, b.threadNamePrefix, b.initializer)
                : new PlatformThreadPool(max, b.threadNamePrefix, b.initializer);
        ThreadPoolCore<?> c = core;    // the cleaning action must not refer to this
        Gc.CLEANER.register(this, c::collected);
    }

    /** Python's default: {@code min(32, availableProcessors() + 4)} (TPE-01). */
    static int defaultMaxWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    /** Returns a builder for a pool with options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options for a {@link ThreadPoolExecutor}: Python's {@code max_workers},
     * {@code thread_name_prefix} and {@code initializer}, and Spindle's virtual-thread mode.
     */
    public static final class Builder {
        private Integer maxWorkers;
        private String threadNamePrefix;
        private Runnable initializer;
        private boolean virtualThreads;

        private Builder() {}

        /**
         * The most threads (or, virtual, the most tasks running at once); by default
         * {@code min(32, availableProcessors() + 4)}.
         *
         * @throws IllegalArgumentException if {@code maxWorkers <= 0} (EXEC-03)
         */
        public Builder maxWorkers(int maxWorkers) {
            if (maxWorkers <= 0) {
                throw new IllegalArgumentException("maxWorkers must be greater than 0: " + maxWorkers);
            }
            this.maxWorkers = maxWorkers;
            return this;
        }

        /**
         * Threads are named {@code prefix_0}, {@code prefix_1}, ... (TPE-05); an empty prefix
         * means the default, {@code ThreadPoolExecutor-<n>}.
         *
         * @throws NullPointerException if {@code prefix} is null
         */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Runs in every thread before its first task (EXEC-05); if it throws, the pool breaks
         * (TPE-06).
         *
         * @throws NullPointerException if {@code initializer} is null (EXEC-07)
         */
        public Builder initializer(Runnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** Runs every task on a virtual thread of its own; {@code maxWorkers} caps concurrency. */
        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        /** Creates the pool. No thread starts before the first submit. */
        public ThreadPoolExecutor build() {
            return new ThreadPoolExecutor(this);
        }
    }

    // ---------------------------------------------------------------- submitting

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Task<T> t = new Task<>(task);
        core.submit(t);
        return t;
    }

    @Override
    public Future<?> submit(Runnable task) {
        return submit(task, null);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return submit(Executors.callable(Objects.requireNonNull(task, "task"), result));
    }

    /**
     * Runs {@code command} on the pool; if it throws, the exception goes to the thread's
     * {@link Thread.UncaughtExceptionHandler} (the thread survives).
     *
     * @throws RejectedExecutionException after a shutdown or when broken
     * @throws NullPointerException if {@code command} is null
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof Task<?> task) {      // from newTaskFor: invokeAll, invokeAny
            core.submit(task);
            return;
        }
        Task<Object> task = new Task<>(Executors.callable(command));
        task.addDoneCallback(ThreadPoolExecutor::reportUncaught);
        core.submit(task);
    }

    private static void reportUncaught(Future<?> f) {
        if (f.failed()) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, f.exceptionNow());
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new Task<>(callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new Task<>(Executors.callable(runnable, value));
    }

    // ---------------------------------------------------------------- shutting down

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException {
        core.shutdown(cancelFutures);
        if (wait) {
            core.awaitTermination();
        }
    }

    /** The JDK's {@code shutdown()}: {@code shutdown(false, false)}, without waiting. */
    @Override
    public void shutdown() {
        core.shutdown(false);
    }

    /**
     * The JDK's {@code shutdownNow()}: rejects new tasks, cancels every queued future (and
     * notifies it), interrupts the threads running tasks, and returns the queued tasks; running
     * one of them does nothing, since it is cancelled.
     */
    @Override
    public List<Runnable> shutdownNow() {
        return core.shutdownNow();
    }

    /** True once a shutdown of any kind has begun, or the pool broke. */
    @Override
    public boolean isShutdown() {
        return core.runState() != ThreadPoolCore.RUNNING;
    }

    /** True once the pool is shut down and every thread has ended. */
    @Override
    public boolean isTerminated() {
        return core.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return core.awaitTermination(timeout, unit);
    }

    // ---------------------------------------------------------------- inspection

    /** The most threads (or, virtual, the most tasks running at once). */
    public int maxWorkers() {
        return core.maxWorkers;
    }

    /** True if the pool broke because an initializer failed (TPE-06). */
    public boolean isBroken() {
        return core.isBroken();
    }

    /**
     * Returns the state, the threads and the queue, as
     * {@code ThreadPoolExecutor[state=running, threads=2/4, queued=0]} (in virtual mode
     * {@code virtual threads=1/4}); the counts are a snapshot.
     */
    @Override
    public String toString() {
        return core.toString();
    }
}
