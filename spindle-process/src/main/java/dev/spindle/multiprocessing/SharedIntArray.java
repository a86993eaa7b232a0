package dev.spindle.multiprocessing;

import dev.spindle.multiprocessing.internal.SharedSegment;
import java.io.Serial;

/**
 * A fixed-length array of {@code int}s in memory shared by processes: Python's
 * {@code multiprocessing.Array('i')}, with the atomic operations of {@code java.util.concurrent.atomic.AtomicIntegerArray}.
 * Each element access is atomic across processes; {@link #toArray()} reads the
 * elements one by one, so it is a consistent snapshot only under the {@link #lock()}. {@code toString()} shows the first 20 elements. Sharing,
 * lifetime and memory effects are {@link SharedLong}'s.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * SharedIntArray squares = new SharedIntArray(10);
 * JvmProcess child = new JvmProcess(() -> {
 *     for (int i = 0; i < squares.length(); i++) {
 *         squares.set(i, i * i);
 *     }
 * });
 * child.start();
 * child.join();
 * int[] seen = squares.toArray();
 * }
 */
public final class SharedIntArray extends SharedMemory {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an array of {@code length} zeros.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public SharedIntArray(int length) {
        super(allocate(INT_ARRAY, length));
    }

    SharedIntArray(SharedSegment segment) {
        super(segment);
    }

    /** Creates an array holding a copy of {@code values}. */
    public static SharedIntArray of(int... values) {
        SharedIntArray array = new SharedIntArray(values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    /** The number of elements. */
    public int length() {
        return segment.length();
    }

    /**
     * Returns element {@code i} (a volatile read).
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, length())}
     */
    public int get(int i) {
        return segment.getInt(i);
    }

    /** Sets element {@code i} (a volatile write). */
    public void set(int i, int value) {
        segment.setInt(i, value);
    }

    /** Adds {@code delta} to element {@code i} atomically; returns the value before. */
    public int getAndAdd(int i, int delta) {
        return segment.getAndAddInt(i, delta);
    }

    /** Adds {@code delta} to element {@code i} atomically; returns the value after. */
    public int addAndGet(int i, int delta) {
        return segment.getAndAddInt(i, delta) + delta;
    }

    /** Sets element {@code i} to {@code value} if it is {@code expected}, atomically; true if it did. */
    public boolean compareAndSet(int i, int expected, int value) {
        return segment.compareAndSetInt(i, expected, value);
    }

    /** A copy of the elements, read one by one. */
    public int[] toArray() {
        int[] out = new int[length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    @Override
    String elementText(int i) {
        return String.valueOf(get(i));
    }
}
