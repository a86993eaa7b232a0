package dev.spindle.multiprocessing.internal;

import dev.spindle.multiprocessing.JvmProcess;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of every child JVM: reads its task from stdin, runs it, and exits as Python's
 * {@code BaseProcess._bootstrap} does.
 *
 * <p>Order of events: read the {@link ChildHeader}; give the program an empty {@code System.in}
 * (Python's child reads {@code /dev/null}); install the exit-status hook ({@link ExitStatus})
 * and the parent watch ({@link ParentWatch}); deserialize the process object; make it the
 * current process; call its {@code run()}. Then:
 * <ul>
 *   <li>{@code run()} returned: {@code main} returns, and the JVM exits with status 0 once the
 *       task's non-daemon threads (and non-daemon children) have ended (MP-19);</li>
 *   <li>{@code run()} threw: "Process NAME:" and the stack trace go to {@code System.err}, the
 *       same wait happens, and the JVM exits with status 1 (MP-11);</li>
 *   <li>the task called {@code System.exit(n)}: the JVM exits with {@code n} (MP-10);</li>
 *   <li>the task cannot be read (a class missing here, a filter rejection): "Process ?:" and
 *       the stack trace, status 1.</li>
 * </ul>
 *
 * <p>Start-up matters here (a child's start is the cost of every {@code JvmProcess}): nothing
 * on this path uses a lambda, the security providers or the module system's reflection, which
 * each cost milliseconds on first use; see {@code Launcher} for the JVM flags.
 *
 * <p>Internal: started by {@code Launcher}, never by hand.
 */
public final class ChildMain {

    /** Status for a task that threw, or could not be read (Python's exit code 1). */
    static final int FAILED = 1;

    private ChildMain() {}

    public static void main(String[] args) throws Exception {
        // Through a channel, not a FileInputStream: a thread blocked on a channel can be woken at
        // exit (see ExitCloser), one blocked in FileInputStream.read cannot.
        FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
        ChildHeader header = ChildHeader.readFrom(new BufferedInputStream(Channels.newInputStream(stdin), 1 << 16));
        System.setIn(InputStream.nullInputStream());
        ExitStatus.install(header.statusFile());
        ProcessRuntime.initChild(header.authkey(), new ProcessRuntime.ParentInfo(
                header.parentPid(), header.parentStartMillis(), header.parentName()));
        ParentWatch.start(stdin, header.parentPid(), header.parentStartMillis());

        Object task;
        try {
            task = Codec.deserialize(header.task());
        } catch (Exception | LinkageError e) {
            System.err.println("Process ?: cannot read the task it was sent");
            e.printStackTrace();
            System.err.flush();
            System.exit(FAILED);
            return;
        }
        if (!(task instanceof JvmProcess process)) {
            ((Runnable) task).run();    // a CdsArchive training run
            return;
        }
        ProcessRuntime.setCurrent(process);
        try {
            process.run();
        } catch (Throwable t) {
            System.err.println("Process " + process.name() + ":");
            t.printStackTrace();
            System.err.flush();
            awaitNonDaemonThreads();
            System.exit(FAILED);
        }
    }

    /**
     * Waits until the only non-daemon thread left is this one, as the JVM does when
     * {@code main} returns, so that a failed task's threads finish as a successful one's do.
     */
    private static void awaitNonDaemonThreads() {
        Thread self = Thread.currentThread();
        for (;;) {
            List<Thread> others = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t != self && !t.isDaemon() && t.isAlive() && !t.getName().equals("DestroyJavaVM")) {
                    others.add(t);
                }
            }
            if (others.isEmpty()) {
                return;
            }
            for (Thread t : others) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
