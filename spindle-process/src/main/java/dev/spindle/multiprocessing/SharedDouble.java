package dev.spindle.multiprocessing;

import dev.spindle.multiprocessing.internal.SharedSegment;
import java.io.Serial;

/**
 * A {@code double} in memory shared by processes: Python's {@code multiprocessing.Value('d')}.
 * Reads and writes are volatile and {@link #compareAndSet} is atomic across processes; it
 * compares the bits of the two values (as an {@code AtomicLong} over
 * {@link Double#doubleToRawLongBits} would), so {@code NaN} matches {@code NaN} and {@code 0.0}
 * does not match {@code -0.0}. For a compound update take the {@link #lock()}. Sharing,
 * lifetime and memory effects are {@link SharedLong}'s.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * SharedDouble temperature = new SharedDouble(20.5);
 * new JvmProcess(() -> temperature.set(21.0)).start();
 * }
 */
public final class SharedDouble extends SharedMemory {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates a shared {@code double} holding 0.0. */
    public SharedDouble() {
        this(0.0);
    }

    /** Creates a shared {@code double} holding {@code initial}. */
    public SharedDouble(double initial) {
        super(allocate(DOUBLE, 1));
        segment.setDouble(0, initial);
    }

    SharedDouble(SharedSegment segment) {
        super(segment);
    }

    /** Returns the value (a volatile read). */
    public double get() {
        return segment.getDouble(0);
    }

    /** Sets the value (a volatile write). */
    public void set(double value) {
        segment.setDouble(0, value);
    }

    /** Sets the value to {@code value} if its bits are {@code expected}'s, atomically; true if it did. */
    public boolean compareAndSet(double expected, double value) {
        return segment.compareAndSetDouble(0, expected, value);
    }

    @Override
    String elementText(int i) {
        return String.valueOf(get());
    }
}
