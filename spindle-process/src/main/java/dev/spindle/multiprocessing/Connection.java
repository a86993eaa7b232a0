package dev.spindle.multiprocessing;

import dev.spindle.internal.Timeouts;
import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.multiprocessing.internal.Handoffs;
import dev.spindle.multiprocessing.internal.Link;
import dev.spindle.multiprocessing.internal.PipeHub;
import dev.spindle.multiprocessing.internal.RemoteCopy;
import dev.spindle.multiprocessing.internal.Reply;
import dev.spindle.multiprocessing.internal.Server;
import dev.spindle.multiprocessing.internal.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}. It sends
 * and receives whole messages: objects ({@link #send(Object)}, {@link #recv()}, by Java
 * serialization) or byte arrays ({@link #sendBytes(byte[])}, {@link #recvBytes()}). A message
 * is received whole or not at all: boundaries hold (PIPE-10), and {@link #poll(Duration)} never
 * takes anything (PIPE-09).
 *
 * <p><b>Across processes.</b> An end may be handed to a child inside its task: capture it in the
 * {@link SerializableRunnable} or keep it in a field of a {@link JvmProcess} subclass. The child
 * gets its own copy, connected to the process that created the pipe; two children given the two
 * ends talk to each other. Handing an end over <em>moves</em> it: once the child has started,
 * the parent's object can only be closed (which does nothing more) or handed to further
 * children, and sending or receiving on it throws {@link IOException}. This is Python's advice
 * ("close the end you gave the child") done for you, so that the child's exit reliably gives
 * the other end {@link EOFException}. An end cannot be serialized any other way (not into a
 * queue, not through another pipe): that throws {@link NotSerializableException}.
 *
 * <p><b>End of file.</b> When every copy of the other end is closed (closed by the program, or
 * its process ended, killed included), {@link #recv()} returns what is still waiting and then
 * throws {@link EOFException} (PIPE-05); {@code poll} returns true at that point, as Python's
 * does, since a receive would not wait. Sending into an end whose every receiving copy is closed
 * throws {@link IOException} ("broken pipe"). If the process that created the pipe ends, the
 * copies elsewhere get end-of-file too.
 *
 * <p><b>Errors</b> are {@link IOException}s, Python's {@code OSError}: on a closed end ("handle
 * is closed", PIPE-08), a receive on a write-only end ("connection is write-only"), a send on a
 * read-only one ("connection is read-only") (PIPE-06). Bad slice arguments to
 * {@link #sendBytes(byte[], int, int)} are {@link IllegalArgumentException}s (PIPE-07). A
 * message larger than the room in the buffer of {@link #recvBytesInto} is received and carried
 * by a {@link BufferTooShortException} (PIPE-03).
 *
 * <p>Blocking calls ({@code send} when the pipe holds more than 64 MiB, {@code recv}, a
 * timed {@code poll}) throw {@link InterruptedException} when interrupted, and then have had
 * no effect.
 *
 * <p><b>Sample usage</b>: a child that echoes.
 * {@snippet :
 * Pipe pipe = Pipe.open();
 * Connection child = pipe.conn2();
 * JvmProcess echo = new JvmProcess(() -> {
 *     try {
 *         for (;;) {
 *             child.send(child.recv());
 *         }
 *     } catch (EOFException e) {
 *         // the parent closed its end: done
 *     } catch (IOException | InterruptedException e) {
 *         throw new IllegalStateException(e);
 *     }
 * });
 * echo.start();
 * pipe.conn1().send(List.of(1, 2, 3));
 * List<Integer> back = pipe.conn1().recv();
 * pipe.conn1().close();
 * echo.join();
 * }
 *
 * <p><b>Memory consistency effects:</b> within one process, actions before a {@code send}
 * happen-before actions after the {@code recv} of that message. Across processes, the receiver
 * gets a copy of what was sent, as it was at the {@code send}.
 */
public final class Connection implements AutoCloseable, Serializable {

    private static final long serialVersionUID = 1L;

    /*
     * `end` is how this copy reaches its pipe: directly in the process that created it, through
     * a Link elsewhere. `closed` and `moved` move false -> true once each, under `this`; a
     * moved copy has given its place to the child it was handed to (its session is released).
     */
    private final transient End end;
    private final transient boolean readable;
    private final transient boolean writable;
    private boolean closed;
    private boolean moved;

    Connection(End end, boolean readable, boolean writable) {
        this.end = end;
        this.readable = readable;
        this.writable = writable;
    }

    /** Creates both ends of a new pipe; see {@link Pipe#open(boolean)}. */
    static Pipe pipe(boolean duplex) {
        PipeHub hub = new PipeHub(duplex);
        return new Pipe(new Connection(new LocalEnd(hub, 0), true, duplex),
                new Connection(new LocalEnd(hub, 1), duplex, true));
    }

    // ----------------------------------------------------------------------------- messages

    /**
     * Sends {@code object}, serialized (PIPE-01).
     *
     * @throws NotSerializableException if it cannot be serialized; nothing is sent
     * @throws IOException if this end is closed, moved or read-only, or nobody can receive any more
     * @throws InterruptedException if interrupted while the pipe was full; nothing was sent
     */
    public void send(Object object) throws IOException, InterruptedException {
        checkWritable();
        end.send(Codec.serialize(object));
    }

    /**
     * Receives the next object, waiting for one.
     *
     * @param <T> the type the caller expects; a wrong guess fails with {@link ClassCastException}
     *     where the result is used
     * @throws EOFException if every copy of the other end is closed and nothing is left
     * @throws IOException if this end is closed, moved or write-only, or the message cannot be
     *     deserialized here (its cause says why)
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    @SuppressWarnings("unchecked")
    public <T> T recv() throws IOException, InterruptedException {
        byte[] message = recvBytes();
        try {
            return (T) Codec.deserialize(message);
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot deserialize the message received: " + e, e);
        }
    }

    /** Sends the whole of {@code data} as one message (PIPE-02); see {@link #send(Object)}. */
    public void sendBytes(byte[] data) throws IOException, InterruptedException {
        sendBytes(data, 0, data.length);
    }

    /**
     * Sends {@code size} bytes of {@code data} from {@code offset} as one message (PIPE-07);
     * {@code offset == data.length} with {@code size == 0} sends an empty message.
     *
     * @throws IllegalArgumentException for a negative offset or size, or a slice past the end,
     *     with Python's messages ("offset is negative", "buffer length < offset", "size is
     *     negative", "buffer length < offset + size")
     * @throws IOException as {@link #send(Object)}
     * @throws InterruptedException as {@link #send(Object)}
     */
    public void sendBytes(byte[] data, int offset, int size) throws IOException, InterruptedException {
        checkWritable();
        Objects.requireNonNull(data, "data");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (data.length < offset) {
            throw new IllegalArgumentException("buffer length < offset: " + data.length + " < " + offset);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        if ((long) offset + size > data.length) {
            throw new IllegalArgumentException("buffer length < offset + size: " + data.length + " < " + offset + " + " + size);
        }
        byte[] slice = new byte[size];
        System.arraycopy(data, offset, slice, 0, size);
        end.send(slice);
    }

    /**
     * Receives the next message as bytes, waiting for one (PIPE-02). A message sent with
     * {@code send} comes back as its serialized form.
     *
     * @throws EOFException if every copy of the other end is closed and nothing is left
     * @throws IOException if this end is closed, moved or write-only
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    public byte[] recvBytes() throws IOException, InterruptedException {
        checkReadable();
        return end.recv();
    }

    /** {@link #recvBytesInto(byte[], int)} at offset 0. */
    public int recvBytesInto(byte[] buffer) throws IOException, InterruptedException {
        return recvBytesInto(buffer, 0);
    }

    /**
     * Receives the next message into {@code buffer} at {@code offset} and returns its length
     * (PIPE-03).
     *
     * @throws BufferTooShortException if it is longer than {@code buffer.length - offset}: the
     *     message is received and carried by the exception
     * @throws IllegalArgumentException if {@code offset} is negative ("negative offset") or past
     *     the end ("offset too large")
     * @throws EOFException as {@link #recvBytes()}
     * @throws IOException as {@link #recvBytes()}
     * @throws InterruptedException as {@link #recvBytes()}
     */
    public int recvBytesInto(byte[] buffer, int offset) throws IOException, InterruptedException {
        checkReadable();
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        if (offset > buffer.length) {
            throw new IllegalArgumentException("offset too large: " + offset + " > " + buffer.length);
        }
        byte[] message = end.recv();
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException(message, buffer.length - offset);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    /** Returns at once whether a receive would not wait (PIPE-04); takes nothing. */
    public boolean poll() throws IOException, InterruptedException {
        return poll(Duration.ZERO);
    }

    /**
     * Waits at most {@code timeout} until a receive would not wait: a message is there, or the
     * other end is closed for good. A timeout {@code <= 0} only checks (PIPE-04). Takes nothing
     * (PIPE-09).
     *
     * @throws IOException if this end is closed, moved or write-only
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        checkReadable();
        return end.poll(Timeouts.pollTimeout(timeout));
    }

    // ------------------------------------------------------------------------------- state

    /**
     * Closes this copy of the end (PIPE-08); idempotent. When it was the last copy, the other
     * end gets end-of-file after the messages already sent. Closing a copy that was handed to a
     * child does nothing more: the child's copy stays open.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (moved) {
                return;
            }
        }
        end.close();
    }

    /** True once {@link #close()} has been called on this copy (Python's {@code closed}). */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** True if this end receives (false for the sending end of a one-way pipe). */
    public boolean readable() {
        return readable;
    }

    /** True if this end sends (false for the receiving end of a one-way pipe). */
    public boolean writable() {
        return writable;
    }

    /** {@code Connection[conn2, read-write, open]}: the end, its direction and state. */
    @Override
    public String toString() {
        String direction = readable && writable ? "read-write" : readable ? "read-only" : "write-only";
        String state;
        synchronized (this) {
            state = closed ? "closed" : moved ? "handed to a child" : "open";
        }
        return "Connection[conn" + (end.index() + 1) + ", " + direction + ", " + state + "]";
    }

    private void checkOpen() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("handle is closed");
            }
            if (moved) {
                throw new IOException("this end of the pipe was handed to a child process; use it there");
            }
        }
    }

    private void checkReadable() throws IOException {
        checkOpen();
        if (!readable) {
            throw new IOException("connection is write-only");
        }
    }

    private void checkWritable() throws IOException {
        checkOpen();
        if (!writable) {
            throw new IOException("connection is read-only");
        }
    }

    /** The child started: this copy gives its place up to the child's. */
    private void moveAway() {
        synchronized (this) {
            if (closed || moved) {
                return;
            }
            moved = true;
        }
        end.close();
    }

    // --------------------------------------------------------------------- crossing processes

    /** Serializes a handoff to the child whose task is being serialized; see the class comment. */
    private Object writeReplace() throws ObjectStreamException {
        Handoffs handoffs = Handoffs.current();
        if (handoffs == null) {
            throw new NotSerializableException(
                    "Connection: an end of a pipe can be handed to another process only inside the task of a JvmProcess");
        }
        synchronized (this) {
            if (closed) {
                throw new NotSerializableException("Connection: handle is closed");
            }
        }
        long token;
        try {
            token = end.handoff();
        } catch (IOException e) {
            NotSerializableException x = new NotSerializableException("Connection: " + e.getMessage());
            x.initCause(e);
            throw x;
        }
        handoffs.add(new Handoffs.Handoff() {
            @Override
            public void commit() {
                moveAway();
            }

            @Override
            public void cancel() {
                end.cancelHandoff(token);
            }
        });
        return new Ref(end.address(), end.pipe(), end.index(), token, readable, writable);
    }

    /**
     * What travels: where the pipe lives, which end, and the handoff to claim. A class, not a record:
     * deserializing a record builds method handles, which costs a child tens of milliseconds.
     */
    private static final class Ref implements Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private final String address;
        private final long pipe;
        private final int index;
        private final long token;
        private final boolean readable;
        private final boolean writable;

        Ref(String address, long pipe, int index, long token, boolean readable, boolean writable) {
            this.address = address;
            this.pipe = pipe;
            this.index = index;
            this.token = token;
            this.readable = readable;
            this.writable = writable;
        }


        private Object readResolve() throws ObjectStreamException {
            try {
                if (Server.isLocal(address)) {
                    PipeHub hub = (PipeHub) Server.local().lookup(pipe);
                    if (hub == null) {
                        throw new IOException("the pipe is closed");
                    }
                    return new Connection(new LocalEnd(hub, hub.attachLocally(token, index)), readable, writable);
                }
                RemoteCopy copy = RemoteCopy.attach(Link.to(address), pipe, token, index);
                return new Connection(new RemoteEnd(copy, index), readable, writable);
            } catch (IOException e) {
                InvalidObjectException x = new InvalidObjectException("cannot attach the pipe end: " + e.getMessage());
                x.initCause(e);
                throw x;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InvalidObjectException("interrupted while attaching the pipe end");
            }
        }
    }

    /** How a copy reaches its pipe. */
    private interface End {
        void send(byte[] message) throws IOException, InterruptedException;

        byte[] recv() throws IOException, InterruptedException;

        boolean poll(long nanos) throws IOException, InterruptedException;

        /** Releases this copy's place in the pipe. */
        void close();

        long handoff() throws IOException;

        void cancelHandoff(long token);

        String address();

        long pipe();

        int index();
    }

    /** A copy in the process that created the pipe: direct calls. */
    private record LocalEnd(PipeHub hub, int index) implements End {
        @Override
        public void send(byte[] message) throws IOException, InterruptedException {
            hub.send(index, message);
        }

        @Override
        public byte[] recv() throws IOException, InterruptedException {
            return hub.recv(index);
        }

        @Override
        public boolean poll(long nanos) throws InterruptedException {
            return hub.poll(index, nanos);
        }

        @Override
        public void close() {
            hub.release(index);
        }

        @Override
        public long handoff() throws IOException {
            return hub.handoff(index);
        }

        @Override
        public void cancelHandoff(long token) {
            hub.cancel(token);
        }

        @Override
        public String address() {
            return Server.local().address();
        }

        @Override
        public long pipe() {
            return hub.id();
        }
    }

    /** A copy elsewhere: calls to the creating process. Losing it reads as end-of-file. */
    private record RemoteEnd(RemoteCopy copy, int index) implements End {
        @Override
        public void send(byte[] message) throws IOException, InterruptedException {
            byte[] args = new byte[1 + message.length];
            args[0] = (byte) index;
            System.arraycopy(message, 0, args, 1, message.length);
            Reply reply = copy.link().call(copy.object(), PipeHub.SEND, args);
            if (!reply.isOk()) {
                throw new IOException(reply.message());
            }
        }

        @Override
        public byte[] recv() throws IOException, InterruptedException {
            Reply reply;
            try {
                reply = copy.link().call(copy.object(), PipeHub.RECV, new byte[] {(byte) index});
            } catch (IOException lost) {
                throw eof(lost);
            }
            if (reply.status() == PipeHub.EOF) {
                throw new EOFException(reply.message());
            }
            if (!reply.isOk()) {
                throw eof(new IOException(reply.message()));
            }
            return reply.payload();
        }

        @Override
        public boolean poll(long nanos) throws InterruptedException {
            try {
                Reply reply = copy.link().call(copy.object(), PipeHub.POLL, new Wire.Out().u8(index).i64(nanos).array());
                return !reply.isOk() || reply.payload()[0] != 0;
            } catch (IOException lost) {
                return true;    // a receive would not wait: it would report end-of-file
            }
        }

        @Override
        public void close() {
            copy.detach();
        }

        @Override
        public long handoff() throws IOException {
            return copy.handoff(index);
        }

        @Override
        public void cancelHandoff(long token) {
            copy.cancel(token);
        }

        @Override
        public String address() {
            return copy.link().address();
        }

        @Override
        public long pipe() {
            return copy.object();
        }

        private EOFException eof(IOException cause) {
            EOFException e = new EOFException("the process that created the pipe is gone: " + cause.getMessage());
            e.initCause(cause);
            return e;
        }
    }
}
