package dev.spindle.multiprocessing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This JVM's control server: one Unix domain socket, {@code <run dir>/ctl.sock}, through which
 * the other processes of the tree call the objects this process owns (the pipes and queues it
 * created and handed out). Never a TCP port.
 *
 * <p>Bound lazily, the first time an object is handed to another process; a JVM that shares
 * nothing never opens it. An accepting thread takes connections; each one is authenticated
 * ({@link Handshake}) on a thread of its own, then becomes a {@link Peer} whose calls run on a
 * pool of daemon threads. Objects are registered under a number ({@link #register(Served)}),
 * which is what a handle sent to another process carries, with {@link #address()}.
 *
 * <p>A peer that never finishes its handshake keeps one thread waiting; only processes of this
 * user can reach the socket (its directory is mode 0700), so that is a bug in a sibling, not an
 * attack surface.
 */
public final class Server {

    private static volatile Server local;

    private final ServerSocketChannel socket;
    private final String address;
    private final ConcurrentHashMap<Long, Served> objects = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong nextPeer = new AtomicLong(1);
    private final ExecutorService pool;
    private final AtomicInteger callsInFlight = new AtomicInteger();

    private Server(ServerSocketChannel socket, String address) {
        this.socket = socket;
        this.address = address;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "spindle-serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newCachedThreadPool(daemons);
    }

    /** Returns this JVM's server, binding it on first use. */
    public static Server local() {
        Server s = local;
        if (s == null) {
            synchronized (Server.class) {
                s = local;
                if (s == null) {
                    s = bind();
                    local = s;
                }
            }
        }
        return s;
    }

    /** True if {@code address} is this JVM's own server (which may not be bound yet). */
    public static boolean isLocal(String address) {
        Server s = local;
        return s != null && s.address.equals(address);
    }

    /** The socket path other processes connect to. */
    public String address() {
        return address;
    }

    /** Registers {@code object} and returns the number that calls name it by. */
    public long register(Served object) {
        long id = nextId.getAndIncrement();
        objects.put(id, object);
        return id;
    }

    /** Forgets object {@code id}; later calls to it get {@link Reply#NO_OBJECT}. */
    public void unregister(long id) {
        objects.remove(id);
    }

    /** The object registered as {@code id}, or null. */
    public Served lookup(long id) {
        return objects.get(id);
    }

    ExecutorService pool() {
        return pool;
    }

    /** The calls from other processes being served right now (for tests and diagnostics). */
    public int callsInFlight() {
        return callsInFlight.get();
    }

    AtomicInteger inFlightCounter() {
        return callsInFlight;
    }

    private static Server bind() {
        Path path = RuntimeDir.run().resolve("ctl.sock");
        try {
            Files.deleteIfExists(path);
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(path));
            Server server = new Server(channel, path.toString());
            ExitCloser.register(channel);
            Thread accept = new Thread(server::acceptLoop, "spindle-server-accept");
            accept.setDaemon(true);
            accept.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the control socket " + path, e);
        }
    }

    private void acceptLoop() {
        for (;;) {
            SocketChannel s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return;     // closed: the JVM is going away
            }
            pool.execute(() -> admit(s));
        }
    }

    private void admit(SocketChannel s) {
        long id = nextPeer.getAndIncrement();
        FrameChannel channel = new FrameChannel(s, "peer-" + id);
        try {
            Handshake.server(channel, ProcessRuntime.authkey());
        } catch (IOException e) {
            channel.close();
            return;
        }
        new Peer(this, channel, id).start();
    }
}
