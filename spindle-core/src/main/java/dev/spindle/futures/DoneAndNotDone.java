package dev.spindle.futures;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Futures#wait} returns, Python's named tuple {@code DoneAndNotDoneFutures(done,
 * not_done)} (WAIT-09): the futures that were done when the wait ended, and the others. From
 * {@code wait}, each future given is in exactly one of the two sets (duplicates collapse:
 * WAIT-01), in the order the futures were given.
 *
 * @param done the futures finished, or cancelled and notified, when the wait ended
 * @param notDone the others
 */
public record DoneAndNotDone<T>(Set<Future<T>> done, Set<Future<T>> notDone) {

    /** Keeps unmodifiable views of the sets. */
    public DoneAndNotDone {
        done = Collections.unmodifiableSet(Objects.requireNonNull(done, "done"));
        notDone = Collections.unmodifiableSet(Objects.requireNonNull(notDone, "notDone"));
    }
}
