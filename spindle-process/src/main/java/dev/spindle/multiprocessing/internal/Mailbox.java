package dev.spindle.multiprocessing.internal;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of a pipe: the messages sent and not yet received, each a whole byte array, so
 * boundaries hold. Lives in the process that created the pipe; the other processes reach it
 * through {@link PipeHub}.
 *
 * <p>It also knows whether anyone can still write into it or read from it: once every copy of
 * the sending end is closed ({@link #writersGone()}), a receiver takes what is left and then
 * gets {@link EOFException}; once every copy of the receiving end is closed
 * ({@link #readersGone()}), a send fails with {@link IOException} ("broken pipe"), as writing
 * into an OS pipe nobody reads does.
 *
 * <p>Back-pressure: a send waits while more than {@value #LIMIT} bytes are waiting (a message
 * larger than that is still taken when the mailbox is empty), the role an OS pipe's buffer
 * plays; unlike an OS pipe's, the limit is generous, so the classic deadlock of a child blocked
 * on a full pipe while its parent joins it needs far more data.
 *
 * <p>Memory consistency effects: actions before a send happen-before actions after the
 * receive of that message, within the process that holds the mailbox.
 */
final class Mailbox {

    /** Bytes waiting above which a send waits. */
    static final long LIMIT = 64L << 20;

    /*
     * `lock` guards every field. `notEmpty` is signalled when a message arrives or the writers
     * go; `notFull` when bytes drop below the limit or the readers go. writersGone and
     * readersGone only move false -> true.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<byte[]> messages = new ArrayDeque<>();
    private long bytes;
    private boolean writersGone;
    private boolean readersGone;

    /**
     * Adds a message, waiting while the mailbox is over its limit.
     *
     * @throws IOException if nobody can read it any more
     * @throws InterruptedException if interrupted while waiting; nothing was added
     */
    void put(byte[] message) throws IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!readersGone && bytes > 0 && bytes + message.length > LIMIT) {
                notFull.await();
            }
            if (readersGone) {
                throw new IOException("broken pipe: every copy of the receiving end is closed");
            }
            messages.addLast(message);
            bytes += message.length;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the next message, waiting while there is none and a writer remains.
     *
     * @throws EOFException if there is none and every copy of the sending end is closed
     * @throws InterruptedException if interrupted while waiting; nothing was removed
     */
    byte[] take() throws EOFException, InterruptedException {
        lock.lockInterruptibly();
        try {
            while (messages.isEmpty() && !writersGone) {
                notEmpty.await();
            }
            byte[] m = messages.pollFirst();
            if (m == null) {
                throw new EOFException("the other end of the pipe is closed and nothing is left to receive");
            }
            bytes -= m.length;
            notFull.signal();
            if (!messages.isEmpty()) {
                notEmpty.signal();
            }
            return m;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code nanos} until something can be received without waiting: a message,
     * or end-of-file. Takes nothing.
     */
    boolean poll(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = nanos;
            while (messages.isEmpty() && !writersGone) {
                if (left <= 0) {
                    return false;
                }
                left = notEmpty.awaitNanos(left);
            }
            notEmpty.signal();      // a poller must not swallow the signal meant for a receiver
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Every copy of the sending end is closed: receivers get end-of-file once it is empty. */
    void writersGone() {
        lock.lock();
        try {
            writersGone = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Every copy of the receiving end is closed: sends fail from now on, and what waits is dropped. */
    void readersGone() {
        lock.lock();
        try {
            readersGone = true;
            messages.clear();
            bytes = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
