package dev.spindle.threading;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The opt-in lock-order check ({@code -Dspindle.lockorder=warn|throw}); see {@link Deadlocks}.
 *
 * <p><b>State.</b> Each thread keeps the locks it holds, in acquisition order ({@link #HELD}).
 * Each lock has a {@link Node} whose {@code after} set holds the locks that were acquired while
 * it was held (weakly, so locks can be collected). Acquiring {@code L} while holding {@code H}
 * adds the edge {@code H -> L}; if {@code H} is already reachable from {@code L}, the two have
 * been taken in both orders and a deadlock is possible. Guava's {@code CycleDetectingLockFactory}
 * does the same for {@code ReentrantLock}s. {@link #ENABLED} is a constant read at start-up, so
 * when the check is off the JIT removes every call.
 */
final class LockOrder {

    enum Mode { OFF, WARN, THROW }

    static final Mode MODE = parse(System.getProperty("spindle.lockorder"));

    /** Constant: when false, every call site below folds away. */
    static final boolean ENABLED = MODE != Mode.OFF;

    private static final System.Logger LOG = System.getLogger(Deadlocks.class.getName());

    private static final ThreadLocal<ArrayList<LockSync>> HELD = ThreadLocal.withInitial(ArrayList::new);

    /** Guards every {@link Node#after} set; the check is for tests and debugging, not speed. */
    private static final Object GRAPH = new Object();

    private LockOrder() {}

    /** The order graph's view of one lock. */
    static final class Node {
        final String label;
        /** Locks acquired while this one was held. Guarded by {@link #GRAPH}. */
        final Map<LockSync, Boolean> after = new WeakHashMap<>();

        Node(String label) {
            this.label = label;
        }
    }

    private static Mode parse(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("off")) {
            return Mode.OFF;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring -Dspindle.lockorder={0}: expected warn, throw or off", value);
            return Mode.OFF;
        }
    }

    private static Node node(LockSync lock) {
        Node n = lock.orderNode;
        if (n == null) {
            synchronized (GRAPH) {
                n = lock.orderNode;
                if (n == null) {
                    n = new Node(lock.label());
                    lock.orderNode = n;
                }
            }
        }
        return n;
    }

    /**
     * Called before {@code lock} is acquired: records the orders it adds and reports the first
     * contrary one.
     *
     * @throws LockOrderException in THROW mode, when the order is contrary to one seen before
     */
    static void beforeAcquire(LockSync lock) {
        ArrayList<LockSync> held = HELD.get();
        Thread me = Thread.currentThread();
        held.removeIf(h -> h.owner != me);   // a plain Lock may have been released by another thread
        if (held.isEmpty() || held.contains(lock)) {
            return;
        }
        List<String> contrary = null;
        synchronized (GRAPH) {
            for (LockSync h : held) {
                Node hn = node(h);
                if (hn.after.containsKey(lock)) {
                    continue;   // this order is known and was fine
                }
                List<String> path = pathBetween(lock, h);
                if (path != null) {
                    contrary = path;
                    break;
                }
                hn.after.put(lock, Boolean.TRUE);
            }
        }
        if (contrary != null) {
            String message = "potential deadlock: thread \"" + me.getName() + "\" acquires "
                    + lock.label() + " while holding " + contrary.get(contrary.size() - 1)
                    + ", but they were taken in the other order before: " + String.join(" -> ", contrary);
            if (MODE == Mode.THROW) {
                throw new LockOrderException(message, contrary);
            }
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    /** Called once {@code lock} is acquired. */
    static void acquired(LockSync lock) {
        HELD.get().add(lock);
    }

    /** Called when the current thread releases {@code lock} completely. */
    static void released(LockSync lock) {
        ArrayList<LockSync> held = HELD.get();
        int i = held.lastIndexOf(lock);
        if (i >= 0) {
            held.remove(i);
        }
    }

    /** Breadth-first search from {@code from} to {@code to} along "acquired after" edges. */
    private static List<String> pathBetween(LockSync from, LockSync to) {
        Map<LockSync, LockSync> parent = new java.util.IdentityHashMap<>();
        ArrayDeque<LockSync> queue = new ArrayDeque<>();
        Set<LockSync> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        queue.add(from);
        seen.add(from);
        while (!queue.isEmpty()) {
            LockSync cur = queue.poll();
            Node n = cur.orderNode;
            if (n == null) {
                continue;
            }
            for (LockSync next : new HashSet<>(n.after.keySet())) {
                if (seen.add(next)) {
                    parent.put(next, cur);
                    if (next == to) {
                        List<String> path = new ArrayList<>();
                        for (LockSync at = to; at != null; at = parent.get(at)) {
                            path.add(0, at.label());
                        }
                        return path;
                    }
                    queue.add(next);
                }
            }
        }
        return null;
    }
}
