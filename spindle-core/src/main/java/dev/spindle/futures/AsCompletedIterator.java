package dev.spindle.futures;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The iterator of {@link Futures#asCompleted}: CPython's {@code as_completed} generator.
 *
 * <p>The constructor registers one waiter on every distinct future; a future that refuses it is
 * already done and goes to {@code ready}, yielded first, in the order given. The others arrive in
 * {@code arrivals} as they are notified, in finishing order. Yielded futures are dropped from
 * every collection here (ASC-05). The iteration ends when every future has been yielded, on
 * timeout, on interrupt, or on {@link #close()}; each of these detaches the waiter.
 *
 * <p>Not thread-safe: one consumer at a time, as any {@link java.util.Iterator}.
 */
final class AsCompletedIterator<T> implements CloseableIterator<Future<T>> {

    private final ArrayDeque<Future<T>> ready = new ArrayDeque<>();
    private final LinkedBlockingQueue<Future<T>> arrivals = new LinkedBlockingQueue<>();
    private final Set<Future<T>> pending;
    private final int total;
    private final Duration timeout;     // null: no deadline
    private final long deadline;
    private int yielded;
    private boolean closed;

    private final Waiter waiter = new Waiter() {
        @Override
        @SuppressWarnings("unchecked")
        void onNotified(Future<?> future) {
            arrivals.add((Future<T>) future);
        }
    };

    AsCompletedIterator(Collection<? extends Future<T>> fs, Duration timeout, long deadline) {
        this.pending = Futures.distinct(fs);
        this.total = pending.size();
        this.timeout = timeout;
        this.deadline = deadline;
        pending.removeIf(f -> {
            boolean alreadyDone = !f.addWaiter(waiter);
            if (alreadyDone) {
                ready.add(f);
            }
            return alreadyDone;
        });
        if (total == 0) {
            closed = true;
        }
    }

    @Override
    public boolean hasNext() {
        return !closed && yielded < total;
    }

    /**
     * Returns the next future to finish.
     *
     * @throws UncheckedTimeoutException if the deadline passes first (ASC-02, ASC-04)
     * @throws CancellationException if interrupted while waiting (cause: the
     *     {@link InterruptedException}; the interrupt status is set again)
     * @throws NoSuchElementException if every future has been yielded or the iterator is closed
     */
    @Override
    public Future<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("asCompleted(): no more futures (" + yielded + " of " + total
                    + " yielded" + (closed ? ", closed)" : ")"));
        }
        Future<T> next = ready.poll();
        if (next == null) {
            next = arrival();
            pending.remove(next);
        }
        if (++yielded == total) {
            close();
        }
        return next;
    }

    private Future<T> arrival() {
        Future<T> next;
        try {
            next = timeout == null ? arrivals.take()
                    : arrivals.poll(Timeouts.remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            CancellationException stopped = new CancellationException("asCompleted(): interrupted with "
                    + (total - yielded) + " (of " + total + ") futures unfinished");
            stopped.initCause(e);
            throw stopped;
        }
        if (next == null) {
            int unfinished = total - yielded;
            close();
            throw new UncheckedTimeoutException(
                    new TimeoutException(unfinished + " (of " + total + ") futures unfinished"));
        }
        return next;
    }

    /** Stops listening to the futures not yet yielded and ends the iteration. */
    @Override
    public void close() {
        if (closed && pending.isEmpty()) {
            return;
        }
        closed = true;
        waiter.detach();
        for (Future<T> f : pending) {
            f.removeDetachedWaiters();
        }
        pending.clear();
        ready.clear();
        arrivals.clear();
    }
}
