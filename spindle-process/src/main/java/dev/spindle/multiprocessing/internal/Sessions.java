package dev.spindle.multiprocessing.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The open copies of a shared object's handles, counted where the object lives, so it knows
 * when the last one is gone: the part of Python's reference counting of pipe ends and queues
 * that crosses processes.
 *
 * <p>An object has one or more <em>slots</em> (a pipe's two ends; a queue's one). Each starts
 * with one copy, the creator's own handle. A copy is added by a <b>handoff</b> (a handle
 * serialized into a child's task: {@link #handoff(int)} returns a token that holds the slot
 * open until the child {@linkplain #attach attaches} or the handoff is
 * {@linkplain #cancel(long) cancelled} because the child ended first), or by a plain
 * {@code ATTACH} without a token (a queue handle received any other way, while the slot is
 * open). A copy held by another process is released when it is closed or when that process's
 * connection ends. When a slot's count reaches zero, {@code onLast} runs for it, once.
 *
 * <p>Calls from other processes use the op codes {@link #ATTACH} to {@link #CANCEL}, which the
 * object's {@link Served#serve} hands to {@link #serve}.
 */
final class Sessions {

    /** Called when the last copy of a slot is gone, or every slot's. */
    interface Listener {
        void lastCopyClosed(int slot);

        void allClosed();
    }

    /** Attach a copy: args {@code [token:8][slot:1]}, token 0 for none; reply {@code [copy:8]}. */
    static final int ATTACH = 60;
    /** Release an attached copy: args {@code [copy:8]}. */
    static final int DETACH = 61;
    /** Start a handoff: args {@code [slot:1]}; reply {@code [token:8]}. */
    static final int HANDOFF = 62;
    /** Cancel a handoff: args {@code [token:8]}. */
    static final int CANCEL = 63;
    /** Reply status: the slot is closed, or the token unknown; the payload says why. */
    static final int REFUSED = 50;

    private final Listener listener;
    /*
     * Guarded by `this`: count[s] is the open copies of slot s, handoffs in flight included;
     * `tokens` maps a pending handoff to its slot; `attached` an attached remote copy to its
     * slot. A slot at zero stays at zero.
     */
    private final int[] count;
    private final Map<Long, Integer> tokens = new HashMap<>();
    private final Map<Long, Integer> attached = new HashMap<>();
    private long next = 1;

    Sessions(int slots, Listener listener) {
        this.listener = listener;
        this.count = new int[slots];
        java.util.Arrays.fill(count, 1);
    }

    /** Starts a handoff of {@code slot}; the slot stays open for it. */
    synchronized long handoff(int slot) throws IOException {
        requireOpen(slot);
        count[slot]++;
        long token = next++;
        tokens.put(token, slot);
        return token;
    }

    /** Cancels a pending handoff; nothing for one already attached. */
    void cancel(long token) {
        Integer slot;
        synchronized (this) {
            slot = tokens.remove(token);
        }
        if (slot != null) {
            release(slot);
        }
    }

    /**
     * Turns handoff {@code token} into a copy in this process, or, for token 0, adds a copy of
     * {@code slot}.
     *
     * @return the slot
     * @throws IOException if the token is unknown or the slot closed
     */
    synchronized int claim(long token, int slot) throws IOException {
        if (token == 0) {
            requireOpen(slot);
            count[slot]++;
            return slot;
        }
        Integer s = tokens.remove(token);
        if (s == null) {
            throw new IOException("nothing was handed over with this token, or the handoff was cancelled");
        }
        return s;
    }

    /** One copy of {@code slot} is closed. */
    void release(int slot) {
        boolean last;
        boolean all = true;
        synchronized (this) {
            last = --count[slot] == 0;
            for (int c : count) {
                all &= c == 0;
            }
        }
        if (last) {
            listener.lastCopyClosed(slot);
            if (all) {
                listener.allClosed();
            }
        }
    }

    /** Serves {@link #ATTACH} to {@link #CANCEL} for the process on the other end of {@code peer}. */
    Reply serve(Peer peer, int op, DataInputStream args) throws IOException {
        switch (op) {
            case ATTACH -> {
                long token = args.readLong();
                int slot = args.readUnsignedByte();
                long copy;
                try {
                    synchronized (this) {
                        int s = claim(token, slot);
                        copy = next++;
                        attached.put(copy, s);
                    }
                } catch (IOException refused) {
                    return Reply.of(REFUSED, refused.getMessage());
                }
                peer.onClose(() -> detach(copy));
                return Reply.ok(new Wire.Out().i64(copy).array());
            }
            case DETACH -> {
                detach(args.readLong());
                return Reply.ok();
            }
            case HANDOFF -> {
                long token;
                try {
                    token = handoff(args.readUnsignedByte());
                } catch (IOException closed) {
                    return Reply.of(REFUSED, closed.getMessage());
                }
                peer.onClose(() -> cancel(token));
                return Reply.ok(new Wire.Out().i64(token).array());
            }
            case CANCEL -> {
                cancel(args.readLong());
                return Reply.ok();
            }
            default -> throw new IOException("unknown operation " + op);
        }
    }

    private void detach(long copy) {
        Integer slot;
        synchronized (this) {
            slot = attached.remove(copy);
        }
        if (slot != null) {
            release(slot);
        }
    }

    private void requireOpen(int slot) throws IOException {
        // assert Thread.holdsLock(this);
        if (count[slot] == 0) {
            throw new IOException("handle is closed: every copy of it is closed");
        }
    }
}
