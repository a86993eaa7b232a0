package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;

/**
 * What the executor contract tests share: a factory for the executor under test, the
 * {@link TaskKit} its tasks coordinate with the test through, and clean-up. Subclasses for
 * another executor implement {@link #create} and, if its tasks run in another JVM, {@link #kit}.
 *
 * <p>Tasks are serializable lambdas ({@link Call}, {@link Run}, {@link Fn}) that capture only
 * serializable values (never the test instance), so that the same tests run against an executor
 * that sends its tasks to other processes. A task that must "run for a while" waits at a
 * {@link TaskKit.Gate} from {@link #newGate()}, which tear-down always opens.
 */
public abstract class ExecutorFixture {

    /** A {@link Callable} that can travel to another process. */
    @FunctionalInterface
    public interface Call<T> extends Callable<T>, Serializable {}

    /** A {@link Runnable} that can travel to another process. */
    @FunctionalInterface
    public interface Run extends Runnable, Serializable {}

    /** A {@link Function} that can travel to another process. */
    @FunctionalInterface
    public interface Fn<T, R> extends Function<T, R>, Serializable {}

    private final List<Executor> executors = new CopyOnWriteArrayList<>();
    private final List<TaskKit.Gate> gates = new CopyOnWriteArrayList<>();

    /**
     * Creates the executor under test.
     *
     * @param workers the most threads (or processes) running tasks at once
     * @param initializer run in each worker before its first task, or null for none; a
     *     {@link Run}, so it can travel too
     */
    protected abstract Executor create(int workers, Runnable initializer);

    /** How tasks meet the test; the default suits executors that run tasks in this JVM. */
    protected TaskKit kit() {
        return LocalTaskKit.INSTANCE;
    }

    protected final Executor newExecutor(int workers) {
        return newExecutor(workers, null);
    }

    protected final Executor newExecutor(int workers, Run initializer) {
        Executor executor = create(workers, initializer);
        executors.add(executor);
        return executor;
    }

    /** A closed gate that tear-down opens if the test does not. */
    protected final TaskKit.Gate newGate() {
        TaskKit.Gate gate = kit().gate();
        gates.add(gate);
        return gate;
    }

    static <T> Future<T> submit(Executor ex, Call<T> task) {
        return ex.submit(task);
    }

    static Future<?> submit(Executor ex, Run task) {
        return ex.submit(task);
    }

    static <T, R> CloseableIterator<R> map(Executor ex, Fn<T, R> fn, Iterable<T> items) {
        return ex.map(fn, items);
    }

    static <T, R> CloseableIterator<R> map(Executor ex, Fn<T, R> fn, Iterable<T> items, java.time.Duration timeout) {
        return ex.map(fn, items, timeout);
    }

    static <T, R> CloseableIterator<R> map(Executor ex, Fn<T, R> fn, Iterable<T> items, java.time.Duration timeout,
            int chunksize) {
        return ex.map(fn, items, timeout, chunksize);
    }

    /** A serializable {@link Callable}, for lists of tasks ({@code invokeAll}). */
    static <T> Callable<T> call(Call<T> task) {
        return task;
    }

    @AfterEach
    final void shutDownEveryExecutor() throws InterruptedException {
        gates.forEach(TaskKit.Gate::open);
        for (Executor executor : executors) {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).as("%s terminates", executor).isTrue();
        }
    }
}
