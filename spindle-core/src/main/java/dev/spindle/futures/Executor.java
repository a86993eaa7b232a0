package dev.spindle.futures;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Runs calls asynchronously and hands out {@link Future}s, Python's
 * {@code concurrent.futures.Executor}; also a {@link ExecutorService} (whose methods keep the
 * JDK's meaning) and {@link AutoCloseable} (Python's {@code with}).
 *
 * <p><b>Submitting.</b> {@link #submit(Callable)} schedules a call and returns its future
 * (EXEC-01); after a shutdown it throws {@link RejectedExecutionException} with Python's message
 * "cannot schedule new futures after shutdown" (SHUT-01), and a broken executor throws a
 * {@link BrokenExecutorException}. A {@code null} task is a {@link NullPointerException}.
 *
 * <p><b>map.</b> {@link #map(Function, Iterable, Duration, int)} is implemented once, here, on
 * top of {@code submit}, so every executor (threads, processes, a cluster) has the same
 * semantics: every call is submitted when {@code map} is called (MAP-02); the returned iterator
 * yields the results lazily in input order (MAP-01); the timeout is one deadline counted from the
 * {@code map} call (MAP-04). A call that threw surfaces as {@link java.util.concurrent.CompletionException}
 * (cause: its exception), a cancelled one as {@link java.util.concurrent.CancellationException},
 * and a passed deadline as {@link UncheckedTimeoutException}; any of these, or
 * {@link CloseableIterator#close()}, ends the iteration and cancels every call not yet yielded
 * (MAP-03, MAP-05, MAP-07; the semantics of CPython 3.12 and 3.13). {@code chunksize} batches
 * items into fewer tasks (MAP-08); results and failures still come one item at a time.
 * Unlike Python's, {@code map} takes one iterable; zip several into one.
 *
 * <p><b>Shutting down.</b> {@link #shutdown(boolean, boolean)} is Python's
 * {@code shutdown(wait, cancel_futures)}; {@link #close()} is {@code shutdown(true, false)};
 * {@link #shutdown()} keeps the JDK's meaning (start an orderly shutdown, do not wait). Every
 * shutdown may be called more than once (SHUT-12).
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * try (Executor pool = new ThreadPoolExecutor(4)) {
 *     Future<Integer> f = pool.submit(() -> 2 << 7);
 *     CloseableIterator<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *     squares.forEachRemaining(System.out::println);
 *     System.out.println(f.result());       // 256
 * }                                           // close(): waits for the work, then the threads end
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to submitting a task
 * happen-before the task runs, and the task's actions happen-before the return of any method
 * that observes its outcome through the future, or through {@code map}'s iterator.
 */
public interface Executor extends ExecutorService, AutoCloseable {

    /**
     * Schedules {@code task} and returns its future (EXEC-01).
     *
     * @throws RejectedExecutionException after a shutdown (SHUT-01)
     * @throws BrokenExecutorException if the executor is broken (EXEC-06)
     * @throws NullPointerException if {@code task} is null
     */
    @Override
    <T> Future<T> submit(Callable<T> task);

    /** Schedules {@code task}; its future's result is {@code null}. Otherwise as {@link #submit(Callable)}. */
    @Override
    Future<?> submit(Runnable task);

    /** Schedules {@code task}; its future's result is {@code result}. Otherwise as {@link #submit(Callable)}. */
    @Override
    <T> Future<T> submit(Runnable task, T result);

    /**
     * Applies {@code fn} to every item concurrently; the results come in input order with no
     * deadline. See the class comment.
     *
     * @throws NullPointerException if {@code fn} or {@code items} is null
     * @throws RejectedExecutionException if the executor does not accept the calls (those
     *     already submitted are cancelled)
     */
    default <T, R> CloseableIterator<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return MapIterator.submitAll(this, fn, items, null, 1);
    }

    /**
     * Applies {@code fn} to every item concurrently; all results must be ready within
     * {@code timeout} of this call, else the iterator throws {@link UncheckedTimeoutException}
     * (MAP-04). A timeout {@code <= 0} only takes what is already done (MAP-05).
     *
     * @throws NullPointerException if an argument is null
     * @throws RejectedExecutionException if the executor does not accept the calls
     */
    default <T, R> CloseableIterator<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout) {
        return map(fn, items, timeout, 1);
    }

    /**
     * Like {@link #map(Function, Iterable, Duration)}, submitting the items in batches of
     * {@code chunksize} (MAP-08).
     *
     * @throws IllegalArgumentException if {@code chunksize < 1}: "chunksize must be >= 1: 0"
     * @throws NullPointerException if an argument is null
     * @throws RejectedExecutionException if the executor does not accept the calls
     */
    default <T, R> CloseableIterator<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout, int chunksize) {
        java.util.Objects.requireNonNull(timeout, "timeout");
        return MapIterator.submitAll(this, fn, items, timeout, chunksize);
    }

    /**
     * Python's {@code shutdown(wait, cancel_futures)}: from now on submits are rejected. With
     * {@code cancelFutures}, the calls that have not started are cancelled (SHUT-03); the others
     * still run (SHUT-02). With {@code wait}, returns once every call has ended and the
     * executor's threads are gone; without, returns at once (SHUT-04). Safe to call repeatedly.
     *
     * @throws InterruptedException if interrupted while waiting; the shutdown has still begun
     * @throws IllegalStateException if {@code wait} is true and this is called from one of the
     *     executor's own threads, which would wait for itself forever; the shutdown has begun
     */
    void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException;

    /**
     * {@code shutdown(true, false)}: what leaving a try-with-resources block does (SHUT-05). If
     * interrupted while waiting, it acts as {@link ExecutorService#close()} does: it calls
     * {@link #shutdownNow()}, keeps waiting until the threads are gone, and returns with the
     * interrupt status set.
     *
     * @throws IllegalStateException if called from one of the executor's own threads
     */
    @Override
    default void close() {
        boolean interrupted = false;
        for (;;) {
            try {
                shutdown(true, false);
                break;
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    shutdownNow();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
