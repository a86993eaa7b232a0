package dev.spindle.multiprocessing.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;

/**
 * Ends a child when its parent dies, however it dies (SIGKILL included): Spindle's children
 * never outlive the process that started them.
 *
 * <p>Two daemon threads watch. One reads the child's stdin, whose other end only the parent
 * holds: end-of-file means the parent is gone (the kernel closes a dead process's pipes). The
 * other checks every {@value #CHECK_MILLIS} ms that the parent process is still this process's
 * parent, by pid and start instant, in case the pipe's end outlived it somewhere. Either one
 * then exits the JVM with status {@value #ORPHAN_STATUS}, running shutdown hooks (so this
 * child's own children are ended too, see {@code JvmProcess}); if the hooks take longer than
 * {@value #HALT_AFTER_MILLIS} ms, the JVM halts.
 */
final class ParentWatch {

    static final int CHECK_MILLIS = 500;
    static final int HALT_AFTER_MILLIS = 5_000;
    static final int ORPHAN_STATUS = 143;

    private ParentWatch() {}

    /**
     * Starts watching. {@code stdin} must be an interruptible channel: at exit the reading thread
     * is interrupted ({@link ExitCloser}), so that it does not hold up the JVM's exit.
     */
    static void start(ReadableByteChannel stdin, long parentPid, long parentStartMillis) {
        Thread pipe = daemon("spindle-parent-pipe", new Runnable() {
            @Override
            public void run() {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                try {
                    while (stdin.read(buffer) >= 0) {
                        buffer.clear();     // the parent writes nothing after the task; ignore anything else
                    }
                } catch (ClosedByInterruptException e) {
                    return;                 // this JVM is exiting
                } catch (IOException e) {
                    // a broken pipe means the same as end-of-file
                }
                orphaned();
            }
        });
        ExitCloser.interruptAtExit(pipe);
        daemon("spindle-parent-check", new Runnable() {
            @Override
            public void run() {
                for (;;) {
                    try {
                        Thread.sleep(CHECK_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!isParent(parentPid, parentStartMillis)) {
                        orphaned();
                        return;
                    }
                }
            }
        });
    }

    private static boolean isParent(long pid, long startMillis) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() != pid) {
            return false;
        }
        if (startMillis <= 0) {
            return true;
        }
        long now = RuntimeDir.startMillis(parent.get());
        return now <= 0 || Math.abs(now - startMillis) < 1000;
    }

    private static void orphaned() {
        daemon("spindle-orphan-halt", new Runnable() {
            @Override
            public void run() {
                try {
                    Thread.sleep(HALT_AFTER_MILLIS);
                } catch (InterruptedException e) {
                    // halt now
                }
                Runtime.getRuntime().halt(ORPHAN_STATUS);
            }
        });
        System.exit(ORPHAN_STATUS);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
