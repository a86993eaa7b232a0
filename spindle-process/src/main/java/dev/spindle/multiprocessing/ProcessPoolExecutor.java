package dev.spindle.multiprocessing;

import dev.spindle.futures.CloseableIterator;
import dev.spindle.futures.Executor;
import dev.spindle.futures.Future;
import dev.spindle.futures.Futures;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs calls in a pool of worker processes, child JVMs, and hands out {@link Future}s: Python's
 * {@code concurrent.futures.ProcessPoolExecutor}, built to survive what breaks CPython's.
 *
 * <p><b>Tasks travel.</b> A task and everything it captures is serialized on the caller's thread
 * when it is submitted and deserialized in a worker; its result or exception comes back the same
 * way. The {@link SerializableCallable}, {@link SerializableRunnable} and
 * {@link SerializableFunction} overloads make a plain lambda serializable with no cast. A task
 * that cannot be serialized fails its own future at once and the pool is unaffected (PPE-14); a
 * result or exception that cannot be serialized in the worker reaches the future as a
 * {@link java.io.NotSerializableException} and the worker lives on (PPE-16). A task's exception
 * arrives with its own type and message, and a {@link RemoteTraceback}, the stack trace it had in
 * the worker, as its cause (PPE-04).
 *
 * <p><b>Workers.</b> Workers are started on demand, one per queued task that no idle or starting
 * worker will take, up to {@link Builder#maxWorkers}, and reused while warm (PPE-11). Each talks
 * to the pool over channels of its own (one for tasks, one for interrupts) and runs one task at a
 * time, so the pool knows which task each worker runs; tasks wait in the pool, not in a worker. {@code map}'s function is sent
 * to each worker once and cached there; then only the items travel. A worker runs the
 * {@linkplain Builder#initializer initializer} before its first task (EXEC-05) and, with
 * {@linkplain Builder#maxTasksPerChild maxTasksPerChild}, is replaced after that many tasks
 * (PPE-06, PPE-08). Workers are {@linkplain JvmProcess#setDaemon daemon} processes: if this JVM
 * exits they are terminated, and they cannot start processes of their own.
 *
 * <p><b>Crashes.</b> A worker that dies while it runs a task (killed, {@code System.exit}, out of
 * memory: workers run with {@code -XX:+ExitOnOutOfMemoryError}, a native crash) fails only that
 * task's futures, each with a {@link WorkerCrashedException} of its own naming the worker's pid,
 * exit code and the tail of its stderr; a replacement starts if there is work, and the pool goes
 * on. This is the deliberate difference from CPython, where one dead worker breaks the whole
 * pool (PPE-02, PPE-03). No task is ever run twice, so a task that kills its worker kills one
 * worker, not one after another. The pool breaks ({@link BrokenProcessPoolException}: every
 * queued future fails, every later submit throws) only when it cannot start workers at all or
 * an initializer fails (EXEC-06, PPE-10).
 *
 * <p><b>Stopping tasks.</b> With a {@linkplain Builder#taskTimeout task timeout}, a task still
 * running when it is due has its future failed with a {@link TimeoutException}; the task is
 * interrupted in its worker and, if it is still running a {@linkplain Builder#interruptGrace
 * grace} later, the worker is killed and replaced. {@link Future#cancel(boolean) cancel(true)} on
 * a running task does the same (the call returns false, since a running future cannot be
 * cancelled, FUT-07), and {@link #shutdownNow()} does it to every running task.
 *
 * <p><b>map</b> sends items in chunks ({@code chunksize}, MAP-08); results and failures still
 * come one item at a time, in input order. The overloads without a chunk size choose one when
 * {@code items} is a {@link Collection}: {@code ceil(size / (4 * maxWorkers))}, as Python's
 * {@code multiprocessing.Pool.map} does, since a round trip per item dominates small tasks.
 *
 * <p><b>Shutting down</b> follows {@link Executor}: {@code shutdown(wait, cancelFutures)},
 * {@code close()}, {@code shutdownNow()}. Idle workers are told to exit once nothing is queued;
 * an executor that becomes unreachable is shut down (SHUT-06). The pool kills nothing but its
 * own workers, and has terminated only once every worker process has ended.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder()
 *         .maxWorkers(4).taskTimeout(Duration.ofMinutes(1)).build()) {
 *     Future<Long> pid = pool.submit(() -> ProcessHandle.current().pid());
 *     CloseableIterator<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *     squares.forEachRemaining(System.out::println);
 *     System.out.println("ran in " + pid.result());
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> a task sees the state its captured values had when it
 * was submitted (they were serialized then), never later changes; the caller sees the task's
 * result as it was when the task returned.
 */
public final class ProcessPoolExecutor extends AbstractExecutorService implements Executor {

    private static final class Gc {
        static final Cleaner CLEANER = Cleaner.create(
                r -> Thread.ofPlatform().name("spindle-process-pool-cleaner").daemon(true).unstarted(r));
    }

    private final ProcessPoolCore core;

    /** A pool of {@code availableProcessors()} workers, with no initializer and no timeout. */
    public ProcessPoolExecutor() {
        this(builder());
    }

    /**
     * A pool of at most {@code maxWorkers} workers.
     *
     * @throws IllegalArgumentException if {@code maxWorkers <= 0}
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ProcessPoolExecutor(Builder b) {
        int max = b.maxWorkers != null ? b.maxWorkers : Runtime.getRuntime().availableProcessors();
        byte[] initializer = null;
        if (b.initializer != null) {
            try {
                initializer = ProcessPoolCore.serialize(b.initializer, "initializer");
            } catch (IOException e) {
                throw new IllegalArgumentException("initializer cannot be serialized: " + e, e);
            }
        }
        core = new ProcessPoolCore(max, initializer, b.maxTasksPerChild, b.jvmOptions, b.taskTimeout, b.interruptGrace);
        ProcessPoolCore c = core;    // the cleaning action must not refer to this
        Gc.CLEANER.register(this, c::collected);
    }

    /** Returns a builder for a pool with options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options for a {@link ProcessPoolExecutor}: Python's {@code max_workers},
     * {@code initializer} and {@code max_tasks_per_child}, and Spindle's JVM options, task
     * timeout and interrupt grace.
     */
    public static final class Builder {
        private Integer maxWorkers;
        private SerializableRunnable initializer;
        private int maxTasksPerChild;
        private List<String> jvmOptions = List.of();
        private Duration taskTimeout;
        private Duration interruptGrace = Duration.ofSeconds(1);

        private Builder() {}

        /**
         * The most worker processes; by default {@code Runtime.availableProcessors()}.
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
         * Runs in every worker before its first task (EXEC-05); if it throws, the pool breaks
         * (EXEC-06). It travels to the workers, so it must be serializable.
         *
         * @throws NullPointerException if {@code initializer} is null (EXEC-07)
         */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * A worker exits after running this many tasks and a new one takes its place (PPE-06);
         * by default workers live as long as the pool.
         *
         * @throws IllegalArgumentException if {@code maxTasksPerChild < 1} (PPE-07)
         */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 1) {
                throw new IllegalArgumentException("maxTasksPerChild must be >= 1: " + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /**
         * Options for each worker's JVM, after the inherited ones so that they win:
         * {@code List.of("-Xmx512m")}.
         *
         * @throws NullPointerException if {@code options} or one of them is null
         */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * How long one call may run; past it, its future fails with a {@link TimeoutException}
         * and the call is interrupted, then its worker killed after the
         * {@linkplain #interruptGrace grace}. A chunk of {@code map} may run as long as its
         * calls together. By default there is none.
         *
         * @throws IllegalArgumentException if {@code timeout} is not positive
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder taskTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("taskTimeout must be positive: " + timeout);
            }
            this.taskTimeout = timeout;
            return this;
        }

        /**
         * How long an interrupted task (overdue, {@code cancel(true)}, {@code shutdownNow()})
         * may take to stop before its worker is killed; 1 second by default.
         *
         * @throws IllegalArgumentException if {@code grace} is negative
         * @throws NullPointerException if {@code grace} is null
         */
        public Builder interruptGrace(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("interruptGrace must be >= 0: " + grace);
            }
            this.interruptGrace = grace;
            return this;
        }

        /**
         * Creates the pool. No worker starts before the first submit.
         *
         * @throws IllegalArgumentException if the initializer cannot be serialized
         */
        public ProcessPoolExecutor build() {
            return new ProcessPoolExecutor(this);
        }
    }

    // ---------------------------------------------------------------- submitting

    /**
     * Schedules {@code task} in a worker. A task that cannot be serialized fails its future at
     * once (PPE-14).
     *
     * @throws RejectedExecutionException after a shutdown (SHUT-01)
     * @throws BrokenProcessPoolException if the pool is broken (EXEC-06)
     * @throws NullPointerException if {@code task} is null
     */
    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return core.submit(task, task);
    }

    /** {@link #submit(Callable)} for a lambda, which this type makes serializable. */
    public <T> Future<T> submit(SerializableCallable<T> task) {
        return submit((Callable<T>) task);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return submit(task, null);
    }

    /** {@link #submit(Runnable)} for a lambda, which this type makes serializable. */
    public Future<?> submit(SerializableRunnable task) {
        return submit((Runnable) task, null);
    }

    /** {@link #submit(Runnable, Object)} for a lambda, which this type makes serializable. */
    public <T> Future<T> submit(SerializableRunnable task, T result) {
        return submit((Runnable) task, result);
    }

    /** Schedules {@code task}; its future's result is {@code result}, which travels too. */
    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        SerializableCallable<T> call = () -> {
            task.run();
            return result;
        };
        return core.submit(call, task);
    }

    /**
     * Runs {@code command} in a worker; if it throws, the exception goes to the calling thread's
     * {@link Thread.UncaughtExceptionHandler} in this JVM when it arrives.
     *
     * @throws RejectedExecutionException after a shutdown or when broken
     * @throws NullPointerException if {@code command} is null
     */
    @Override
    public void execute(Runnable command) {
        Future<?> f = submit(command);
        f.addDoneCallback(ProcessPoolExecutor::reportUncaught);
    }

    private static void reportUncaught(Future<?> f) {
        if (f.state() == java.util.concurrent.Future.State.FAILED) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, f.exceptionNow());
        }
    }

    /** Runs every task in the workers and waits for all of them; each must be serializable. */
    @Override
    public <T> List<java.util.concurrent.Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
            throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            Futures.wait(futures);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return new ArrayList<>(futures);
    }

    /** Runs every task, waits at most {@code timeout} for all, and cancels those not done then. */
    @Override
    public <T> List<java.util.concurrent.Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout,
            TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        List<Future<T>> futures = submitAll(tasks);
        try {
            Futures.wait(futures, Duration.ofNanos(unit.toNanos(timeout)));
        } finally {
            futures.forEach(f -> f.cancel(true));   // a no-op for those done
        }
        return new ArrayList<>(futures);
    }

    /** Returns the result of one task that succeeds, cancelling the others. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return any(tasks, null);
        } catch (TimeoutException e) {
            throw new AssertionError("no deadline, no timeout", e);
        }
    }

    /** Returns the result of one task that succeeds within {@code timeout}, cancelling the others. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(unit, "unit");
        return any(tasks, Duration.ofNanos(unit.toNanos(timeout)));
    }

    private <T> T any(Collection<? extends Callable<T>> tasks, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("tasks is empty");
        }
        List<Future<T>> futures = submitAll(tasks);
        try {
            ExecutionException last = null;
            var it = timeout == null ? Futures.asCompleted(futures) : Futures.asCompleted(futures, timeout);
            try {
                while (it.hasNext()) {
                    Future<T> f = it.next();
                    try {
                        return f.result();
                    } catch (CompletionException | CancellationException e) {
                        last = new ExecutionException(e.getCause() != null ? e.getCause() : e);
                    }
                }
            } catch (dev.spindle.futures.UncheckedTimeoutException e) {
                throw new TimeoutException("no task succeeded within " + timeout);
            }
            throw last;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(submit(task));
            }
        } catch (RuntimeException e) {
            futures.forEach(Future::cancel);
            throw e;
        }
        return futures;
    }

    // ---------------------------------------------------------------- map

    /** {@link Executor#map}, in chunks of a size chosen from the input (see the class comment). */
    @Override
    public <T, R> CloseableIterator<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        Objects.requireNonNull(items, "items");
        return mapChunked(fn, items, null, defaultChunksize(items));
    }

    /** {@link Executor#map} with a deadline, in chunks of a size chosen from the input. */
    @Override
    public <T, R> CloseableIterator<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(timeout, "timeout");
        return mapChunked(fn, items, timeout, defaultChunksize(items));
    }

    /** {@link Executor#map}: {@code fn} travels to each worker once, then chunks of {@code chunksize} items. */
    @Override
    public <T, R> CloseableIterator<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout, int chunksize) {
        Objects.requireNonNull(timeout, "timeout");
        return mapChunked(fn, items, timeout, chunksize);
    }

    /** {@link #map(Function, Iterable)} for a lambda, which this type makes serializable. */
    public <T, R> CloseableIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return map((Function<? super T, ? extends R>) fn, items);
    }

    /** {@link #map(Function, Iterable, Duration)} for a lambda, which this type makes serializable. */
    public <T, R> CloseableIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout) {
        return map((Function<? super T, ? extends R>) fn, items, timeout);
    }

    /** {@link #map(Function, Iterable, Duration, int)} for a lambda, which this type makes serializable. */
    public <T, R> CloseableIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout, int chunksize) {
        return map((Function<? super T, ? extends R>) fn, items, timeout, chunksize);
    }

    private <T, R> CloseableIterator<R> mapChunked(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout, int chunksize) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be >= 1: " + chunksize);
        }
        ProcessPoolCore.FunctionRef ref = new ProcessPoolCore.FunctionRef(fn);
        Function<List<T>, List<PoolFuture<R>>> submitBatch = batch -> core.submitChunk(ref, batch);
        return timeout == null ? Futures.orderedResults(items, chunksize, submitBatch)
                : Futures.orderedResults(items, timeout, chunksize, submitBatch);
    }

    /** {@code ceil(size / (4 * maxWorkers))} for a collection, else 1. */
    private int defaultChunksize(Iterable<?> items) {
        if (items instanceof Collection<?> c && !c.isEmpty()) {
            long per = 4L * core.maxWorkers;
            return (int) Math.max(1, (c.size() + per - 1) / per);
        }
        return 1;
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
     * The JDK's {@code shutdownNow()}: rejects new tasks, cancels every queued future and returns
     * the queued tasks (running one does nothing, since it is cancelled), and stops the running
     * tasks: each is interrupted in its worker, which is killed if the task is still running after
     * the {@linkplain Builder#interruptGrace grace}.
     */
    @Override
    public List<Runnable> shutdownNow() {
        return core.shutdownNow();
    }

    /**
     * Python 3.14's {@code terminate_workers()}: rejects new tasks, cancels the queued ones, and
     * sends SIGTERM to every worker at once, so that the running tasks never finish; their
     * futures fail with {@link BrokenProcessPoolException}. Does nothing more on a pool that has
     * no worker or has already terminated (PPE-12).
     */
    public void terminateWorkers() {
        core.forceShutdown(false);
    }

    /** {@link #terminateWorkers()} with SIGKILL: Python 3.14's {@code kill_workers()} (PPE-12). */
    public void killWorkers() {
        core.forceShutdown(true);
    }

    /** True once a shutdown of any kind has begun, or the pool broke. */
    @Override
    public boolean isShutdown() {
        return core.runState() != ProcessPoolCore.RUNNING;
    }

    /** True once the pool is shut down and every worker process has ended. */
    @Override
    public boolean isTerminated() {
        return core.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return core.awaitTermination(timeout, unit);
    }

    // ---------------------------------------------------------------- inspection

    /** The most worker processes. */
    public int maxWorkers() {
        return core.maxWorkers;
    }

    /** True if the pool broke: a worker could not start, or an initializer failed. */
    public boolean isBroken() {
        return core.isBroken();
    }

    /** The process ids of the worker processes alive now, oldest first (a snapshot). */
    public List<Long> workerPids() {
        return core.workerPids();
    }

    /**
     * Returns the state, the workers and the queue, as
     * {@code ProcessPoolExecutor[state=running, workers=2/4, queued=0]}; the counts are a snapshot.
     */
    @Override
    public String toString() {
        return core.toString();
    }
}
