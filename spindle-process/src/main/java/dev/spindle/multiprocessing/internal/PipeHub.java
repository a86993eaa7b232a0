package dev.spindle.multiprocessing.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A pipe as the process that created it holds it: the two directions ({@link Mailbox}es), the
 * copies of each end ({@link Sessions}), and the calls of the processes its ends were handed
 * to.
 *
 * <p>End 0 is {@code conn1}, end 1 {@code conn2}; end {@code e} receives from {@code inbox(e)}
 * and sends into {@code inbox(1 - e)}. When the last copy of an end goes (closed, or its
 * process gone), the end is closed: its peer's receiver gets end-of-file after the messages
 * left, and sends into it fail. That is Python's rule for pipes, with the copies counted here
 * instead of by the kernel. When both ends are closed the pipe leaves the {@link Server}.
 *
 * <p>Registered with this process's {@link Server} only when an end is first handed out.
 */
public final class PipeHub extends Hub {

    /** Operation codes of {@link #serve}: {@code [end:1][message]}. */
    public static final int SEND = 1;
    /** {@code [end:1]}; reply: the message, or {@link #EOF}. */
    public static final int RECV = 2;
    /** {@code [end:1][nanos:8]}; reply {@code [0|1]}. */
    public static final int POLL = 3;

    /** Reply status of RECV: end-of-file. */
    public static final int EOF = 1;
    /** Reply status of SEND: nobody can receive any more; the payload says why. */
    static final int BROKEN = 2;

    private final Mailbox[] inbox = new Mailbox[2];
    private final boolean[] readable = new boolean[2];
    private final boolean[] writable = new boolean[2];

    /** A pipe with both ends held by one copy each, in this process. */
    public PipeHub(boolean duplex) {
        super(2);
        inbox[0] = new Mailbox();
        readable[0] = true;
        writable[1] = true;
        if (duplex) {
            inbox[1] = new Mailbox();
            readable[1] = true;
            writable[0] = true;
        }
    }

    /** Sends {@code message} from end {@code e}. */
    public void send(int e, byte[] message) throws IOException, InterruptedException {
        inbox[1 - e].put(message);
    }

    /** Receives at end {@code e}. */
    public byte[] recv(int e) throws EOFException, InterruptedException {
        return inbox[e].take();
    }

    /** Waits at most {@code nanos} until end {@code e} can receive without waiting. */
    public boolean poll(int e, long nanos) throws InterruptedException {
        return inbox[e].poll(nanos);
    }

    @Override
    void lastCopyClosed(int e) {
        if (writable[e]) {
            inbox[1 - e].writersGone();
        }
        if (readable[e]) {
            inbox[e].readersGone();
        }
    }

    @Override
    public Reply serve(Peer peer, int op, DataInputStream args) throws Exception {
        switch (op) {
            case SEND -> {
                int e = args.readUnsignedByte();
                try {
                    send(e, args.readAllBytes());
                    return Reply.ok();
                } catch (IOException broken) {
                    return Reply.of(BROKEN, broken.getMessage());
                }
            }
            case RECV -> {
                try {
                    return Reply.ok(recv(args.readUnsignedByte()));
                } catch (EOFException eof) {
                    return Reply.of(EOF, eof.getMessage());
                }
            }
            case POLL -> {
                int e = args.readUnsignedByte();
                return Reply.ok(new byte[] {(byte) (poll(e, args.readLong()) ? 1 : 0)});
            }
            default -> {
                return sessions.serve(peer, op, args);
            }
        }
    }
}
