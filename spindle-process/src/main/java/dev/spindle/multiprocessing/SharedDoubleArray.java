package dev.spindle.multiprocessing;

import dev.spindle.multiprocessing.internal.SharedSegment;
import java.io.Serial;

/**
 * A fixed-length array of {@code double}s in memory shared by processes: Python's
 * {@code multiprocessing.Array('d')}.
 * Each element access is atomic across processes ({@link #compareAndSet} compares bits, as {@link SharedDouble}'s); {@link #toArray()} reads the
 * elements one by one, so it is a consistent snapshot only under the {@link #lock()}. {@code toString()} shows the first 20 elements. Sharing,
 * lifetime and memory effects are {@link SharedLong}'s.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * SharedDoubleArray squares = new SharedDoubleArray(10);
 * JvmProcess child = new JvmProcess(() -> {
 *     for (int i = 0; i < squares.length(); i++) {
 *         squares.set(i, i * i);
 *     }
 * });
 * child.start();
 * child.join();
 * double[] seen = squares.toArray();
 * }
 */
public final class SharedDoubleArray extends SharedMemory {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an array of {@code length} zeros.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public SharedDoubleArray(int length) {
        super(allocate(DOUBLE_ARRAY, length));
    }

    SharedDoubleArray(SharedSegment segment) {
        super(segment);
    }

    /** Creates an array holding a copy of {@code values}. */
    public static SharedDoubleArray of(double... values) {
        SharedDoubleArray array = new SharedDoubleArray(values.length);
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
    public double get(int i) {
        return segment.getDouble(i);
    }

    /** Sets element {@code i} (a volatile write). */
    public void set(int i, double value) {
        segment.setDouble(i, value);
    }

    /** Sets element {@code i} to {@code value} if it is {@code expected}, atomically; true if it did. */
    public boolean compareAndSet(int i, double expected, double value) {
        return segment.compareAndSetDouble(i, expected, value);
    }

    /** A copy of the elements, read one by one. */
    public double[] toArray() {
        double[] out = new double[length()];
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
