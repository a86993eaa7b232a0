package dev.spindle.multiprocessing.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This process's connection to another process's {@link Server}, shared by every handle here
 * whose object lives there: calls go out, replies come back matched by number.
 *
 * <p><b>Calls and interrupts</b> ({@link #call}). The calling thread queues the call and waits for
 * its reply. If it is interrupted while waiting, it sends a cancel and then waits, without
 * responding to interrupts, for the one reply that every call gets: {@link Reply#CANCELLED}
 * means the call had no effect, and the caller gets {@link InterruptedException}; any other
 * reply means the call completed first (a {@code get} that had already taken an item), so the
 * caller gets that reply with its interrupt status set again. Nothing is lost either way. The
 * wait after a cancel ends at the latest when the connection does.
 *
 * <p><b>Failure.</b> When the connection ends (the other process exited or was killed), every
 * waiting call fails at once with an {@link IOException} naming the process, every listener
 * added with {@link #onClose(Runnable)} runs, and the link is dropped from the cache, so a later
 * call connects again (and fails if the process is gone). No call waits forever on a dead peer.
 */
public final class Link {

    private static final Map<String, Link> LINKS = new HashMap<>();

    private final String address;
    private final FrameChannel channel;
    private final AtomicLong nextCall = new AtomicLong(1);
    private final ConcurrentHashMap<Long, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    /** Guarded by {@code this}; null once closed. */
    private List<Runnable> onClose = new ArrayList<>();
    private volatile IOException failure;

    private Link(String address, FrameChannel channel) {
        this.address = address;
        this.channel = channel;
    }

    /**
     * Returns the open link to the server at {@code address}, connecting and authenticating if
     * there is none.
     *
     * @throws IOException if the process is gone or refuses this tree's key
     */
    public static Link to(String address) throws IOException {
        synchronized (LINKS) {
            Link link = LINKS.get(address);
            if (link != null && link.failure == null) {
                return link;
            }
            link = connect(address);
            LINKS.put(address, link);
            return link;
        }
    }

    private static Link connect(String address) throws IOException {
        FrameChannel channel = dial(address, Server.PEER_HELLO);
        Link link = new Link(address, channel);
        channel.start(new FrameChannel.Handler() {
            @Override
            public void frame(byte[] frame) {
                link.received(frame);
            }

            @Override
            public void closed(IOException cause) {
                link.ended(cause);
            }
        });
        return link;
    }

    /**
     * Connects to the server at {@code address}, authenticates ({@link Handshake}), and sends
     * {@code hello}, the frame that tells the server what the connection is for: a {@link Link}
     * ({@link Server#PEER_HELLO}), or a whole connection for one object
     * ({@link Server#attachHello}). Returns the channel, not yet started.
     *
     * @throws IOException if the process is gone or refuses this tree's key
     */
    public static FrameChannel dial(String address, byte[] hello) throws IOException {
        SocketChannel socket;
        try {
            socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            socket.connect(UnixDomainSocketAddress.of(Path.of(address)));
        } catch (IOException e) {
            throw new IOException("cannot reach " + describe(address) + " (has it exited?)", e);
        }
        FrameChannel channel = new FrameChannel(socket, "to-" + pidOf(address));
        try {
            Handshake.client(channel, ProcessRuntime.authkey());
            channel.writeNow(hello);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** The server's address. */
    public String address() {
        return address;
    }

    /**
     * Calls operation {@code op} of object {@code object} with {@code args}; see the class
     * comment for interrupts.
     *
     * @throws InterruptedException if interrupted before the call took effect; it then had none
     * @throws IOException if the connection ends before the reply arrives
     */
    public Reply call(long object, int op, byte[] args) throws InterruptedException, IOException {
        long id = nextCall.getAndIncrement();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        byte[] frame = new byte[18 + args.length];
        frame[0] = Peer.CALL;
        Wire.putLong(frame, 1, id);
        frame[9] = (byte) op;
        Wire.putLong(frame, 10, object);
        System.arraycopy(args, 0, frame, 18, args.length);
        try {
            channel.send(frame);
        } catch (IOException e) {
            pending.remove(id);
            throw lost(e);
        }
        try {
            return reply.get();
        } catch (InterruptedException e) {
            byte[] cancel = new byte[9];
            cancel[0] = Peer.CANCEL;
            Wire.putLong(cancel, 1, id);
            try {
                channel.send(cancel);
            } catch (IOException closed) {
                // the reply future fails with the link; handled below
            }
            Reply late;
            try {
                late = reply.join();
            } catch (RuntimeException failed) {
                throw e;    // the link died: the call's effect is unknown, and the caller was interrupted
            }
            if (late.status() == Reply.CANCELLED) {
                throw e;
            }
            Thread.currentThread().interrupt();
            return late;
        } catch (ExecutionException e) {
            throw lost(e.getCause());
        }
    }

    /** Runs {@code listener} when this link ends, or now if it has. */
    public void onClose(Runnable listener) {
        synchronized (this) {
            if (onClose != null) {
                onClose.add(listener);
                return;
            }
        }
        listener.run();
    }

    /** True once the connection has ended. */
    public boolean isClosed() {
        return failure != null;
    }

    /** A description for messages: "process 1234". */
    public String peer() {
        return describe(address);
    }

    private IOException lost(Throwable cause) {
        IOException e = new IOException("lost the connection to " + describe(address));
        e.initCause(cause);
        return e;
    }

    private void received(byte[] frame) {
        if (frame.length < 10 || frame[0] != Peer.REPLY) {
            channel.close();
            return;
        }
        long id = Wire.getLong(frame, 1);
        int status = frame[9] & 0xff;
        byte[] payload = new byte[frame.length - 10];
        System.arraycopy(frame, 10, payload, 0, payload.length);
        CompletableFuture<Reply> reply = pending.remove(id);
        if (reply != null) {
            reply.complete(new Reply(status, payload));
        }
    }

    private void ended(IOException cause) {
        IOException e = new IOException(describe(address) + " closed the connection");
        if (cause != null) {
            e.initCause(cause);
        }
        failure = e;
        synchronized (LINKS) {
            LINKS.remove(address, this);
        }
        for (CompletableFuture<Reply> reply : pending.values()) {
            reply.completeExceptionally(e);
        }
        pending.clear();
        List<Runnable> listeners;
        synchronized (this) {
            listeners = onClose;
            onClose = null;
        }
        if (listeners != null) {
            for (Runnable r : listeners) {
                try {
                    r.run();
                } catch (RuntimeException ignored) {
                    // every listener runs
                }
            }
        }
    }

    /** "process 1234", read from the address's run directory name. */
    static String describe(String address) {
        return "process " + pidOf(address);
    }

    static String pidOf(String address) {
        Path dir = Path.of(address).getParent();
        String name = dir == null ? "?" : dir.getFileName().toString();
        int dash = name.indexOf('-');
        return dash > 0 ? name.substring(0, dash) : name;
    }
}
