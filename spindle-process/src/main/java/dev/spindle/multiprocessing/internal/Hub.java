package dev.spindle.multiprocessing.internal;

import java.io.IOException;

/**
 * An object other processes reach through this process's {@link Server}, as its owner holds it:
 * what {@link PipeHub} and {@link QueueHub} share. It counts the copies of its handles
 * ({@link Sessions}), registers itself with the server the first time a handle is handed out,
 * and leaves the server when the last copy is gone.
 */
public abstract class Hub implements Served {

    final Sessions sessions;
    private long id;    // guarded by this; 0 until registered

    Hub(int slots) {
        this.sessions = new Sessions(slots, new Sessions.Listener() {
            @Override
            public void lastCopyClosed(int slot) {
                Hub.this.lastCopyClosed(slot);
            }

            @Override
            public void allClosed() {
                unregister();
            }
        });
    }

    /** The last copy of {@code slot}'s handles is gone. */
    abstract void lastCopyClosed(int slot);

    /** The number other processes call this object by; registers it on first use. */
    public final synchronized long id() {
        if (id == 0) {
            id = Server.local().register(this);
        }
        return id;
    }

    private synchronized void unregister() {
        if (id != 0) {
            Server.local().unregister(id);
        }
    }

    /** One copy of {@code slot}'s handle in this process is closed. */
    public final void release(int slot) {
        sessions.release(slot);
    }

    /** Starts a handoff of {@code slot}; see {@link Sessions#handoff}. */
    public final long handoff(int slot) throws IOException {
        return sessions.handoff(slot);
    }

    /** Cancels a handoff that was never attached; does nothing for one that was. */
    public final void cancel(long token) {
        sessions.cancel(token);
    }

    /**
     * A handle came back to this process: one more copy here, claiming {@code token} (0 for
     * none, then of {@code slot}).
     *
     * @return the slot
     */
    public final int attachLocally(long token, int slot) throws IOException {
        return sessions.claim(token, slot);
    }
}
