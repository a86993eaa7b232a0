package dev.spindle.threading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Python's {@code threading} module functions, for {@link Thread}s: {@code current_thread()},
 * {@code main_thread()}, {@code enumerate()} and {@code active_count()}.
 *
 * <p>Java's {@link Thread} already is Python's {@code Thread}: create one with a target
 * ({@code Thread.ofPlatform().name("A").start(() -> draw(user, 100))}) or subclass it and
 * override {@code run()}; {@code start()}, {@code join(Duration)}, {@code isAlive()},
 * {@code setDaemon()} (before start; a new thread inherits its creator's flag), {@code getName()}
 * and {@code threadId()} mirror Python's methods, and a second {@code start()} throws {@link
 * IllegalThreadStateException}. {@link ThreadLocal} is Python's {@code threading.local}
 * ({@code ThreadLocal.withInitial} for a subclass with {@code __init__}).
 *
 * <p><b>Uncaught exceptions.</b> Python's {@code threading.excepthook} is
 * {@link Thread#setDefaultUncaughtExceptionHandler}. Without one, the JVM prints
 * {@code Exception in thread "name"} followed by the stack trace to {@code System.err}, and
 * {@code join()} returns normally, as in Python (THREAD-21).
 */
public final class Threads {

    private static final Thread MAIN = findMain();

    private Threads() {}

    /** Returns the calling thread (Python's {@code current_thread()}). */
    public static Thread currentThread() {
        return Thread.currentThread();
    }

    /**
     * Returns the JVM's initial thread, the one that ran {@code main} (Python's
     * {@code main_thread()}). It is found when this class is first used; if the initial thread
     * had already ended by then, the oldest live thread named "main" is returned, or the calling
     * thread when there is none.
     */
    public static Thread mainThread() {
        return MAIN;
    }

    /**
     * Returns the live, started platform threads (Python's {@code enumerate()}): never a thread
     * that is not yet started or has ended (THREAD-15). Virtual threads are not listed, as the JDK
     * does not enumerate them.
     */
    public static List<Thread> enumerate() {
        List<Thread> live = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                live.add(t);
            }
        }
        live.sort(Comparator.comparingLong(Thread::threadId));
        return live;
    }

    /** Returns {@code enumerate().size()} (Python's {@code active_count()}). */
    public static int activeCount() {
        return enumerate().size();
    }

    private static Thread findMain() {
        Thread best = null;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if ("main".equals(t.getName()) && (best == null || t.threadId() < best.threadId())) {
                best = t;
            }
        }
        return best != null ? best : Thread.currentThread();
    }
}
