package dev.spindle.multiprocessing.internal;

import dev.spindle.queue.Queue;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A process queue as its owner (the process that created it) holds it: a
 * {@link dev.spindle.queue.Queue} of serialized items, its copies ({@link Sessions}), and the
 * calls of the other processes that use it.
 *
 * <p>Items are stored serialized, so every process, the owner included, gets its own copy of
 * an item, as with Python's {@code multiprocessing.Queue}, and a {@code qsize} or {@code full}
 * counts what Python's would. Blocking calls from other processes wait on a thread of the
 * server's pool; a caller that is interrupted cancels its call and the queue is left unchanged.
 *
 * <p>Lifetime: the queue is served while any copy of a handle is open: the owner's own until
 * {@code close()}, the copies other processes attached until they close them or end, and the
 * handoffs to children that have not started using it. Then it leaves the {@link Server}.
 */
public final class QueueHub extends Hub {

    /** Operation codes of {@link #serve}. PUT: {@code [nanos:8][item]}, nanos -1 = forever. */
    public static final int PUT = 1;
    /** {@code [nanos:8]}, -1 = forever; reply: the item, or {@link #NO}. */
    public static final int GET = 2;
    /** Reply {@code [int]}. */
    public static final int QSIZE = 3;
    /** Reply {@code [0|1]}. */
    public static final int FULL = 4;
    /** Reply {@link #NO} when called too many times. */
    public static final int TASK_DONE = 5;
    public static final int JOIN = 6;

    /** Reply status: full (PUT), empty (GET), too many calls (TASK_DONE). */
    public static final int NO = 1;

    /** Forever, as a nanosecond count on the wire. */
    public static final long FOREVER = -1;

    private final Queue<byte[]> queue;

    /** A queue of at most {@code maxsize} items ({@code <= 0}: unbounded), held by its creator. */
    public QueueHub(int maxsize) {
        super(1);
        this.queue = new Queue<>(maxsize);
    }

    @Override
    void lastCopyClosed(int slot) {
        // nothing to wake: the queue leaves the server when the last copy goes
    }

    /** Puts, waiting at most {@code nanos} ({@link #FOREVER}); false if still full. */
    public boolean put(byte[] item, long nanos) throws InterruptedException {
        if (nanos == FOREVER) {
            queue.put(item);
            return true;
        }
        return queue.offer(item, nanos, TimeUnit.NANOSECONDS);
    }

    /** Gets, waiting at most {@code nanos} ({@link #FOREVER}); null if still empty. */
    public byte[] get(long nanos) throws InterruptedException {
        return nanos == FOREVER ? queue.take() : queue.poll(nanos, TimeUnit.NANOSECONDS);
    }

    public int qsize() {
        return queue.qsize();
    }

    public boolean full() {
        return queue.full();
    }

    /** Python's {@code task_done()}; false when called too many times. */
    public boolean taskDone() {
        try {
            queue.taskDone();
            return true;
        } catch (IllegalStateException tooMany) {
            return false;
        }
    }

    public void join() throws InterruptedException {
        queue.join();
    }


    @Override
    public Reply serve(Peer peer, int op, DataInputStream args) throws Exception {
        switch (op) {
            case PUT -> {
                long nanos = args.readLong();
                return put(args.readAllBytes(), nanos) ? Reply.ok() : Reply.of(NO);
            }
            case GET -> {
                byte[] item = get(args.readLong());
                return item == null ? Reply.of(NO) : Reply.ok(item);
            }
            case QSIZE -> {
                return Reply.ok(new Wire.Out().i32(qsize()).array());
            }
            case FULL -> {
                return Reply.ok(new byte[] {(byte) (full() ? 1 : 0)});
            }
            case TASK_DONE -> {
                return taskDone() ? Reply.ok() : Reply.of(NO);
            }
            case JOIN -> {
                join();
                return Reply.ok();
            }
            default -> {
                return sessions.serve(peer, op, args);
            }
        }
    }
}
