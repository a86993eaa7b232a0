package dev.spindle.threading;

/**
 * A semaphore that may not be released above its initial value, Python's
 * {@code threading.BoundedSemaphore}: releasing more than was acquired is a bug it reports.
 *
 * <p>Everything else is {@link Semaphore}'s (SEM-01..11 hold). {@code release(n)} is checked as
 * a whole before any change (BSEM-03): when {@code value + n} would pass the initial value,
 * nothing is released and {@link IllegalStateException} is thrown (Python's
 * {@code ValueError: Semaphore released too many times}). Releases from any thread count
 * (BSEM-02).
 *
 * <p><b>Memory consistency effects:</b> as {@link Semaphore}.
 */
public class BoundedSemaphore extends Semaphore {

    private final int initial;

    /** Creates a bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also its bound.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value, value);
        this.initial = value;
    }

    /**
     * Adds one permit.
     *
     * @throws IllegalStateException if the value would pass the initial value (BSEM-01)
     */
    @Override
    public void release() {
        super.release();
    }

    /**
     * Adds {@code n} permits, all or none.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     * @throws IllegalStateException if {@code value() + n} would pass the initial value (BSEM-03)
     */
    @Override
    public void release(int n) {
        super.release(n);
    }

    @Override
    RuntimeException overRelease(int current, int n) {
        return new IllegalStateException("Semaphore released too many times: value=" + current + "/" + initial
                + ", release(" + n + ")");
    }

    /** Returns the state in Python's words: {@code BoundedSemaphore[value=2/3]} (BSEM-04). */
    @Override
    public String toString() {
        return "BoundedSemaphore[value=" + value() + "/" + initial + "]";
    }
}
