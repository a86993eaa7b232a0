package dev.spindle.multiprocessing;

import dev.spindle.internal.Timeouts;
import dev.spindle.multiprocessing.internal.ChildHeader;
import dev.spindle.multiprocessing.internal.ExitStatus;
import dev.spindle.multiprocessing.internal.Handoffs;
import dev.spindle.multiprocessing.internal.Launcher;
import dev.spindle.multiprocessing.internal.ProcessRuntime;
import dev.spindle.multiprocessing.internal.RuntimeDir;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java code running in a child JVM: Python's {@code multiprocessing.Process}, with the "spawn"
 * start method, the only one a JVM can offer. (Named {@code JvmProcess} because
 * {@link java.lang.Process} is imported everywhere.)
 *
 * <p><b>The task.</b> Give the constructor a {@link SerializableRunnable} (a lambda works), or
 * subclass and override {@link #run()}. {@link #start()} serializes the process object, target
 * included, starts a fresh JVM with the same {@code java} binary, class path and relevant options,
 * and sends it the bytes over its stdin; the child deserializes them and calls {@code run()}.
 * The child therefore works on a <em>copy</em>: captured values, fields of a subclass and its
 * name arrive as they were at {@code start()}, and nothing the child changes comes back, except
 * through a {@link Pipe}, a {@link ProcessQueue}, shared memory ({@link SharedLong} and its
 * kin) or its exit code. A task that cannot be serialized fails {@code start()} in the caller
 * with an {@link UncheckedIOException} whose cause is the {@link java.io.NotSerializableException},
 * and no child is started. The classes a task uses must be on the class path of the child,
 * which is this JVM's.
 *
 * <p><b>No {@code os.fork()}.</b> A JVM cannot fork: its threads, JIT and garbage collector do
 * not survive in a copied address space, and the JDK offers no way to try. Where Python code
 * forks and branches on the pid, Java code starts a {@code JvmProcess} with the child's branch
 * as its task:
 * {@snippet :
 * // Python: pid = os.fork(); if pid == 0: child() else: parent(pid)
 * JvmProcess child = new JvmProcess(() -> System.out.println("child: pid " + ProcessHandle.current().pid()));
 * child.start();
 * System.out.println("parent: child pid " + child.pid());
 * child.join();
 * }
 *
 * <p><b>Exit codes</b> ({@link #exitCode()}, {@code null} while the child runs), as Python's:
 * 0 when {@code run()} returns; {@code n} when the task calls {@code System.exit(n)} (the OS
 * keeps {@code n & 0xff}); 1 when {@code run()} throws, after "Process NAME:" and the stack
 * trace are written to the child's stderr; minus the signal number when a signal ended it:
 * -15 after {@link #terminate()} (SIGTERM), -9 after {@link #kill()} (SIGKILL). Like Python's,
 * a child exits only once its non-daemon threads have ended.
 *
 * <p><b>Lifetime.</b> A child never outlives its parent: it watches its stdin, whose other end
 * only the parent holds, and the parent's pid, and exits when the parent is gone, even when the
 * parent was killed with SIGKILL. When the parent JVM ends normally it first waits for its
 * non-daemon children, as Python's does at exit (a non-daemon child keeps the JVM alive like a
 * non-daemon thread); when it ends by {@code System.exit} or a signal, its shutdown hook
 * terminates the children still running (SIGTERM, then SIGKILL after two seconds), daemon or
 * not. A daemon process may not start children (MP-17).
 *
 * <p><b>Streams.</b> The child's stdout and stderr are this JVM's, so what it prints appears as
 * in Python; its {@code System.in} is empty.
 *
 * <p><b>States</b> ({@link #toString()} shows them as Python's {@code repr} does): initial, then
 * started by {@code start()}, then stopped once the child has ended and its exit code is known;
 * {@link #close()} makes the object closed (allowed only when not running). Misuse throws
 * {@link IllegalStateException} with Python's message (MP-18): "cannot start a process twice",
 * "can only join a started process", "process has already started" (setting the daemon flag or
 * the options after start), "can only test a child process" and "can only join a child process"
 * (asking a process object that another process created, such as one received in a task),
 * "process object is closed".
 *
 * <p><b>Start-up</b> costs a JVM's: Spindle starts children with flags that favour start-up over
 * peak speed ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}, class-data sharing); a child
 * that computes for long can undo them with {@link #setJvmOptions(List)}.
 *
 * <p><b>Sample usage</b>: the seed's program, two children running a target function.
 * {@snippet :
 * List<JvmProcess> children = new ArrayList<>();
 * for (String name : List.of("bob", "alice")) {
 *     JvmProcess p = new JvmProcess(() -> System.out.println("hello " + name
 *             + " from pid " + ProcessHandle.current().pid()));
 *     p.start();
 *     children.add(p);
 * }
 * for (JvmProcess p : children) {
 *     p.join();
 *     System.out.println(p.name() + " exited with " + p.exitCode());
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> the child sees the task as it was when {@code start()}
 * serialized it; changes made afterwards in the parent do not reach it. Writes the child made
 * to shared memory before it ended are visible to the parent after {@link #join()} returns (or
 * {@link #isAlive()} returns false) for it.
 */
public class JvmProcess implements Runnable, Serializable {

    private static final long serialVersionUID = 1L;

    /*
     * Serialized fields: what the child gets. `name` and `daemon` are read and written by the
     * user's threads (Python's attributes); they are volatile so a name set on one thread is
     * seen on another. `identity` is Python's _identity, the path of child numbers from the main
     * process ("Process-1:2" is the second child of the first child). `parentPid` is the pid of
     * the JVM that created this object, where it may be started and joined.
     *
     * Parent-side state lives in `control`, which is transient: it is null in every copy made by
     * deserialization (the child's current process, a process object received in a task), and
     * such copies answer "can only ... a child process". The main process's object has none
     * either. Everything in Control is guarded by Control.lock; see Control.
     */
    private volatile String name;
    private volatile boolean daemon;
    private final int[] identity;
    private final long parentPid;
    private SerializableRunnable target;
    private final transient Control control;
    /** For the object parent() returns in a child: the parent as the OS sees it. */
    private final transient ProcessRuntime.ParentInfo observed;

    /**
     * The children started here and not yet seen to end, keyed by their Control (identity: a
     * subclass may override equals).
     */
    private static final Map<Object, JvmProcess> CHILDREN = new ConcurrentHashMap<>();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();
    private static final AtomicLong STATUS_FILES = new AtomicLong();

    /** Signal names for {@link #toString()}, as Python's {@code _exitcode_to_name}. */
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"),
            Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"), Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));

    /**
     * Creates a process that will run {@code target} in a child JVM, named "Process-N" (N counts
     * the process objects created in this process, as Python's do).
     *
     * @throws NullPointerException if {@code target} is null
     */
    public JvmProcess(SerializableRunnable target) {
        this(Objects.requireNonNull(target, "target"), null);
    }

    /**
     * Creates a process called {@code name} that will run {@code target} in a child JVM; a null
     * name gives the default "Process-N".
     *
     * @throws NullPointerException if {@code target} is null
     */
    public JvmProcess(String name, SerializableRunnable target) {
        this(Objects.requireNonNull(target, "target"), name);
    }

    /**
     * For subclasses that override {@link #run()}; the subclass must be serializable (it is,
     * through this class) and so must its fields, or be {@code transient}. The default name is
     * the subclass's simple name and the number: "Greeter-1".
     */
    protected JvmProcess() {
        this((SerializableRunnable) null, null);
    }

    /** A new child process object; {@code target} is null for a subclass. */
    private JvmProcess(SerializableRunnable target, String name) {
        JvmProcess creator = current();
        int number = ProcessRuntime.nextChildNumber();
        this.identity = Arrays.copyOf(creator.identity, creator.identity.length + 1);
        this.identity[this.identity.length - 1] = number;
        this.parentPid = ProcessHandle.current().pid();
        this.target = target;
        this.daemon = creator.daemon;          // MP-02: inherits the current process's flag
        this.control = new Control();
        this.observed = null;
        String kind = getClass() == JvmProcess.class || getClass().getSimpleName().isEmpty()
                ? "Process" : getClass().getSimpleName();
        this.name = name != null ? name : kind + "-" + join(identity);
    }

    /** The main process, or the parent as a child sees it. */
    private JvmProcess(String name, long pid, ProcessRuntime.ParentInfo observed) {
        this.identity = new int[0];
        this.parentPid = pid;
        this.target = null;
        this.daemon = false;
        this.control = null;
        this.observed = observed;
        this.name = name;
    }

    // ------------------------------------------------------------------------- the process tree

    /**
     * Returns the process this code runs in: in a child, the process object it was started with
     * (a subclass instance is that instance); elsewhere the main process, named "MainProcess"
     * (Python's {@code current_process()}, MP-01).
     */
    public static JvmProcess current() {
        Object current = ProcessRuntime.current();
        if (current == null) {
            current = ProcessRuntime.currentIfAbsent(new JvmProcess("MainProcess", 0, null));
        }
        return (JvmProcess) current;
    }

    /**
     * Returns this process's parent, as Python's {@code parent_process()}: empty in a JVM that
     * no {@code JvmProcess} started; in a child, an object with the parent's name and pid whose
     * {@link #isAlive()} and {@link #join(Duration)} watch it (MP-13).
     */
    public static Optional<JvmProcess> parent() {
        ProcessRuntime.ParentInfo info = ProcessRuntime.parent();
        return info == null ? Optional.empty() : Optional.of(new JvmProcess(info.name(), info.pid(), info));
    }

    /**
     * Returns the children started by this process that are still running, and forgets those
     * that have ended (Python's {@code active_children()}, MP-22).
     */
    public static List<JvmProcess> activeChildren() {
        List<JvmProcess> alive = new ArrayList<>();
        for (JvmProcess p : CHILDREN.values()) {
            if (p.isAlive()) {
                alive.add(p);
            }
        }
        return alive;
    }

    // --------------------------------------------------------------------------------- the task

    /**
     * The child's work: runs the target given to the constructor, if any. Subclasses override
     * it. Called in the child, never in the parent by {@code start()}.
     */
    @Override
    public void run() {
        if (target != null) {
            target.run();
        }
    }

    /**
     * Starts the child JVM and sends it this process object (MP-04).
     *
     * <p>Returns once the child has been started and its task written to it; the child may
     * still be starting. After it, this object no longer holds the target (MP-21): the child
     * has its own copy.
     *
     * @throws IllegalStateException if already started ("cannot start a process twice"),
     *     closed, not created by this process, or if this process is a daemon ("daemonic
     *     processes are not allowed to have children", MP-17)
     * @throws UncheckedIOException if the task cannot be serialized (the cause is the
     *     {@link java.io.NotSerializableException}) or the JVM cannot be started; no child is
     *     running then, and this object is still unstarted
     */
    public void start() {
        Control c = own("can only start a process object created by current process");
        synchronized (c.lock) {
            checkOpen(c);
            if (c.state != State.INITIAL) {
                throw new IllegalStateException("cannot start a process twice");
            }
            if (current().daemon) {
                throw new IllegalStateException("daemonic processes are not allowed to have children");
            }
            Handoffs handoffs = new Handoffs();
            byte[] task;
            try {
                task = Handoffs.serializeTask(this, handoffs);
            } catch (IOException e) {
                handoffs.cancelAll();
                throw new UncheckedIOException("cannot start " + name + ": its task cannot be serialized: " + e, e);
            }
            Path status = RuntimeDir.run().resolve("exit-" + STATUS_FILES.incrementAndGet());
            Launcher.LaunchedChild child;
            try {
                child = Launcher.launch(new Launcher.Spec(
                        dev.spindle.multiprocessing.internal.ChildMain.class.getName(), c.jvmOptions, c.stderrTailBytes));
            } catch (IOException | RuntimeException e) {
                handoffs.cancelAll();
                throw new UncheckedIOException("cannot start " + name + ": " + e, e instanceof IOException io ? io : new IOException(e));
            }
            ProcessHandle self = ProcessHandle.current();
            try {
                new ChildHeader(ProcessRuntime.authkey(), status.toString(), self.pid(), RuntimeDir.startMillis(self),
                        current().name, task).writeTo(child.stdin());
            } catch (IOException e) {
                // The child died before reading its task (the JVM refused an option, say); it has
                // started and ended, and its exit code and stderr say why.
            }
            handoffs.commitAll();
            c.child = child;
            c.statusFile = status;
            c.handoffs = handoffs;
            c.state = State.STARTED;
            target = null;
            CHILDREN.put(control, this);
            installHook();
            Thread watcher = new Thread(new Runnable() {
                @Override
                public void run() {
                    watch(c);
                }
            }, "JvmProcess-watch-" + child.process().pid());
            // A non-daemon child keeps this JVM alive as a non-daemon thread would: at exit, the
            // JVM waits for it, as Python's atexit handler joins non-daemonic children.
            watcher.setDaemon(daemon);
            watcher.start();
        }
    }

    /**
     * Waits until the child has ended (Python's {@code join()}).
     *
     * @throws IllegalStateException if not started ("can only join a started process"), closed,
     *     or not a child of this process ("can only join a child process")
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        if (observed != null) {
            awaitObserved(Timeouts.MAX_WAIT_NANOS);
            return;
        }
        started("can only join a child process", "can only join a started process").ended.await();
    }

    /**
     * Waits at most {@code timeout} for the child to end; a timeout {@code <= 0} only checks
     * (MP-06). Like Python's, it returns nothing: ask {@link #isAlive()} or {@link #exitCode()}.
     *
     * @throws IllegalStateException as {@link #join()}
     * @throws InterruptedException if interrupted while waiting
     */
    public void join(Duration timeout) throws InterruptedException {
        if (observed != null) {
            awaitObserved(Timeouts.pollTimeout(timeout));
            return;
        }
        Control c = started("can only join a child process", "can only join a started process");
        c.ended.await(Timeouts.pollTimeout(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * Returns whether the child is running: false before start and once it has ended; true for
     * {@link #current()}. For the object {@link #parent()} returns, whether the parent runs.
     *
     * @throws IllegalStateException if closed, or a process object this process did not
     *     create ("can only test a child process")
     */
    public boolean isAlive() {
        if (this == current()) {
            return true;
        }
        if (observed != null) {
            return observedHandle().isPresent();
        }
        Control c = own("can only test a child process");
        synchronized (c.lock) {
            checkOpen(c);
            if (c.state == State.INITIAL) {
                return false;
            }
            if (c.exitCode == null && !c.child.process().isAlive()) {
                ended(c, c.child.process().exitValue());
            }
            return c.exitCode == null;
        }
    }

    /**
     * Returns the exit code once the child has ended, else {@code null} (Python's
     * {@code exitcode}); see the class comment for the values.
     */
    public Integer exitCode() {
        if (control == null) {
            return null;
        }
        synchronized (control.lock) {
            if (control.state != State.INITIAL && control.exitCode == null && !control.child.process().isAlive()) {
                ended(control, control.child.process().exitValue());
            }
            return control.exitCode;
        }
    }

    /**
     * Returns the child's pid; the own pid for {@link #current()}.
     *
     * @throws IllegalStateException before start ("process not started")
     */
    public long pid() {
        if (this == current()) {
            return ProcessHandle.current().pid();
        }
        if (observed != null) {
            return observed.pid();
        }
        if (control != null) {
            synchronized (control.lock) {
                if (control.child != null) {
                    return control.child.process().pid();
                }
            }
        }
        throw new IllegalStateException("process not started");
    }

    /**
     * A future completed with this object once the child has ended and its exit code is known:
     * Python's {@code sentinel}, in Java's terms (MP-14).
     *
     * @throws IllegalStateException before start ("process not started") or for a process
     *     object this process did not create
     */
    public CompletableFuture<JvmProcess> onExit() {
        Control c = own("can only test a child process");
        synchronized (c.lock) {
            if (c.state == State.INITIAL) {
                throw new IllegalStateException("process not started");
            }
            return c.onExit.copy();
        }
    }

    /**
     * Asks the child to end with SIGTERM: its JVM runs its shutdown hooks and exits, and the exit
     * code becomes -15 (MP-07). Does nothing once the child has ended.
     *
     * @throws IllegalStateException if closed, not started, or not a child of this process
     */
    public void terminate() {
        Control c = started("can only terminate a child process", "can only terminate a started process");
        synchronized (c.lock) {
            if (c.exitCode == null) {
                c.terminated = true;
                c.child.process().destroy();
            }
        }
    }

    /**
     * Ends the child with SIGKILL, at once and without its shutdown hooks; the exit code becomes
     * -9 (MP-08). Does nothing once the child has ended.
     *
     * @throws IllegalStateException if closed, not started, or not a child of this process
     */
    public void kill() {
        Control c = started("can only kill a child process", "can only kill a started process");
        synchronized (c.lock) {
            if (c.exitCode == null) {
                c.child.process().destroyForcibly();
            }
        }
    }

    /**
     * Releases this object's hold on the ended child (MP-15). Afterwards {@link #isAlive()},
     * {@link #join()}, {@link #terminate()} and {@link #kill()} throw
     * {@link IllegalStateException} ("process object is closed"); {@link #exitCode()} still
     * answers. Closing twice is fine; closing an unstarted process is allowed.
     *
     * @throws IllegalStateException while the child runs ("Cannot close a process while it is
     *     still running. You should first call join() or terminate().")
     */
    public void close() {
        if (control == null) {
            return;
        }
        synchronized (control.lock) {
            if (control.state == State.STARTED && control.exitCode == null) {
                if (control.child.process().isAlive()) {
                    throw new IllegalStateException("Cannot close a process while it is still running. "
                            + "You should first call join() or terminate().");
                }
                ended(control, control.child.process().exitValue());
            }
            control.closed = true;
        }
        CHILDREN.remove(control);
    }

    // ------------------------------------------------------------------------------ attributes

    /** The name: "Process-N" by default, "MainProcess" for the main process (MP-23). */
    public String name() {
        return name;
    }

    /**
     * Sets the name, at any time; the child gets the name it had at {@code start()}.
     *
     * @throws NullPointerException if {@code name} is null (Python: the name must be a str)
     */
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name must be a string");
    }

    /** Whether this is a daemon process (MP-02): inherited from the creating process unless set. */
    public boolean isDaemon() {
        return daemon;
    }

    /**
     * Makes this a daemon process or not. A daemon child is terminated when its parent exits,
     * and may not start children of its own.
     *
     * @throws IllegalStateException after start ("process has already started")
     */
    public void setDaemon(boolean daemonic) {
        if (control != null) {
            synchronized (control.lock) {
                if (control.state != State.INITIAL) {
                    throw new IllegalStateException("process has already started");
                }
                this.daemon = daemonic;
            }
        } else {
            this.daemon = daemonic;
        }
    }

    /**
     * Sets extra options for the child's JVM, given after the inherited ones so that they win:
     * {@code List.of("-Xmx2g", "-XX:TieredStopAtLevel=4")}.
     *
     * @throws IllegalStateException after start ("process has already started"), or on a
     *     process object this process did not create
     * @throws NullPointerException if {@code options} or one of them is null
     */
    public void setJvmOptions(List<String> options) {
        Control c = own("can only configure a process object created by current process");
        List<String> copy = List.copyOf(options);
        synchronized (c.lock) {
            if (c.state != State.INITIAL) {
                throw new IllegalStateException("process has already started");
            }
            c.jvmOptions = copy;
        }
    }

    /**
     * Returns a copy of the authentication key: 32 random bytes made by the main process and
     * shared by every process of the tree (MP-01, MP-05). Processes prove they hold it before
     * they may talk to each other; it travels to children over their stdin, never on a command
     * line.
     */
    public byte[] authkey() {
        return ProcessRuntime.authkey().clone();
    }

    /**
     * The state as Python's {@code repr} shows it:
     * {@code JvmProcess[name=Process-1, pid=4242, parent=4200, stopped[SIGTERM], daemon]}; the
     * states are initial, started, stopped (with the exit code in brackets unless it is 0),
     * closed, and unknown for a process object another process created.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName().isEmpty() ? "JvmProcess" : getClass().getSimpleName());
        s.append("[name=").append(name);
        String status;
        Long pid = null;
        if (this == current()) {
            status = "started";
            pid = ProcessHandle.current().pid();
        } else if (control == null) {
            status = "unknown";
        } else {
            synchronized (control.lock) {
                if (control.child != null) {
                    pid = control.child.process().pid();
                }
                Integer code = control.exitCode;
                if (control.closed) {
                    status = "closed";
                } else if (control.state == State.INITIAL) {
                    status = "initial";
                } else if (code == null) {
                    status = "started";
                } else if (code == 0) {
                    status = "stopped";
                } else {
                    status = "stopped[" + (code < 0 ? SIGNALS.getOrDefault(-code, String.valueOf(code)) : code) + "]";
                }
            }
        }
        if (pid != null) {
            s.append(", pid=").append(pid);
        }
        if (identity.length > 0) {
            s.append(", parent=").append(parentPid);
        }
        s.append(", ").append(status);
        if (daemon) {
            s.append(", daemon");
        }
        return s.append(']').toString();
    }

    // ------------------------------------------------------------------ for a process pool (internal)

    /** Keeps the last {@code bytes} of the child's stderr (copying it through); before start. */
    void captureStderrTail(int bytes) {
        Control c = own("can only configure a process object created by current process");
        synchronized (c.lock) {
            if (c.state != State.INITIAL) {
                throw new IllegalStateException("process has already started");
            }
            c.stderrTailBytes = bytes;
        }
    }

    /** The kept stderr tail (see {@link #captureStderrTail}), complete once the child has ended. */
    String stderrTail() {
        Control c = own("can only test a child process");
        synchronized (c.lock) {
            return c.child == null ? "" : c.child.stderrTail();
        }
    }

    // -------------------------------------------------------------------------------- internals

    /** The parent-side states (habit 4). closed is a flag beside them: it can follow any but a running child. */
    private enum State {
        /** Created, not started. */
        INITIAL,
        /** start() ran; the child runs until exitCode is set. */
        STARTED
    }

    /**
     * Parent-side state. `lock` guards every field. exitCode moves from null to its value once,
     * in ended(), which also counts `ended` down and completes `onExit`; `state` moves INITIAL
     * -> STARTED once, in start(). `child` and `statusFile` are set with STARTED.
     */
    private static final class Control {
        final Object lock = new Object();
        State state = State.INITIAL;
        boolean closed;
        List<String> jvmOptions = List.of();
        int stderrTailBytes;
        Launcher.LaunchedChild child;
        Path statusFile;
        Handoffs handoffs;
        boolean terminated;
        Integer exitCode;
        final CountDownLatch ended = new CountDownLatch(1);
        final CompletableFuture<JvmProcess> onExit = new CompletableFuture<>();
    }

    /** The watcher thread's body: waits for the child, then records how it ended. */
    private void watch(Control c) {
        Process process = c.child.process();
        int status;
        boolean interrupted = false;
        for (;;) {
            try {
                status = process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;     // nobody should interrupt the watcher; the exit must be recorded anyway
            }
        }
        try {
            c.child.awaitStderr();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (c.lock) {
            ended(c, status);
        }
        // Outside the lock: releasing a handoff may call the process that owns the object.
        c.handoffs.cancelAll();
    }

    /**
     * Records the exit: decodes the status and releases the waiters. Call only holding c.lock,
     * once the process has exited. The watcher thread releases the handoffs afterwards.
     */
    private void ended(Control c, int status) {
        // assert Thread.holdsLock(c.lock);
        if (c.exitCode != null) {
            return;
        }
        c.exitCode = ExitStatus.decode(c.statusFile, status, c.terminated);
        try {
            c.child.stdin().close();
        } catch (IOException e) {
            // the child is gone; nothing to flush
        }
        CHILDREN.remove(control);
        c.ended.countDown();
        c.onExit.complete(this);
    }

    /** The control of a process object created here, or the misuse error. */
    private Control own(String foreign) {
        if (control == null) {
            throw new IllegalStateException(foreign);
        }
        return control;
    }

    /** The control of a started, open process object created here. */
    private Control started(String foreign, String notStarted) {
        Control c = own(foreign);
        synchronized (c.lock) {
            checkOpen(c);
            if (c.state == State.INITIAL) {
                throw new IllegalStateException(notStarted);
            }
        }
        return c;
    }

    private static void checkOpen(Control c) {
        if (c.closed) {
            throw new IllegalStateException("process object is closed");
        }
    }

    /** Waits at most {@code nanos} for the observed parent to end. */
    private void awaitObserved(long nanos) throws InterruptedException {
        Optional<ProcessHandle> h = observedHandle();
        if (h.isEmpty()) {
            return;
        }
        try {
            h.get().onExit().get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running after the timeout; like Python's join, nothing to report
        }
    }

    private Optional<ProcessHandle> observedHandle() {
        Optional<ProcessHandle> h = ProcessHandle.of(observed.pid()).filter(ProcessHandle::isAlive);
        if (h.isPresent() && observed.startMillis() > 0) {
            long start = RuntimeDir.startMillis(h.get());
            if (start > 0 && Math.abs(start - observed.startMillis()) >= 1000) {
                return Optional.empty();   // the pid now belongs to another process
            }
        }
        return h;
    }

    private static String join(int[] identity) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < identity.length; i++) {
            s.append(i == 0 ? "" : ":").append(identity[i]);
        }
        return s.toString();
    }

    /** Once per JVM: at exit, end the children still running (see the class comment). */
    private static void installHook() {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(JvmProcess::endChildrenAtExit, "JvmProcess-exit"));
        }
    }

    private static void endChildrenAtExit() {
        List<Process> running = new ArrayList<>();
        for (JvmProcess p : CHILDREN.values()) {
            Control c = p.control;
            synchronized (c.lock) {
                if (c.exitCode == null && c.child.process().isAlive()) {
                    c.terminated = true;
                    c.child.process().destroy();
                    running.add(c.child.process());
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Process process : running) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
