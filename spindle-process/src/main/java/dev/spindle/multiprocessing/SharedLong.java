package dev.spindle.multiprocessing;

import dev.spindle.multiprocessing.internal.SharedSegment;
import java.io.Serial;

/**
 * A {@code long} in memory shared by processes: Python's {@code multiprocessing.Value('q')},
 * with the atomic operations of {@link java.util.concurrent.atomic.AtomicLong}.
 *
 * <p><b>Sharing.</b> Hand it to a child inside its task (or through a queue or pipe): every
 * process that received it reads and writes the same memory, a file in Spindle's private run
 * directory that each process maps. Each operation is one atomic access of that memory:
 * {@link #get()} and {@link #set(long)} are volatile reads and writes, {@link #getAndAdd},
 * {@link #addAndGet} and {@link #compareAndSet} atomic read-modify-writes, atomic across
 * processes too. A compound update ("read the balance, check it, write it back") needs the
 * {@link #lock()}, which also works across processes; without it two processes can both pass
 * the check and one update is lost (the seed's bank account: {@code ./spindle demo
 * shared-account}).
 *
 * <p><b>Lifetime.</b> The memory lives as long as the JVM that created it (its file is deleted
 * when that JVM exits; processes still using it keep their mapping). Since children end with
 * their parent, that is as long as anyone can use it.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * SharedLong counter = new SharedLong(0);
 * JvmProcess child = new JvmProcess(() -> {
 *     for (int i = 0; i < 1000; i++) {
 *         counter.addAndGet(1);
 *     }
 * });
 * child.start();
 * child.join();
 * long n = counter.get();     // 1000
 * }
 *
 * <p><b>Memory consistency effects:</b> within a process, as {@code AtomicLong}'s methods: a
 * {@code set} or update happens-before a {@code get} that sees its value. Across processes on
 * one machine the same accesses are ordered the same way by the hardware (they are volatile
 * accesses of the same physical memory), and the lock orders what is done while holding it.
 */
public final class SharedLong extends SharedMemory {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates a shared {@code long} holding 0. */
    public SharedLong() {
        this(0);
    }

    /** Creates a shared {@code long} holding {@code initial}. */
    public SharedLong(long initial) {
        super(allocate(LONG, 1));
        segment.setLong(0, initial);
    }

    SharedLong(SharedSegment segment) {
        super(segment);
    }

    /** Returns the value (a volatile read). */
    public long get() {
        return segment.getLong(0);
    }

    /** Sets the value (a volatile write). */
    public void set(long value) {
        segment.setLong(0, value);
    }

    /** Adds {@code delta} atomically; returns the value before. */
    public long getAndAdd(long delta) {
        return segment.getAndAddLong(0, delta);
    }

    /** Adds {@code delta} atomically; returns the value after. */
    public long addAndGet(long delta) {
        return segment.getAndAddLong(0, delta) + delta;
    }

    /** Sets the value to {@code value} if it is {@code expected}, atomically; true if it did. */
    public boolean compareAndSet(long expected, long value) {
        return segment.compareAndSetLong(0, expected, value);
    }

    @Override
    String elementText(int i) {
        return String.valueOf(get());
    }
}
