package dev.spindle.futures;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Waiting for several futures at once, Python's module functions {@code concurrent.futures.wait}
 * and {@code as_completed}.
 *
 * <p>Both work on futures from any executor, or none. Neither polls: each registers a waiter on
 * every future it waits for, and the futures wake it when they finish (as CPython does). A
 * future counts as done here once it has finished, or has been cancelled <em>and</em> notified by
 * its executor ({@link Future#setRunningOrNotifyCancel()}): a future cancelled but not yet
 * notified is not done for {@code wait} (WAIT-02), as in Python. Spindle's executors notify the
 * futures they cancel themselves (at shutdown), so those never keep a {@code wait} waiting.
 * Duplicates collapse (WAIT-01, ASC-03). Timeouts follow the polling rule: {@code <= 0} checks
 * without waiting; huge ones saturate.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * List<Future<String>> downloads = urls.stream().map(u -> pool.submit(() -> fetch(u))).toList();
 * DoneAndNotDone<String> first = Futures.wait(downloads, Duration.ofSeconds(2), ReturnWhen.FIRST_COMPLETED);
 * try (CloseableIterator<Future<String>> it = Futures.asCompleted(downloads, Duration.ofSeconds(30))) {
 *     while (it.hasNext()) {
 *         System.out.println(it.next().result());       // in the order they finish
 *     }
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> actions of a task prior to the completion of its future
 * happen-before {@code wait} returns that future in {@code done}, and before
 * {@code asCompleted}'s iterator yields it.
 */
public final class Futures {

    private Futures() {}

    /** Waits until every future is done: {@code wait(fs, ALL_COMPLETED)}. */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs) throws InterruptedException {
        return await(fs, false, 0L, ReturnWhen.ALL_COMPLETED);
    }

    /** Waits, with no timeout, until {@code returnWhen} holds. */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs, ReturnWhen returnWhen)
            throws InterruptedException {
        return await(fs, false, 0L, returnWhen);
    }

    /** Waits at most {@code timeout} until every future is done. */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs, Duration timeout)
            throws InterruptedException {
        return await(fs, true, Timeouts.pollTimeout(timeout), ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits at most {@code timeout} until {@code returnWhen} holds, and returns which futures
     * were done then (Python's {@code wait}, WAIT-01..10). A timeout never throws: it returns the
     * split at that moment (WAIT-08). Returns at once if the condition already holds (WAIT-03,
     * WAIT-06).
     *
     * @throws NullPointerException if an argument or one of the futures is null
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> DoneAndNotDone<T> wait(Collection<? extends Future<T>> fs, Duration timeout,
            ReturnWhen returnWhen) throws InterruptedException {
        return await(fs, true, Timeouts.pollTimeout(timeout), returnWhen);
    }

    /**
     * Returns an iterator that yields every future once as it finishes or is cancelled: first
     * those already done, then the others in the order they finish (Python's
     * {@code as_completed}, ASC-01, ASC-06).
     *
     * <p>{@code next()} blocks until a future is done. If the thread is interrupted while
     * waiting, the iteration ends, the interrupt status is set again, and {@code next()} throws
     * {@link java.util.concurrent.CancellationException} whose cause is the
     * {@link InterruptedException}. Yielded futures are not kept (ASC-05).
     *
     * @throws NullPointerException if {@code fs} or one of the futures is null
     */
    public static <T> CloseableIterator<Future<T>> asCompleted(Collection<? extends Future<T>> fs) {
        return new AsCompletedIterator<>(fs, null, 0L);
    }

    /**
     * Like {@link #asCompleted(Collection)}, with one deadline counted from this call: once it
     * passes, {@code next()} throws {@link UncheckedTimeoutException} with Python's message,
     * "2 (of 4) futures unfinished", and the iteration ends (ASC-02, ASC-04). A timeout
     * {@code <= 0} yields what is already done, then times out.
     *
     * @throws NullPointerException if an argument or one of the futures is null
     */
    public static <T> CloseableIterator<Future<T>> asCompleted(Collection<? extends Future<T>> fs, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new AsCompletedIterator<>(fs, timeout, Timeouts.deadline(Timeouts.pollTimeout(timeout)));
    }

    /**
     * {@link Executor#map}'s semantics for an executor that submits map's calls its own way (a
     * process pool sends {@code fn} to each worker once, and then only the items): cuts
     * {@code items} into batches of up to {@code chunksize}, hands each batch to
     * {@code submitBatch}, which submits it and returns one future per item in batch order, and
     * returns the iterator {@code map} returns, with {@code map}'s rules (MAP-01..07, MAP-10):
     * every batch is submitted before this returns, results come in input order, one deadline
     * {@code timeout} from this call, and a failure, timeout, interrupt or {@code close()} ends
     * the iteration and cancels every future not yet consumed.
     *
     * <p>For executor authors; {@code map} users call {@link Executor#map}.
     *
     * @throws IllegalArgumentException if {@code chunksize < 1}: "chunksize must be >= 1: 0"
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if {@code submitBatch} returns a number of futures other than
     *     its batch's size (what it submitted is cancelled)
     * @throws RuntimeException whatever {@code submitBatch} throws ({@code RejectedExecutionException}
     *     after a shutdown); the futures of the batches before are cancelled
     */
    public static <T, R> CloseableIterator<R> orderedResults(Iterable<? extends T> items, Duration timeout, int chunksize,
            Function<? super List<T>, ? extends List<? extends Future<? extends R>>> submitBatch) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(submitBatch, "submitBatch");
        return MapIterator.submitBatches(items, timeout, chunksize, submitBatch, false);
    }

    /** {@link #orderedResults(Iterable, Duration, int, Function)} with no deadline. */
    public static <T, R> CloseableIterator<R> orderedResults(Iterable<? extends T> items, int chunksize,
            Function<? super List<T>, ? extends List<? extends Future<? extends R>>> submitBatch) {
        Objects.requireNonNull(submitBatch, "submitBatch");
        return MapIterator.submitBatches(items, null, chunksize, submitBatch, false);
    }

    /** The distinct futures of {@code fs}, in order, with nulls rejected. */
    static <T> Set<Future<T>> distinct(Collection<? extends Future<T>> fs) {
        Objects.requireNonNull(fs, "fs");
        Set<Future<T>> all = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            all.add(Objects.requireNonNull(f, "a future in fs is null"));
        }
        return all;
    }

    private static <T> DoneAndNotDone<T> await(Collection<? extends Future<T>> fs, boolean timed, long nanos,
            ReturnWhen returnWhen) throws InterruptedException {
        Objects.requireNonNull(returnWhen, "returnWhen");
        Set<Future<T>> all = distinct(fs);
        Set<Future<T>> done = new LinkedHashSet<>();
        boolean failed = false;
        for (Future<T> f : all) {
            if (f.notified()) {
                done.add(f);
                failed |= f.failed();
            }
        }
        boolean satisfied = done.size() == all.size()
                || (returnWhen == ReturnWhen.FIRST_COMPLETED && !done.isEmpty())
                || (returnWhen == ReturnWhen.FIRST_EXCEPTION && failed);
        if (!satisfied && !(timed && nanos <= 0L)) {
            WaitWaiter waiter = new WaitWaiter(returnWhen, all.size() - done.size());
            List<Future<T>> registered = new ArrayList<>();
            try {
                for (Future<T> f : all) {
                    if (!done.contains(f)) {
                        if (f.addWaiter(waiter)) {
                            registered.add(f);
                        } else {
                            waiter.onNotified(f);   // finished since the snapshot
                        }
                    }
                }
                waiter.await(timed, nanos);
            } finally {
                waiter.detach();
                for (Future<T> f : registered) {
                    f.removeDetachedWaiters();
                }
            }
            for (Future<?> f : waiter.finished) {
                @SuppressWarnings("unchecked")
                Future<T> typed = (Future<T>) f;
                done.add(typed);
            }
        }
        Set<Future<T>> notDone = new LinkedHashSet<>(all);
        notDone.removeAll(done);
        return new DoneAndNotDone<>(done, notDone);
    }

    /** CPython's {@code _FirstCompletedWaiter} and {@code _AllCompletedWaiter} in one. */
    private static final class WaitWaiter extends Waiter {
        private final ReturnWhen returnWhen;
        private final AtomicInteger pending;
        private final CountDownLatch satisfied = new CountDownLatch(1);
        final Queue<Future<?>> finished = new ConcurrentLinkedQueue<>();

        WaitWaiter(ReturnWhen returnWhen, int pending) {
            this.returnWhen = returnWhen;
            this.pending = new AtomicInteger(pending);
        }

        @Override
        void onNotified(Future<?> future) {
            finished.add(future);
            boolean last = pending.decrementAndGet() == 0;
            if (last || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && future.failed())) {
                satisfied.countDown();
            }
        }

        void await(boolean timed, long nanos) throws InterruptedException {
            if (timed) {
                satisfied.await(nanos, TimeUnit.NANOSECONDS);
            } else {
                satisfied.await();
            }
        }
    }
}
