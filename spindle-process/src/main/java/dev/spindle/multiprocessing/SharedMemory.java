package dev.spindle.multiprocessing;

import dev.spindle.multiprocessing.internal.SharedSegment;
import dev.spindle.threading.Held;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * What the shared values and arrays have in common: their memory, which every process holding a
 * handle maps, their lock, and how a handle travels to another process. See {@link SharedLong}
 * for the rules.
 */
abstract sealed class SharedMemory implements Serializable
        permits SharedLong, SharedDouble, SharedIntArray, SharedLongArray, SharedDoubleArray {

    @Serial
    private static final long serialVersionUID = 1L;

    static final int LONG = 1;
    static final int DOUBLE = 2;
    static final int INT_ARRAY = 3;
    static final int LONG_ARRAY = 4;
    static final int DOUBLE_ARRAY = 5;

    /** The mapped memory; every access goes through it. */
    final transient SharedSegment segment;

    SharedMemory(SharedSegment segment) {
        this.segment = segment;
    }

    /** Creates a zeroed segment of {@code length} elements. */
    static SharedSegment allocate(int kind, int length) {
        try {
            return SharedSegment.create(kind, length, elementBytes(kind));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared memory", e);
        }
    }

    private static int elementBytes(int kind) {
        return kind == INT_ARRAY ? 4 : 8;
    }

    /**
     * Takes this object's lock, which works across processes, for a compound update (Python's
     * {@code get_lock()}); {@code close()} on the result releases it. The lock is reentrant for
     * the thread that holds it. If the process holding it dies, a waiter takes it over within
     * about 10 ms, and finds the data as the dead process left it.
     *
     * {@snippet :
     * try (Held held = balance.lock()) {
     *     if (balance.get() >= amount) {
     *         balance.set(balance.get() - amount);
     *     }
     * }
     * }
     *
     * @throws InterruptedException if interrupted while waiting; the lock is then not held
     */
    public Held lock() throws InterruptedException {
        segment.lock();
        return segment::unlock;
    }

    /** Element {@code i} as text, for {@link #toString()}. */
    abstract String elementText(int i);

    /** {@code SharedLong[42]}, {@code SharedIntArray[1, 2, 3]}: the value, or the first 20 elements. */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", getClass().getSimpleName() + "[", "]");
        int n = segment.length();
        for (int i = 0; i < Math.min(n, 20); i++) {
            s.add(elementText(i));
        }
        if (n > 20) {
            s.add("... (" + n + " elements)");
        }
        return s.toString();
    }

    /** Package-private, not private: serialization looks the hook up from the subclass. */
    @Serial
    final Object writeReplace() {
        return new Ref(segment.path().toString(), segment.kind(), segment.length());
    }

    /**
     * What travels: the file and what it holds. A class, not a record:
     * deserializing a record builds method handles, which costs a child tens of milliseconds.
     */
    private static final class Ref implements Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private final String path;
        private final int kind;
        private final int length;

        Ref(String path, int kind, int length) {
            this.path = path;
            this.kind = kind;
            this.length = length;
        }

        @Serial
        private Object readResolve() throws ObjectStreamException {
            SharedSegment segment;
            try {
                segment = SharedSegment.open(Path.of(path), kind, length, elementBytes(kind));
            } catch (IOException e) {
                InvalidObjectException x = new InvalidObjectException("cannot map the shared memory: " + e.getMessage());
                x.initCause(e);
                throw x;
            }
            return switch (kind) {
                case LONG -> new SharedLong(segment);
                case DOUBLE -> new SharedDouble(segment);
                case INT_ARRAY -> new SharedIntArray(segment);
                case LONG_ARRAY -> new SharedLongArray(segment);
                case DOUBLE_ARRAY -> new SharedDoubleArray(segment);
                default -> throw new InvalidObjectException("unknown shared memory kind " + kind);
            };
        }
    }
}
