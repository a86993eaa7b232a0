package dev.spindle.multiprocessing.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's side of one authenticated connection from another process: it runs that
 * process's calls and, when the connection ends (the process closed it, exited or was killed),
 * runs what the objects asked to release for it ({@link #onClose(Runnable)}).
 *
 * <p>Wire format after the handshake (see {@link Link}): a call is
 * {@code [CALL][id:8][op:1][object:8][args]}, a cancel {@code [CANCEL][id:8]}, a reply
 * {@code [REPLY][id:8][status:1][payload]}. Every call gets exactly one reply.
 *
 * <p>Cancellation: each call in flight has an {@link InFlight} record. A cancel that arrives
 * before the call has started makes it reply {@link Reply#CANCELLED} without running; one that
 * arrives while it runs interrupts its thread, and the object's blocking wait throws
 * {@link InterruptedException}, which also replies {@code CANCELLED}. A call that finished
 * first replies normally and the cancel is ignored: the caller takes that reply (see
 * {@link Link#call}).
 */
public final class Peer {

    static final byte CALL = 1;
    static final byte REPLY = 2;
    static final byte CANCEL = 3;

    private final Server server;
    private final FrameChannel channel;
    private final long id;
    private final ConcurrentHashMap<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Guarded by itself; null once closed. */
    private List<Runnable> onClose = new ArrayList<>();

    Peer(Server server, FrameChannel channel, long id) {
        this.server = server;
        this.channel = channel;
        this.id = id;
    }

    /** A number naming this connection within its server. */
    public long id() {
        return id;
    }

    /**
     * Runs {@code release} when this connection ends, or now if it has ended.
     */
    public void onClose(Runnable release) {
        synchronized (this) {
            if (onClose != null) {
                onClose.add(release);
                return;
            }
        }
        release.run();
    }

    void start() {
        channel.start(new FrameChannel.Handler() {
            @Override
            public void frame(byte[] frame) {
                received(frame);
            }

            @Override
            public void closed(IOException cause) {
                ended();
            }
        });
    }

    private void received(byte[] frame) {
        DataInputStream in = Wire.in(frame, 1);
        try {
            long callId = in.readLong();
            if (frame[0] == CANCEL) {
                InFlight call = inFlight.get(callId);
                if (call != null) {
                    call.cancel();
                }
                return;
            }
            if (frame[0] != CALL) {
                throw new IOException("unexpected frame type " + frame[0]);
            }
            int op = in.readUnsignedByte();
            long object = in.readLong();
            InFlight call = new InFlight();
            inFlight.put(callId, call);
            server.inFlightCounter().incrementAndGet();
            server.pool().execute(() -> run(callId, call, object, op, in));
        } catch (IOException e) {
            channel.close();
        }
    }

    private void run(long callId, InFlight call, long object, int op, DataInputStream args) {
        Reply reply;
        if (!call.begin()) {
            reply = Reply.of(Reply.CANCELLED);
        } else {
            try {
                Served target = server.lookup(object);
                reply = target == null ? Reply.of(Reply.NO_OBJECT) : target.serve(this, op, args);
            } catch (InterruptedException e) {
                reply = Reply.of(Reply.CANCELLED);
            } catch (Exception | Error e) {
                reply = Reply.of(Reply.FAILED, String.valueOf(e));
            } finally {
                call.end();
            }
        }
        inFlight.remove(callId);
        server.inFlightCounter().decrementAndGet();
        try {
            channel.send(frame(REPLY, callId, reply.status(), reply.payload()));
        } catch (IOException e) {
            // the caller is gone; what it held is released by ended()
        }
    }

    private void ended() {
        List<Runnable> releases;
        synchronized (this) {
            releases = onClose;
            onClose = null;
        }
        for (InFlight call : inFlight.values()) {
            call.cancel();
        }
        if (releases != null) {
            for (Runnable r : releases) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // one release failing must not keep the others from running
                }
            }
        }
    }

    /** Builds {@code [type][id:8][code:1][payload]}: a reply, or a call whose code is its op. */
    static byte[] frame(byte type, long id, int code, byte[] payload) {
        byte[] frame = new byte[10 + payload.length];
        frame[0] = type;
        Wire.putLong(frame, 1, id);
        frame[9] = (byte) code;
        System.arraycopy(payload, 0, frame, 10, payload.length);
        return frame;
    }

    /** One call in flight: the thread running it once it has begun, and whether it is cancelled. */
    private static final class InFlight {
        private Thread thread;
        private boolean cancelled;
        private boolean ended;

        synchronized boolean begin() {
            if (cancelled) {
                return false;
            }
            thread = Thread.currentThread();
            return true;
        }

        synchronized void cancel() {
            cancelled = true;
            if (thread != null && !ended) {
                thread.interrupt();
            }
        }

        void end() {
            synchronized (this) {
                ended = true;
                thread = null;
            }
            Thread.interrupted();   // a cancel that came too late must not reach the pool's next call
        }
    }
}
