package dev.spindle.multiprocessing.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Length-prefixed frames over a connected Unix domain socket: each frame is a 4-byte big-endian
 * length followed by that many bytes, so messages keep their boundaries.
 *
 * <p>Two phases. Before {@link #start(Handler)}, the owner reads and writes frames directly on
 * its own thread ({@link #readNow(int)}, {@link #writeNow(byte[])}): that is the handshake.
 * After it, one <b>reader thread</b> hands every incoming frame to the {@link Handler}, and one
 * <b>writer thread</b> writes the frames given to {@link #send(byte[])} in the order given.
 *
 * <p>Why threads of our own: a {@link SocketChannel} is an interruptible channel, and a thread
 * interrupted in the middle of a read or write closes it for everyone. User threads therefore
 * never touch the socket; they hand frames to the writer and wait for replies on Spindle's own
 * interruptible waits (see {@link Link}), and an interrupt cancels a call, never the connection.
 *
 * <p>When the peer closes, dies or sends a malformed frame, the channel closes once, and the
 * handler's {@link Handler#closed(IOException)} runs once, on the reader thread (or on the
 * thread of whoever closed it); frames already handed to {@code send} and not yet written are
 * dropped. Both threads are daemons: an open channel never keeps a JVM alive.
 */
public final class FrameChannel implements AutoCloseable {

    /** What the reader thread calls. */
    public interface Handler {
        /** One whole frame; the array belongs to the handler. */
        void frame(byte[] frame);

        /** The channel closed; {@code cause} is null when it was closed on purpose. */
        void closed(IOException cause);
    }

    /** The largest frame before authentication: a challenge or an answer. */
    public static final int HANDSHAKE_MAX = 256;

    /** The largest frame: a little under 2 GiB. */
    public static final int MAX = Integer.MAX_VALUE - 64;

    private static final byte[] STOP = new byte[0];

    /*
     * State: `socket` is written only by the writer thread after start (and by the owner before);
     * read only by the reader thread after start. `closed` moves false -> true once, under `this`;
     * whoever moves it closes the socket and, if the reader has started, the reader reports it.
     * The writer drains `outbox` until it takes STOP.
     */
    private final SocketChannel socket;
    private final String name;
    private final LinkedBlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    /** Frames handed to the writer thread and not yet written; guarded by this. */
    private int queued;
    /** Held while a frame is written to the socket, by the writer thread or {@link #sendDirect}. */
    private final ReentrantLock writing = new ReentrantLock();

    /** True on the reader threads of every channel: threads of Spindle's that nobody interrupts. */
    private static final ThreadLocal<Boolean> READER = new ThreadLocal<>();

    /** The largest frame {@link #sendDirect} writes on the calling thread. */
    public static final int DIRECT_MAX = 64 * 1024;
    private Handler handler;
    private boolean closed;
    private IOException closeCause;

    public FrameChannel(SocketChannel socket, String name) {
        this.socket = socket;
        this.name = name;
        ExitCloser.register(this);
    }

    /** Reads one frame on the calling thread; only before {@link #start}. */
    public byte[] readNow(int max) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(header);
        int length = header.getInt(0);
        if (length < 0 || length > max) {
            throw new IOException("bad frame length " + length + " from " + name + " (at most " + max + ")");
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body);
        return body.array();
    }

    /**
     * Writes one frame on the calling thread: before {@link #start}, or after it by an owner that
     * never calls {@link #send} and so is the channel's only writer. The caller must not be
     * interrupted while it writes: an interrupt closes a socket channel.
     */
    public void writeNow(byte[] frame) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4).putInt(0, frame.length);
        ByteBuffer body = ByteBuffer.wrap(frame);
        ByteBuffer[] both = {header, body};
        while (body.hasRemaining()) {
            socket.write(both);
        }
    }

    /** Starts the reader and writer threads; from now on frames go through them. */
    public void start(Handler handler) {
        synchronized (this) {
            this.handler = handler;
        }
        Thread reader = new Thread(new Runnable() {
            @Override
            public void run() {
                readLoop();
            }
        }, "spindle-reader-" + name);
        Thread writer = new Thread(new Runnable() {
            @Override
            public void run() {
                writeLoop();
            }
        }, "spindle-writer-" + name);
        reader.setDaemon(true);
        writer.setDaemon(true);
        writer.start();
        reader.start();
    }

    /**
     * Queues one frame for the writer thread; returns at once.
     *
     * @throws IOException if the channel is closed
     */
    public void send(byte[] frame) throws IOException {
        synchronized (this) {
            if (closed) {
                throw closedException();
            }
            queued++;
            outbox.add(frame);
        }
    }

    /**
     * {@link #send} that writes the frame on the calling thread when nothing is waiting for the
     * writer thread, nobody is writing, and the frame is small ({@link #DIRECT_MAX}), saving a
     * thread handoff; otherwise it queues the frame, so it never waits for another writer. In
     * order with every frame sent before it. For reader threads only ({@link #onReaderThread()}),
     * which are never interrupted: an interrupt during the write would close the socket.
     *
     * @throws IOException if the channel is closed, or the write fails (the channel is then closed)
     * @throws IllegalStateException if called from another thread
     */
    public void sendDirect(byte[] frame) throws IOException {
        if (READER.get() == null) {
            throw new IllegalStateException("sendDirect is for the reader threads of channels: " + Thread.currentThread());
        }
        if (!writing.tryLock()) {
            send(frame);    // someone is writing: queue behind them rather than wait (the caller may hold locks)
            return;
        }
        try {
            synchronized (this) {
                if (closed) {
                    throw closedException();
                }
                if (queued > 0 || frame.length > DIRECT_MAX) {
                    queued++;
                    outbox.add(frame);
                    return;
                }
            }
            writeNow(frame);
        } catch (IOException e) {
            shutDown(e);
            throw e;
        } finally {
            writing.unlock();
        }
    }

    /** True on a channel's reader thread, where {@link #sendDirect} may be called. */
    public static boolean onReaderThread() {
        return READER.get() != null;
    }

    /** True once closed, by either side. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the channel; idempotent. */
    @Override
    public void close() {
        shutDown(null);
    }

    private void readLoop() {
        READER.set(Boolean.TRUE);
        try {
            for (;;) {
                byte[] frame = readNow(MAX);
                handler.frame(frame);
            }
        } catch (IOException e) {
            shutDown(e);
        } catch (RuntimeException | Error e) {
            shutDown(new IOException("frame handler of " + name + " failed", e));
            throw e;
        }
    }

    private void writeLoop() {
        try {
            for (;;) {
                byte[] frame = outbox.take();
                if (frame == STOP) {
                    return;
                }
                writing.lock();
                try {
                    writeNow(frame);
                } finally {
                    writing.unlock();
                }
                synchronized (this) {
                    queued--;
                }
            }
        } catch (IOException e) {
            shutDown(e);
        } catch (InterruptedException e) {
            // nobody interrupts this thread; if someone does, the channel ends
            shutDown(new IOException("writer of " + name + " interrupted"));
        }
    }

    private void shutDown(IOException cause) {
        Handler toTell;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeCause = cause;
            toTell = handler;
            outbox.clear();
            outbox.add(STOP);
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        ExitCloser.forget(this);
        if (toTell != null) {
            toTell.closed(cause);
        }
    }

    private IOException closedException() {
        IOException e = new IOException("the connection " + name + " is closed");
        if (closeCause != null) {
            e.initCause(closeCause);
        }
        return e;
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (socket.read(buffer) < 0) {
                throw new EOFException("the peer " + name + " closed the connection");
            }
        }
    }
}
