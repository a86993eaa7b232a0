package dev.spindle.futures;

import java.util.Iterator;

/**
 * An {@link Iterator} over work in flight that can be closed early: what {@link Executor#map}
 * and {@link Futures#asCompleted} return, and Python's generator {@code close()}.
 *
 * <p>Closing {@code map}'s iterator cancels the calls that have not started (MAP-07); closing
 * {@code asCompleted}'s stops listening to the futures not yet yielded. After {@code close()},
 * {@link #hasNext()} is false. Closing twice does nothing. Use try-with-resources when the loop
 * may stop early:
 * {@snippet :
 * try (CloseableIterator<Integer> results = pool.map(this::score, items)) {
 *     while (results.hasNext()) {
 *         if (results.next() > 90) {
 *             break;                    // the calls not yet started are cancelled
 *         }
 *     }
 * }
 * }
 */
public interface CloseableIterator<E> extends Iterator<E>, AutoCloseable {

    /** Ends the iteration early; see the class comment. Never throws. */
    @Override
    void close();
}
