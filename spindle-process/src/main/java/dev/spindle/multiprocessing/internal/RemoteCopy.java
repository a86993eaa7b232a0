package dev.spindle.multiprocessing.internal;

import java.io.IOException;

/**
 * A copy of a handle held in this process whose object (a {@link Hub}) lives in another: the
 * session calls both kinds of remote handle make ({@link Sessions}'s {@code ATTACH},
 * {@code DETACH}, {@code HANDOFF}, {@code CANCEL}).
 *
 * @param link the connection to the owner
 * @param object the object's number there
 * @param copy this copy's number there
 */
public record RemoteCopy(Link link, long object, long copy) {

    /**
     * Attaches a copy: claims handoff {@code token}, or, with token 0, adds a copy of {@code slot}.
     *
     * @throws IOException if the owner is gone or refuses (the object is closed everywhere)
     */
    public static RemoteCopy attach(Link link, long object, long token, int slot) throws IOException, InterruptedException {
        Reply reply = link.call(object, Sessions.ATTACH, new Wire.Out().i64(token).u8(slot).array());
        if (!reply.isOk()) {
            throw new IOException(reply.status() == Reply.NO_OBJECT ? "closed everywhere" : reply.message());
        }
        return new RemoteCopy(link, object, reply.in().readLong());
    }

    /** Releases this copy; if the owner is gone there is nothing to release. */
    public void detach() {
        try {
            link.call(object, Sessions.DETACH, new Wire.Out().i64(copy).array());
        } catch (IOException e) {
            // the owner is gone, or released it with this connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a handoff of {@code slot} to a child of this process; returns its token. */
    public long handoff(int slot) throws IOException {
        try {
            Reply reply = link.call(object, Sessions.HANDOFF, new byte[] {(byte) slot});
            if (!reply.isOk()) {
                throw new IOException(reply.message());
            }
            return reply.in().readLong();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing over", e);
        }
    }

    /** Cancels a handoff never attached. */
    public void cancel(long token) {
        try {
            link.call(object, Sessions.CANCEL, new Wire.Out().i64(token).array());
        } catch (IOException e) {
            // the owner is gone, or released it with this connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
