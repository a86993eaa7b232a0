package dev.spindle.multiprocessing.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this JVM knows about its place in the process tree: the tree's authentication key, its
 * parent (none in the main process), the process object it runs, and the counter that numbers
 * its children. Set once by {@link ChildMain} in a child; in the main process the key is made
 * on first use.
 *
 * <p>The key: 32 random bytes made by the main process and handed to every descendant over its
 * stdin (never on a command line), so that all processes of one tree can authenticate each
 * other and nobody else can (Python's {@code current_process().authkey}).
 */
public final class ProcessRuntime {

    /** The parent of this process, as its child sees it. */
    public record ParentInfo(long pid, long startMillis, String name) {}

    private static final AtomicInteger CHILDREN = new AtomicInteger();
    private static volatile byte[] authkey;
    private static volatile ParentInfo parent;
    private static volatile Object current;

    private ProcessRuntime() {}

    /** The tree's key (not a copy: callers must not change it). */
    public static byte[] authkey() {
        byte[] k = authkey;
        if (k == null) {
            synchronized (ProcessRuntime.class) {
                k = authkey;
                if (k == null) {
                    k = Entropy.bytes(32);
                    authkey = k;
                }
            }
        }
        return k;
    }

    /** The parent, or null in a JVM that no Spindle process started. */
    public static ParentInfo parent() {
        return parent;
    }

    /** The process object this JVM runs, or null until one is set. */
    public static Object current() {
        return current;
    }

    /**
     * Sets the current process object if none is set yet.
     *
     * @return the current process object after the call
     */
    public static synchronized Object currentIfAbsent(Object process) {
        if (current == null) {
            current = process;
        }
        return current;
    }

    /** The number of the next child this process creates: 1, 2, ... (Python's _process_counter). */
    public static int nextChildNumber() {
        return CHILDREN.incrementAndGet();
    }

    /** Called once by {@link ChildMain}, before the task is read. */
    static synchronized void initChild(byte[] key, ParentInfo parentInfo) {
        authkey = key;
        parent = parentInfo;
    }

    /** Called once by {@link ChildMain}, with the task it read. */
    static synchronized void setCurrent(Object process) {
        current = process;
    }
}
