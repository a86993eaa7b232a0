package dev.spindle.multiprocessing;

import dev.spindle.internal.Timeouts;
import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.multiprocessing.internal.Handoffs;
import dev.spindle.multiprocessing.internal.Link;
import dev.spindle.multiprocessing.internal.QueueHub;
import dev.spindle.multiprocessing.internal.RemoteCopy;
import dev.spindle.multiprocessing.internal.Reply;
import dev.spindle.multiprocessing.internal.Server;
import dev.spindle.multiprocessing.internal.Wire;
import dev.spindle.queue.QueueEmptyException;
import dev.spindle.queue.QueueFullException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A first-in, first-out queue shared by processes: Python's {@code multiprocessing.Queue}, with
 * the method names and checked exceptions of {@link dev.spindle.queue.Queue}.
 *
 * <p><b>Across processes.</b> Hand the queue to a child inside its task (capture it in the
 * lambda, or keep it in a field of a {@link JvmProcess} subclass), or send it through another
 * queue or a pipe: every process that received it puts into and gets from the same queue,
 * first in, first out across all of them (MPQ-04). The queue lives in the process that created
 * it (its <em>owner</em>); the others reach it over the owner's control socket. Items are
 * serialized when put, so every process gets its own copy of an item, as in Python; an item that
 * cannot be serialized makes {@code put} throw {@link IllegalArgumentException} (cause: the
 * {@link java.io.NotSerializableException}) in the putting thread, and nothing else is affected
 * (MPQ-07: Python's feeder thread reports the error and carries on).
 *
 * <p><b>Bounds and timeouts</b> as {@link dev.spindle.queue.Queue}'s: {@code maxsize <= 0} is
 * unbounded; {@link #put(Object)} and {@link #get()} wait; {@link #put(Object, Duration)} and
 * {@link #get(Duration)} wait at most the timeout and then throw {@link QueueFullException} or
 * {@link QueueEmptyException}; {@link #putNowait} and {@link #getNowait} do not wait (MPQ-01 to
 * MPQ-03). A negative timeout is {@link IllegalArgumentException} for a get, and for a put on a
 * bounded queue. {@link #qsize()}, {@link #empty()} and {@link #full()} are exact at the moment
 * the owner answers, which may be stale by the time the caller reads it (MPQ-05).
 *
 * <p><b>Closing</b> is per process, as in Python: {@link #close()} says this process will use
 * this handle no more; afterwards its calls throw {@link IllegalStateException} ("Queue is
 * closed", MPQ-08). Other processes keep using their copies. The owner keeps serving the queue
 * while any copy is open anywhere, and until the children it was handed to have started using
 * it or ended; then it lets it go.
 *
 * <p><b>Failures.</b> If the owner process ends, the other processes' calls throw
 * {@link UncheckedIOException} ("the queue's owner ... is gone"), waiting calls included: nobody
 * waits forever on a dead owner. A call interrupted while it waits throws
 * {@link InterruptedException} and leaves the queue unchanged; if the owner had already
 * completed it (a {@code get} had taken an item), the call returns normally with the thread's
 * interrupt status set, so no item is lost. An item the owner is handing to a process at
 * the moment that process is killed is lost with it (as Python warns for a process killed while
 * it uses a queue); the queue itself stays consistent and usable.
 *
 * <p><b>Sample usage</b>: workers in child processes.
 * {@snippet :
 * ProcessQueue<Integer> jobs = new ProcessQueue<>();
 * ProcessQueue<String> results = new ProcessQueue<>();
 * JvmProcess worker = new JvmProcess(() -> {
 *     try {
 *         for (int n = jobs.get(); n >= 0; n = jobs.get()) {
 *             results.put(n + " squared is " + n * n);
 *         }
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * });
 * worker.start();
 * for (int n : List.of(1, 2, 3, -1)) {
 *     jobs.put(n);
 * }
 * for (int i = 0; i < 3; i++) {
 *     System.out.println(results.get());
 * }
 * worker.join();
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to placing an object into the
 * queue happen-before actions subsequent to the removal of that object's copy from the queue,
 * in any process.
 *
 * @param <E> the type of the items; they must be serializable
 */
public class ProcessQueue<E> implements Serializable {

    private static final long serialVersionUID = 1L;

    /*
     * `access` reaches the queue: directly in the owner (LocalAccess), through a Link elsewhere
     * (RemoteAccess). `closed` is this handle's own and moves false -> true once. Everything else
     * is the owner's (QueueHub), guarded there.
     */
    private final transient Access access;
    private final transient int maxsize;
    private transient volatile boolean closed;

    /** Creates an unbounded queue owned by this process. */
    public ProcessQueue() {
        this(0);
    }

    /** Creates a queue of at most {@code maxsize} items ({@code <= 0}: unbounded) owned by this process. */
    public ProcessQueue(int maxsize) {
        this(new LocalAccess(new QueueHub(maxsize)), maxsize);
    }

    ProcessQueue(Access access, int maxsize) {
        this.access = access;
        this.maxsize = maxsize;
    }

    // ------------------------------------------------------------------------------------ puts

    /**
     * Puts {@code item}, waiting while the queue is full.
     *
     * @throws IllegalArgumentException if the item cannot be serialized (the cause says why); nothing is put
     * @throws IllegalStateException if this handle is closed ("Queue is closed")
     * @throws UncheckedIOException if the owner process is gone
     * @throws InterruptedException if interrupted while waiting; nothing was put
     */
    public void put(E item) throws InterruptedException {
        byte[] bytes = encode(item);
        access.put(bytes, QueueHub.FOREVER);
    }

    /**
     * Puts {@code item}, waiting at most {@code timeout} for room; zero only checks (MPQ-02).
     *
     * @throws QueueFullException if it is still full when the timeout elapses
     * @throws IllegalArgumentException if the item cannot be serialized, or the queue is bounded
     *     and {@code timeout} negative
     * @throws IllegalStateException if this handle is closed
     * @throws UncheckedIOException if the owner process is gone
     * @throws InterruptedException if interrupted while waiting; nothing was put
     */
    public void put(E item, Duration timeout) throws InterruptedException, QueueFullException {
        long nanos = Timeouts.toNanos(timeout);
        if (maxsize > 0) {
            nanos = Timeouts.nonNegative(timeout, "timeout");
        }
        byte[] bytes = encode(item);
        if (!access.put(bytes, Math.max(0, nanos))) {
            throw new QueueFullException("ProcessQueue is still full after " + timeout + " (maxsize=" + maxsize + ")");
        }
    }

    /**
     * Puts {@code item} if there is room now, without waiting (MPQ-02).
     *
     * @throws QueueFullException if the queue is full
     * @throws IllegalArgumentException if the item cannot be serialized
     * @throws IllegalStateException if this handle is closed
     * @throws UncheckedIOException if the owner process is gone
     */
    public void putNowait(E item) throws QueueFullException {
        byte[] bytes = encode(item);
        if (!uninterruptibly(() -> access.put(bytes, 0))) {
            throw new QueueFullException("ProcessQueue is full (maxsize=" + maxsize + ")");
        }
    }

    // ------------------------------------------------------------------------------------ gets

    /**
     * Removes and returns the next item, waiting while the queue is empty.
     *
     * @throws IllegalStateException if this handle is closed
     * @throws UncheckedIOException if the owner process is gone, or the item cannot be
     *     deserialized here (a class missing from this process's class path)
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    public E get() throws InterruptedException {
        checkOpen();
        return decode(access.get(QueueHub.FOREVER));
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout}; zero only checks
     * (MPQ-03).
     *
     * @throws QueueEmptyException if it is still empty when the timeout elapses
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if this handle is closed
     * @throws UncheckedIOException as {@link #get()}
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    public E get(Duration timeout) throws InterruptedException, QueueEmptyException {
        long nanos = Timeouts.nonNegative(timeout, "timeout");
        checkOpen();
        byte[] item = access.get(nanos);
        if (item == null) {
            throw new QueueEmptyException("ProcessQueue is still empty after " + timeout);
        }
        return decode(item);
    }

    /**
     * Removes and returns the next item if there is one now (MPQ-03).
     *
     * @throws QueueEmptyException if the queue is empty
     * @throws IllegalStateException if this handle is closed
     * @throws UncheckedIOException as {@link #get()}
     */
    public E getNowait() throws QueueEmptyException {
        checkOpen();
        byte[] item = uninterruptibly(() -> access.get(0));
        if (item == null) {
            throw new QueueEmptyException("ProcessQueue is empty");
        }
        return decode(item);
    }

    // ------------------------------------------------------------------------------- the rest

    /**
     * Returns the number of items queued now (MPQ-05).
     *
     * @throws IllegalStateException if this handle is closed
     * @throws UncheckedIOException if the owner process is gone
     */
    public int qsize() {
        checkOpen();
        return uninterruptibly(access::qsize);
    }

    /** Returns true if no item is queued now; see {@link #qsize()}. */
    public boolean empty() {
        return qsize() == 0;
    }

    /** Returns true if the queue is bounded and full now; see {@link #qsize()}. */
    public boolean full() {
        checkOpen();
        return uninterruptibly(access::full);
    }

    /** The bound given to the constructor; {@code <= 0} for an unbounded queue. */
    public int maxsize() {
        return maxsize;
    }

    /**
     * Closes this handle: this process will not use it again (MPQ-08). Other processes are not
     * affected. Idempotent.
     */
    public void close() {
        if (!closed) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            access.close();
        }
    }

    /** True once this handle is closed. */
    public boolean isClosed() {
        return closed;
    }

    /** {@code ProcessQueue[maxsize=4, owner=process 1234, open]}. */
    @Override
    public String toString() {
        String kind = getClass().getSimpleName().isEmpty() ? "ProcessQueue" : getClass().getSimpleName();
        return kind + "[maxsize=" + maxsize + ", owner=" + access.owner() + ", " + (closed ? "closed" : "open") + "]";
    }

    // ------------------------------------------------------------------ for JoinableProcessQueue

    /** Marks an item done; false when called too many times. */
    final boolean taskDoneAt() {
        checkOpen();
        return uninterruptibly(access::taskDone);
    }

    /** Waits until every item put was marked done. */
    final void joinAt() throws InterruptedException {
        checkOpen();
        access.join();
    }

    // ------------------------------------------------------------------------------- internals

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Queue is closed");
        }
    }

    private byte[] encode(E item) {
        Objects.requireNonNull(item, "item");
        checkOpen();
        try {
            return Codec.serialize(item);
        } catch (IOException e) {
            throw new IllegalArgumentException("the item cannot be serialized: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private E decode(byte[] item) {
        try {
            return (E) Codec.deserialize(item);
        } catch (IOException | ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException("the item cannot be deserialized in this process: " + e, e));
        }
    }

    /** A call that does not wait in the owner: finish it even if interrupted, then restore the flag. */
    private static <T> T uninterruptibly(Call<T> call) {
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return call.run();
                } catch (InterruptedException e) {
                    interrupted = true;     // the call was cancelled before it did anything: do it again
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws InterruptedException;
    }

    /**
     * Serialization hook: what is sent is a reference to the queue in its owner (and, inside a
     * task, a handoff that keeps the queue served until the child has attached), never its items.
     * Protected and final so that subclasses in any package serialize the same way.
     */
    protected final Object writeReplace() throws ObjectStreamException {
        if (closed) {
            throw new NotSerializableException("ProcessQueue: Queue is closed");
        }
        Handoffs handoffs = Handoffs.current();
        long token = 0;
        if (handoffs != null) {
            try {
                long t = access.handoff();
                token = t;
                handoffs.add(new Handoffs.Handoff() {
                    @Override
                    public void commit() {
                        // the child shares the queue; this handle stays as it is
                    }

                    @Override
                    public void cancel() {
                        access.cancel(t);
                    }
                });
            } catch (IOException e) {
                NotSerializableException x = new NotSerializableException("ProcessQueue: " + e.getMessage());
                x.initCause(e);
                throw x;
            }
        }
        return new Ref(access.address(), access.id(), maxsize, this instanceof JoinableProcessQueue, token);
    }

    /**
     * What travels: where the queue lives, and the handoff to claim (0 for none). A class, not a record:
     * deserializing a record builds method handles, which costs a child tens of milliseconds.
     */
    private static final class Ref implements Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private final String address;
        private final long id;
        private final int maxsize;
        private final boolean joinable;
        private final long token;

        Ref(String address, long id, int maxsize, boolean joinable, long token) {
            this.address = address;
            this.id = id;
            this.maxsize = maxsize;
            this.joinable = joinable;
            this.token = token;
        }


        private Object readResolve() throws ObjectStreamException {
            Access access;
            try {
                if (Server.isLocal(address)) {
                    QueueHub hub = (QueueHub) Server.local().lookup(id);
                    if (hub == null) {
                        throw new IOException("Queue is closed everywhere");
                    }
                    hub.attachLocally(token, 0);
                    access = new LocalAccess(hub);
                } else {
                    access = new RemoteAccess(RemoteCopy.attach(Link.to(address), id, token, 0));
                }
            } catch (IOException e) {
                InvalidObjectException x = new InvalidObjectException("cannot attach the queue: " + e.getMessage());
                x.initCause(e);
                throw x;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InvalidObjectException("interrupted while attaching the queue");
            }
            return joinable ? new JoinableProcessQueue<>(access, maxsize) : new ProcessQueue<>(access, maxsize);
        }
    }

    /** How a handle reaches its queue. */
    interface Access {
        boolean put(byte[] item, long nanos) throws InterruptedException;

        byte[] get(long nanos) throws InterruptedException;

        int qsize() throws InterruptedException;

        boolean full() throws InterruptedException;

        boolean taskDone() throws InterruptedException;

        void join() throws InterruptedException;

        void close();

        long handoff() throws IOException;

        void cancel(long token);

        String address();

        long id();

        String owner();
    }

    /** The owner's handle: direct calls. */
    private record LocalAccess(QueueHub hub) implements Access {
        @Override
        public boolean put(byte[] item, long nanos) throws InterruptedException {
            return hub.put(item, nanos);
        }

        @Override
        public byte[] get(long nanos) throws InterruptedException {
            return hub.get(nanos);
        }

        @Override
        public int qsize() {
            return hub.qsize();
        }

        @Override
        public boolean full() {
            return hub.full();
        }

        @Override
        public boolean taskDone() {
            return hub.taskDone();
        }

        @Override
        public void join() throws InterruptedException {
            hub.join();
        }

        @Override
        public void close() {
            hub.release(0);
        }

        @Override
        public long handoff() throws IOException {
            return hub.handoff(0);
        }

        @Override
        public void cancel(long token) {
            hub.cancel(token);
        }

        @Override
        public String address() {
            return Server.local().address();
        }

        @Override
        public long id() {
            return hub.id();
        }

        @Override
        public String owner() {
            return "this process";
        }
    }

    /** A handle in another process: calls to the owner. */
    private record RemoteAccess(RemoteCopy copy) implements Access {
        @Override
        public boolean put(byte[] item, long nanos) throws InterruptedException {
            byte[] head = new Wire.Out().i64(nanos).array();
            byte[] args = new byte[head.length + item.length];
            System.arraycopy(head, 0, args, 0, head.length);
            System.arraycopy(item, 0, args, head.length, item.length);
            return call(QueueHub.PUT, args).isOk();
        }

        @Override
        public byte[] get(long nanos) throws InterruptedException {
            Reply reply = call(QueueHub.GET, new Wire.Out().i64(nanos).array());
            return reply.isOk() ? reply.payload() : null;
        }

        @Override
        public int qsize() throws InterruptedException {
            try {
                return call(QueueHub.QSIZE, new byte[0]).in().readInt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean full() throws InterruptedException {
            return call(QueueHub.FULL, new byte[0]).payload()[0] != 0;
        }

        @Override
        public boolean taskDone() throws InterruptedException {
            return call(QueueHub.TASK_DONE, new byte[0]).isOk();
        }

        @Override
        public void join() throws InterruptedException {
            call(QueueHub.JOIN, new byte[0]);
        }

        @Override
        public void close() {
            copy.detach();
        }

        @Override
        public long handoff() throws IOException {
            return copy.handoff(0);
        }

        @Override
        public void cancel(long token) {
            copy.cancel(token);
        }

        @Override
        public String address() {
            return copy.link().address();
        }

        @Override
        public long id() {
            return copy.object();
        }

        @Override
        public String owner() {
            return copy.link().peer();
        }

        /** One call; a lost owner or a refused call is an {@link UncheckedIOException}. */
        private Reply call(int op, byte[] args) throws InterruptedException {
            Reply reply;
            try {
                reply = copy.link().call(copy.object(), op, args);
            } catch (IOException e) {
                throw new UncheckedIOException("the queue's owner, " + owner() + ", is gone", e);
            }
            if (reply.status() == Reply.NO_OBJECT || reply.status() == Reply.FAILED) {
                throw new UncheckedIOException(new IOException("the queue's owner, " + owner()
                        + ", refused the call: " + (reply.status() == Reply.NO_OBJECT ? "Queue is closed everywhere" : reply.message())));
            }
            return reply;
        }
    }
}
