package dev.spindle.threading;

import java.util.List;

/**
 * Thrown, with {@code -Dspindle.lockorder=throw}, by an acquire that takes two Spindle locks in
 * an order contrary to one seen before: a potential deadlock, reported before any thread hangs.
 *
 * <p>The acquire that throws has not acquired. {@link #path()} names the locks of the earlier
 * order, from the lock being acquired to the lock already held; see {@link Deadlocks}.
 */
public class LockOrderException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> path;

    LockOrderException(String message, List<String> path) {
        super(message);
        this.path = List.copyOf(path);
    }

    /**
     * Returns the lock labels of the earlier order: the lock being acquired first, then each lock
     * that was taken after it, ending with the lock the thread holds now.
     */
    public List<String> path() {
        return path;
    }
}
