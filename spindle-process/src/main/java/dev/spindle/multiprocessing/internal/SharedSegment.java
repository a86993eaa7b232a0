package dev.spindle.multiprocessing.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A block of memory shared by processes: a file in the private run directory, mapped by every
 * process that holds a handle to it, with atomic access through {@link VarHandle}s and a lock
 * word for compound updates.
 *
 * <p><b>Layout</b> (native byte order; {@value #DATA} bytes of header, then the elements):
 * <pre>
 *   0   long  MAGIC "SPNDLSHM"
 *   8   int   kind (what the handle is: SharedLong, SharedIntArray, ...)
 *   12  int   length (elements)
 *   16  long  lock owner: 0 when free, else (pid &lt;&lt; 32) | (thread id &amp; 0xffffffff)
 *   24  long  hold count of the owner (the lock is reentrant); written only by the owner
 *   32  ...   reserved
 *   64  data  elements of 4 or 8 bytes, each aligned to its size
 * </pre>
 * Mapped files are page aligned, so every element and the lock word are naturally aligned,
 * which is what atomic {@code VarHandle} access on a direct buffer requires; on x86-64 and
 * AArch64 those accesses are atomic across processes sharing the page.
 *
 * <p><b>The lock</b>: a compare-and-set of the owner word from 0, with backoff (spin, then
 * yield, then park for up to 1 ms). While it waits, it checks about every 10 ms whether the
 * holder's process is still alive; if not, it takes the lock over from the dead process (the
 * data is then as that process left it, possibly half-updated, as with Python's lock in a
 * process killed while holding it, except that Python's waiter would wait forever). A holder
 * thread that ends without unlocking, in a live process, is not detected: as with any lock, the
 * waiters wait. A pid reused by a new process before the check keeps the lock taken until that
 * process ends.
 *
 * <p>The file is created full size with zeros written (not sparse), so that touching the
 * mapping can never fail for lack of space (a SIGBUS); it is deleted with the run directory
 * when the creating JVM exits; processes still mapping it keep their mapping.
 */
public final class SharedSegment {

    /** Bytes of header before the first element. */
    public static final int DATA = 64;

    private static final long MAGIC = 0x53504e444c53484dL;
    private static final int KIND = 8;
    private static final int LENGTH = 12;
    private static final int OWNER = 16;
    private static final int COUNT = 24;
    private static final long CHECK_HOLDER_NANOS = 10_000_000L;

    /*
     * One holder class per view, so that a child using only a SharedLong does not pay for making
     * the int and double views (each costs milliseconds in a fresh JVM).
     */
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final class Ints {
        static final VarHandle VIEW = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    }

    private static final class Doubles {
        static final VarHandle VIEW = MethodHandles.byteBufferViewVarHandle(double[].class, ByteOrder.nativeOrder());
    }
    private static final AtomicLong FILES = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private final Path path;
    private final MappedByteBuffer buffer;
    private final int kind;
    private final int length;

    private SharedSegment(Path path, MappedByteBuffer buffer, int kind, int length) {
        this.path = path;
        this.buffer = buffer;
        this.kind = kind;
        this.length = length;
    }

    /**
     * Creates a segment of {@code length} elements of {@code elementBytes} (4 or 8) bytes each,
     * zeroed, for a handle of kind {@code kind}.
     */
    public static SharedSegment create(int kind, int length, int elementBytes) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("'length' must be >= 0: " + length);
        }
        long size = DATA + (long) length * elementBytes;
        Path path = RuntimeDir.run().resolve("shm-" + FILES.incrementAndGet());
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
            for (long at = 0; at < size; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                at += file.write(zeros, at);
            }
            MappedByteBuffer buffer = file.map(FileChannel.MapMode.READ_WRITE, 0, size);
            buffer.order(ByteOrder.nativeOrder());
            buffer.putInt(KIND, kind);
            buffer.putInt(LENGTH, length);
            LONGS.setVolatile(buffer, 0, MAGIC);
            return new SharedSegment(path, buffer, kind, length);
        }
    }

    /**
     * Maps an existing segment, checking that it is what the handle says.
     *
     * @throws IOException if the file is gone or is not a segment of that kind and length
     */
    public static SharedSegment open(Path path, int kind, int length, int elementBytes) throws IOException {
        long size = DATA + (long) length * elementBytes;
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (file.size() != size) {
                throw new IOException(path + " has " + file.size() + " bytes, not " + size);
            }
            MappedByteBuffer buffer = file.map(FileChannel.MapMode.READ_WRITE, 0, size);
            buffer.order(ByteOrder.nativeOrder());
            // Plain reads: the creator wrote the header before any handle could leave its process.
            if (buffer.getLong(0) != MAGIC || buffer.getInt(KIND) != kind || buffer.getInt(LENGTH) != length) {
                throw new IOException(path + " is not a shared segment of kind " + kind + " and length " + length);
            }
            return new SharedSegment(path, buffer, kind, length);
        }
    }

    public Path path() {
        return path;
    }

    public int kind() {
        return kind;
    }

    public int length() {
        return length;
    }

    // ------------------------------------------------------------------------------- elements

    public long getLong(int i) {
        return (long) LONGS.getVolatile(buffer, at(i, 8));
    }

    public void setLong(int i, long v) {
        LONGS.setVolatile(buffer, at(i, 8), v);
    }

    public long getAndAddLong(int i, long delta) {
        return (long) LONGS.getAndAdd(buffer, at(i, 8), delta);
    }

    public boolean compareAndSetLong(int i, long expected, long value) {
        return LONGS.compareAndSet(buffer, at(i, 8), expected, value);
    }

    public int getInt(int i) {
        return (int) Ints.VIEW.getVolatile(buffer, at(i, 4));
    }

    public void setInt(int i, int v) {
        Ints.VIEW.setVolatile(buffer, at(i, 4), v);
    }

    public int getAndAddInt(int i, int delta) {
        return (int) Ints.VIEW.getAndAdd(buffer, at(i, 4), delta);
    }

    public boolean compareAndSetInt(int i, int expected, int value) {
        return Ints.VIEW.compareAndSet(buffer, at(i, 4), expected, value);
    }

    public double getDouble(int i) {
        return (double) Doubles.VIEW.getVolatile(buffer, at(i, 8));
    }

    public void setDouble(int i, double v) {
        Doubles.VIEW.setVolatile(buffer, at(i, 8), v);
    }

    /** Compares the bits, as {@code AtomicLong} over {@code doubleToRawLongBits} would. */
    public boolean compareAndSetDouble(int i, double expected, double value) {
        return Doubles.VIEW.compareAndSet(buffer, at(i, 8), expected, value);
    }

    private int at(int i, int size) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("index " + i + " out of bounds for length " + length);
        }
        return DATA + i * size;
    }

    // ----------------------------------------------------------------------------------- lock

    /**
     * Takes the lock, reentrantly; see the class comment.
     *
     * @throws InterruptedException if interrupted while waiting; the lock is then not held
     */
    public void lock() throws InterruptedException {
        long me = me();
        long holder = (long) LONGS.getVolatile(buffer, OWNER);
        if (holder == me) {
            LONGS.setVolatile(buffer, COUNT, (long) LONGS.getVolatile(buffer, COUNT) + 1);
            return;
        }
        long lastCheck = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            if (holder == 0 && LONGS.compareAndSet(buffer, OWNER, 0L, me)) {
                LONGS.setVolatile(buffer, COUNT, 1L);
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            backOff(attempt);
            holder = (long) LONGS.getVolatile(buffer, OWNER);
            if (holder != 0 && System.nanoTime() - lastCheck > CHECK_HOLDER_NANOS) {
                lastCheck = System.nanoTime();
                if (isDead(holder) && LONGS.compareAndSet(buffer, OWNER, holder, me)) {
                    LONGS.setVolatile(buffer, COUNT, 1L);
                    return;
                }
            }
        }
    }

    /**
     * Releases the lock once.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold it
     */
    public void unlock() {
        long me = me();
        if ((long) LONGS.getVolatile(buffer, OWNER) != me) {
            throw new IllegalMonitorStateException("cannot release un-acquired lock");
        }
        long count = (long) LONGS.getVolatile(buffer, COUNT) - 1;
        LONGS.setVolatile(buffer, COUNT, count);
        if (count == 0) {
            LONGS.setVolatile(buffer, OWNER, 0L);
        }
    }

    /** The pid holding the lock, or 0 when it is free. */
    public long lockHolderPid() {
        return (long) LONGS.getVolatile(buffer, OWNER) >>> 32;
    }

    private static long me() {
        return (PID << 32) | (Thread.currentThread().threadId() & 0xffffffffL);
    }

    private static boolean isDead(long holder) {
        long pid = holder >>> 32;
        if (pid == PID) {
            return false;   // a thread of this process: not detected, see the class comment
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive();
    }

    private static void backOff(int attempt) {
        if (attempt < 64) {
            Thread.onSpinWait();
        } else if (attempt < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(1_000_000L, 1_000L << Math.min(attempt - 128, 10)));
        }
    }
}
