package dev.spindle.multiprocessing.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects handed to a child inside its task, while {@code JvmProcess.start()} serializes it:
 * a pipe end or a queue registers a {@link Handoff} here from its {@code writeReplace}, and the
 * starting process later {@linkplain #commitAll() commits} them (the child has started) and, once
 * the child has ended, {@linkplain #cancelAll() cancels} them.
 *
 * <p>A handoff keeps the object alive for a child that has not reached it yet: a pipe end whose
 * only other copy the parent has closed must not read as closed before the child attaches. If
 * the child dies first (killed while it read its task, say), cancelling releases that hold, so
 * the other end sees end-of-file instead of waiting forever. Cancelling after the child has
 * attached does nothing; what the child attached is released when its connection ends.
 */
public final class Handoffs {

    /** One object handed over. */
    public interface Handoff {
        /** The child started: the sending copy gives the object up (a pipe end moves). */
        void commit();

        /** The child ended, or never started: release what a pending handoff holds. Idempotent. */
        void cancel();
    }

    private static final ThreadLocal<Handoffs> CURRENT = new ThreadLocal<>();

    private final List<Handoff> handoffs = new ArrayList<>();

    /** The handoffs of the task being serialized on this thread, or null outside one. */
    public static Handoffs current() {
        return CURRENT.get();
    }

    /** Serializes {@code task}, collecting into {@code into} what it hands over. */
    public static byte[] serializeTask(Object task, Handoffs into) throws IOException {
        Handoffs outer = CURRENT.get();
        CURRENT.set(into);
        try {
            return Codec.serialize(task);
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Adds one. */
    public synchronized void add(Handoff handoff) {
        handoffs.add(handoff);
    }

    /** Commits every handoff; see {@link Handoff#commit()}. */
    public void commitAll() {
        for (Handoff h : snapshot()) {
            h.commit();
        }
    }

    /** Cancels every handoff; see {@link Handoff#cancel()}. */
    public void cancelAll() {
        for (Handoff h : snapshot()) {
            try {
                h.cancel();
            } catch (RuntimeException e) {
                // each one is released on its own
            }
        }
    }

    private synchronized List<Handoff> snapshot() {
        return new ArrayList<>(handoffs);
    }
}
