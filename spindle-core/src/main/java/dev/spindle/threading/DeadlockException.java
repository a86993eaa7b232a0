package dev.spindle.threading;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by a blocking, untimed acquire that would close a cycle of threads, each waiting for a
 * lock that the next one holds: the acquire would never return.
 *
 * <p>Neither Python nor the JDK detect this at acquire time; both hang. Spindle throws in the
 * one thread whose wait closes the cycle, without acquiring and with that thread's holdings
 * unchanged, so it can back off (release what it holds) and let the others continue. The
 * message names every thread and lock of the cycle; {@link #cycle()} returns the edges, and the
 * stack of every other participant, as it was when the cycle was confirmed, is attached as a
 * {@linkplain #getSuppressed() suppressed} exception.
 *
 * <p>See {@link Deadlocks} for the policy ({@code THROW}, {@code WARN}, {@code OFF}) and the
 * limits of detection.
 */
public class DeadlockException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * One edge of a wait-for cycle: {@code waiter} waits for {@code lock}, which {@code owner}
     * holds.
     *
     * @param waiter the thread that waits
     * @param lock the Spindle lock ({@link Lock} or {@link RLock}) it waits for
     * @param owner the thread that holds {@code lock}
     */
    public record Edge(Thread waiter, Object lock, Thread owner) {
        /** Checks that no component is null. */
        public Edge {
            Objects.requireNonNull(waiter, "waiter");
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(owner, "owner");
        }
    }

    private final transient List<Edge> cycle;

    /**
     * Creates the exception for {@code cycle}, whose first edge starts at the thread that
     * detected it and whose last edge ends there.
     */
    public DeadlockException(List<Edge> cycle) {
        super(describe(cycle));
        this.cycle = List.copyOf(cycle);
    }

    /**
     * Returns the edges of the cycle, starting with the thread that threw: its wait, then the
     * wait of the owner of that lock, and so on back to the thread that threw.
     */
    public List<Edge> cycle() {
        return cycle == null ? List.of() : cycle;
    }

    static String describe(List<Edge> cycle) {
        StringBuilder sb = new StringBuilder("deadlock: ");
        sb.append(cycle.size()).append(cycle.size() == 1 ? " thread" : " threads")
          .append(" would wait for each other forever:");
        for (Edge e : cycle) {
            sb.append("\n  thread \"").append(e.waiter().getName()).append("\" waits for ")
              .append(Locks.label(e.lock())).append(", held by thread \"")
              .append(e.owner().getName()).append('"');
        }
        return sb.toString();
    }
}
