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
 * <p>After the handshake, the connecting process sends one <em>hello</em> frame saying what the
 * connection is for: {@link #PEER_HELLO} for a {@link Link} (calls, served by a {@link Peer}), or
 * {@link #attachHello} for an {@link Acceptor}, which takes the whole connection (a process
 * pool's worker talks to its pool that way, over a channel of its own).
 *
 * <p>A peer that never finishes its handshake keeps one thread waiting; only processes of this
 * user can reach the socket (its directory is mode 0700), so that is a bug in a sibling, not an
 * attack surface.
 */
public final class Server {

    /** The hello of a {@link Link}: calls to registered objects ({@link Peer}'s protocol). */
    static final byte[] PEER_HELLO = {1};

    /** The first byte of a hello that hands the whole connection to one {@link Acceptor}. */
    private static final byte ATTACH = 2;

    /** The longest hello accepted. */
    private static final int HELLO_MAX = 64;

    /**
     * An object that takes whole connections from other processes rather than single calls: a
     * process pool, whose workers each talk to it over a channel of their own.
     */
    public interface Acceptor {
        /**
         * Takes over {@code channel}, authenticated and not yet started, on the server's thread
         * that admitted it; it must start or close it.
         *
         * @param token what the connecting process put in its {@link #attachHello}
         */
        void accept(FrameChannel channel, long token);
    }

    private static volatile Server local;

    private final ServerSocketChannel socket;
    private final String address;
    private final ConcurrentHashMap<Long, Served> objects = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Acceptor> acceptors = new ConcurrentHashMap<>();
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

    /** Registers {@code acceptor} and returns the number that {@link #attachHello} names it by. */
    public long register(Acceptor acceptor) {
        long id = nextId.getAndIncrement();
        acceptors.put(id, acceptor);
        return id;
    }

    /**
     * The hello ({@link Link#dial}) of a connection for acceptor {@code id} of this server,
     * carrying {@code token} to it.
     */
    public static byte[] attachHello(long id, long token) {
        byte[] hello = new byte[17];
        hello[0] = ATTACH;
        Wire.putLong(hello, 1, id);
        Wire.putLong(hello, 9, token);
        return hello;
    }

    /**
     * Forgets object or acceptor {@code id}; later calls to it get {@link Reply#NO_OBJECT}, and
     * later connections for it are closed.
     */
    public void unregister(long id) {
        objects.remove(id);
        acceptors.remove(id);
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
        byte[] hello;
        try {
            Handshake.server(channel, ProcessRuntime.authkey());
            hello = channel.readNow(HELLO_MAX);
        } catch (IOException e) {
            channel.close();
            return;
        }
        if (hello.length == 1 && hello[0] == PEER_HELLO[0]) {
            new Peer(this, channel, id).start();
            return;
        }
        Acceptor acceptor = hello.length == 17 && hello[0] == ATTACH ? acceptors.get(Wire.getLong(hello, 1)) : null;
        if (acceptor == null) {
            channel.close();    // an acceptor that has gone away, or a peer that does not speak this protocol
            return;
        }
        acceptor.accept(channel, Wire.getLong(hello, 9));
    }
}
