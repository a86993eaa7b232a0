package dev.spindle.futures;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The results of {@link Executor#map}, in input order: the one implementation every executor
 * shares (CPython's {@code Executor.map} and its {@code result_iterator}).
 *
 * <p>Every call is submitted by {@link #submitAll} before it returns (MAP-02). {@code next()}
 * waits for the next call's future until the one deadline computed at the {@code map} call
 * (MAP-04). A timeout, a failed or cancelled call, an interrupt, or {@link #close()} ends the
 * iteration and cancels every call not yet yielded (MAP-03, MAP-05, MAP-07; CPython 3.12/3.13).
 * With {@code chunksize > 1}, each submitted task applies {@code fn} to up to {@code chunksize}
 * items and keeps each item's own outcome, so results and failures still come one item at a
 * time; only cancellation is per chunk. Yielded results are not kept (MAP-10).
 *
 * <p>Not thread-safe: one consumer at a time, as any {@link java.util.Iterator}.
 */
final class MapIterator<R> implements CloseableIterator<R> {

    /** One item's outcome inside a chunk, when {@code fn} threw. */
    private record Thrown(Throwable exception) {}

    /*
     * State: `pending` holds the futures not yet consumed, in input order (each the future of
     * one item, or of a chunk whose result is an Object[] of outcomes); `chunk`/`chunkIndex` the
     * current chunk's outcomes, consumed slots nulled. `closed` ends everything; `yielded`
     * counts results handed out, for messages.
     */
    private final ArrayDeque<Future<?>> pending;
    private final boolean chunked;
    private final int total;
    private final Duration timeout;     // null: no deadline
    private final long deadline;
    private Object[] chunk;
    private int chunkIndex;
    private int yielded;
    private boolean closed;

    private MapIterator(ArrayDeque<Future<?>> pending, boolean chunked, int total, Duration timeout, long deadline) {
        this.pending = pending;
        this.chunked = chunked;
        this.total = total;
        this.timeout = timeout;
        this.deadline = deadline;
    }

    /**
     * Submits {@code fn} over every item, at once, and returns the iterator over the results.
     *
     * @param timeout the overall timeout, or null for none (the public overloads never pass null)
     */
    static <T, R> MapIterator<R> submitAll(Executor executor, Function<? super T, ? extends R> fn,
            Iterable<? extends T> items, Duration timeout, int chunksize) {
        Objects.requireNonNull(fn, "fn");
        if (chunksize == 1) {
            return submitBatches(items, timeout, 1,
                    batch -> List.of(executor.submit(() -> fn.apply(batch.get(0)))), false);
        }
        return submitBatches(items, timeout, chunksize, batch -> List.of(submitChunk(executor, fn, batch)), true);
    }

    /**
     * Submits the items in batches of up to {@code chunksize} through {@code submitBatch}, at
     * once, and returns the iterator over the results; see {@link Futures#orderedResults}.
     *
     * @param timeout the overall timeout, or null for none
     * @param chunked false if {@code submitBatch} returns one future per item; true if it returns
     *     one future for the whole batch, whose result is an {@code Object[]} of the items'
     *     outcomes ({@link #submitChunk})
     */
    static <T, R> MapIterator<R> submitBatches(Iterable<? extends T> items, Duration timeout, int chunksize,
            Function<? super List<T>, ? extends List<? extends Future<?>>> submitBatch, boolean chunked) {
        Objects.requireNonNull(items, "items");
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be >= 1: " + chunksize);
        }
        long deadline = timeout == null ? 0L : Timeouts.deadline(Timeouts.pollTimeout(timeout));
        ArrayDeque<Future<?>> futures = new ArrayDeque<>();
        int total = 0;
        try {
            List<T> batch = new ArrayList<>(Math.min(chunksize, 1024));
            for (T item : items) {
                batch.add(item);
                total++;
                if (batch.size() == chunksize) {
                    submit(submitBatch, batch, chunked, futures);
                    batch = new ArrayList<>(Math.min(chunksize, 1024));
                }
            }
            if (!batch.isEmpty()) {
                submit(submitBatch, batch, chunked, futures);
            }
        } catch (RuntimeException | Error e) {
            futures.forEach(Future::cancel);    // nothing half-submitted keeps running
            throw e;
        }
        return new MapIterator<>(futures, chunked, total, timeout, deadline);
    }

    private static <T> void submit(Function<? super List<T>, ? extends List<? extends Future<?>>> submitBatch,
            List<T> batch, boolean chunked, ArrayDeque<Future<?>> into) {
        List<? extends Future<?>> submitted = submitBatch.apply(batch);
        int expected = chunked ? 1 : batch.size();
        if (submitted.size() != expected) {
            submitted.forEach(Future::cancel);
            throw new IllegalStateException("a batch of " + batch.size() + " items gave " + submitted.size()
                    + " futures, not " + expected);
        }
        into.addAll(submitted);
    }

    private static <T, R> Future<Object[]> submitChunk(Executor executor, Function<? super T, ? extends R> fn,
            List<T> batch) {
        return executor.submit(() -> {
            Object[] outcomes = new Object[batch.size()];
            for (int i = 0; i < outcomes.length; i++) {
                try {
                    outcomes[i] = fn.apply(batch.get(i));
                } catch (Throwable e) {
                    outcomes[i] = new Thrown(e);
                }
            }
            return outcomes;
        });
    }

    @Override
    public boolean hasNext() {
        return !closed && (chunk != null || !pending.isEmpty());
    }

    /**
     * Waits for the next result in input order.
     *
     * @throws CompletionException if that call threw (the cause is its exception); the iteration
     *     then ends and the rest are cancelled
     * @throws CancellationException if that call was cancelled, or if this thread was interrupted
     *     while waiting (the cause is then the {@link InterruptedException} and the interrupt
     *     status is set again); the iteration then ends and the rest are cancelled
     * @throws UncheckedTimeoutException if the deadline passed first; the iteration ends and the
     *     timed-out call and the rest are cancelled
     * @throws NoSuchElementException if there is no next result
     */
    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException("map(): no more results (" + yielded + " of " + total + " yielded"
                    + (closed ? ", closed)" : ")"));
        }
        if (chunk == null) {
            Object result = await(pending.pollFirst());
            if (!chunked) {
                yielded++;
                return (R) result;
            }
            chunk = (Object[]) result;
            chunkIndex = 0;
        }
        Object outcome = chunk[chunkIndex];
        chunk[chunkIndex++] = null;
        if (chunkIndex == chunk.length) {
            chunk = null;
        }
        if (outcome instanceof Thrown thrown) {
            close();
            throw new CompletionException(thrown.exception());
        }
        yielded++;
        return (R) outcome;
    }

    /** Python's {@code _result_or_cancel}: the future's result, or the end of the iteration. */
    private Object await(Future<?> future) {
        try {
            return timeout == null ? future.result()
                    : future.result(Duration.ofNanos(Timeouts.remaining(deadline)));
        } catch (TimeoutException e) {
            future.cancel();
            close();
            TimeoutException timedOut = new TimeoutException("map() timed out after " + timeout + ": "
                    + (total - yielded) + " (of " + total + ") results unfinished");
            timedOut.initCause(e);
            throw new UncheckedTimeoutException(timedOut);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            CancellationException stopped = new CancellationException(
                    "map(): interrupted while waiting for result " + yielded + " (of " + total + ")");
            stopped.initCause(e);
            throw stopped;
        } catch (RuntimeException e) {
            close();        // CompletionException or CancellationException: the iteration ends
            throw e;
        }
    }

    /** Cancels every call not yet yielded and ends the iteration (MAP-07). */
    @Override
    public void close() {
        closed = true;
        chunk = null;
        for (Future<?> f; (f = pending.pollFirst()) != null; ) {
            f.cancel();
        }
    }
}
