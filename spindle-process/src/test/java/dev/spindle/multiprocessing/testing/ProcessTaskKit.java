package dev.spindle.multiprocessing.testing;

import dev.spindle.futures.TaskKit;
import dev.spindle.internal.Timeouts;
import dev.spindle.multiprocessing.ProcessQueue;
import dev.spindle.multiprocessing.SharedLong;
import dev.spindle.queue.QueueEmptyException;
import dev.spindle.queue.QueueFullException;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The {@link TaskKit} of executors that run tasks in other JVMs (a process pool's workers, or any
 * {@link dev.spindle.multiprocessing.JvmProcess}): its gates, latches, logs and probes keep
 * working after a task that captured them has been serialized into a child, and still reach the
 * test's originals in the parent.
 *
 * <p><b>Mechanism.</b> Each object is built from what {@code dev.spindle.multiprocessing}
 * already shares across processes, the simplest that does the job:
 * <ul>
 *   <li>a {@link TaskKit.Gate} is a {@link SharedLong} flag (0 closed, 1 open) and a
 *       {@link TaskKit.Latch} a {@link SharedLong} count; both travel as a reference to the same
 *       mapped memory, so {@code open()} and {@code countDown()} are single atomic writes
 *       that every process sees at once, with no server or connection involved. Waiters poll
 *       the value, parking between reads for {@value #MIN_PARK_NANOS} ns, doubling up to
 *       {@value #MAX_PARK_NANOS} ns (the longest park of {@code SharedSegment}'s lock): a wait
 *       wakes at most about 1 ms late, an interrupt ends it at once, and a waiting worker costs
 *       about a thousand short wake-ups a second;</li>
 *   <li>a {@link TaskKit.Log} is a {@link ProcessQueue} owned by the test's process: any process
 *       appends with one call to the owner, and {@link TaskKit.Log#snapshot()} (in the test's
 *       process, on the original) drains the queue into the list it returns, so items appear in
 *       the order the owner received them;</li>
 *   <li>a {@link TaskKit.Probe} needs nothing shared: a worker is its process, named by its pid,
 *       and "initialized" is a per-process set of the probes marked there (a static).</li>
 * </ul>
 * Waits are bounded: a gate or latch fails the task with {@link AssertionError} after
 * {@link TaskKit#PATIENCE}, {@link #awaitGone} after 30 s.
 *
 * <p><b>Lifetime.</b> A kit belongs to one test; {@link #close()} ends what it made, so that no
 * child is left waiting and no queue is left served: it opens every gate, counts every latch
 * down to zero, closes the test's handle of every log (the owner stops serving a queue once
 * the children's copies are closed too, which happens when those children end) and forgets
 * the probes marked in this process. Afterwards the kit makes nothing more. Close it after the
 * executors have shut down: a JUnit field annotated {@link org.junit.jupiter.api.AutoClose} is
 * closed after every {@code @AfterEach} method, the fixture's executor shutdown included. The
 * memory of a gate or latch (one small file in Spindle's run directory each) cannot be freed
 * earlier: {@link SharedLong} has no {@code unlink}, and its file lives until the test JVM
 * exits; the children's mappings go with the children.
 *
 * <p><b>Sample usage</b>: a process pool's contract tests (see {@link ProcessTaskKitTest} for
 * the objects in children).
 * {@snippet :
 * class ProcessPoolExecutorContractTest extends ExecutorContractTest {
 *     @AutoClose
 *     private final ProcessTaskKit kit = new ProcessTaskKit();
 *
 *     @Override
 *     protected TaskKit kit() {
 *         return kit;
 *     }
 *     // create(...) as usual
 * }
 * }
 *
 * <p><b>Memory consistency effects:</b> as for {@link SharedLong} and {@link ProcessQueue}:
 * actions in a process prior to {@code open()} or {@code countDown()} happen-before actions
 * following a return from {@code pass()} or {@code await} that saw the change, in any process
 * on this machine; actions prior to {@code add(item)} happen-before actions following a
 * {@code snapshot()} that contains the item.
 */
public final class ProcessTaskKit implements TaskKit, AutoCloseable {

    /** The first park of a poll, in nanoseconds. */
    static final long MIN_PARK_NANOS = 50_000L;

    /** The longest park of a poll, in nanoseconds: how late a wait may notice a change. */
    static final long MAX_PARK_NANOS = 1_000_000L;

    /** How long {@link #awaitGone} waits by default. */
    static final Duration GONE_WITHIN = Duration.ofSeconds(30);

    /*
     * `made` holds what close() must end, in the order made; `closed` moves false -> true once.
     * Both are guarded by `this`. `patience` is copied into each gate and latch, so that it
     * travels with them.
     */
    private final Duration patience;
    private final Duration goneWithin;
    private final List<AutoCloseable> made = new ArrayList<>();
    private boolean closed;

    /** A kit whose gates and latches wait {@link TaskKit#PATIENCE}, and awaitGone 30 s. */
    public ProcessTaskKit() {
        this(PATIENCE, GONE_WITHIN);
    }

    /** For the kit's own tests: shorter waits, to see them fail. */
    ProcessTaskKit(Duration patience, Duration goneWithin) {
        this.patience = patience;
        this.goneWithin = goneWithin;
    }

    @Override
    public Gate gate() {
        return track(new SharedGate(patience));
    }

    /** @throws IllegalArgumentException if {@code count} is negative */
    @Override
    public Latch latch(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("'count' must be >= 0: " + count);
        }
        return track(new SharedLatch(count, patience));
    }

    /** A log of this (the test's) process; items must be serializable. */
    @Override
    public <T> Log<T> log() {
        return track(new QueueLog<T>());
    }

    @Override
    public Probe probe() {
        return track(new PidProbe());
    }

    /**
     * Waits until process {@code worker} (a pid, as {@link Probe#current()} returns it) has
     * ended; a pid no process has is gone. A child of this JVM is seen to end when the JDK reaps
     * it; any other process is polled by the JDK every few hundred milliseconds. A pid reused
     * by a new process is only recognised for children (the JDK compares start times there).
     *
     * @throws IllegalArgumentException if {@code worker} is not a {@code Long}, or is this process
     * @throws AssertionError if the process is still alive after 30 s
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void awaitGone(Object worker) throws InterruptedException {
        if (!(worker instanceof Long pid)) {
            throw new IllegalArgumentException("'worker' must be a process id (a Long from Probe.current()): " + worker);
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new IllegalArgumentException("'worker' is this process, which cannot end while it waits: " + pid);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return;
        }
        try {
            process.get().onExit().get(Timeouts.toNanos(goneWithin), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("process " + pid + " is still alive after " + goneWithin);
        } catch (ExecutionException e) {
            throw new AssertionError("waiting for process " + pid + " failed", e.getCause());
        }
    }

    /** False: tasks run in other JVMs, and what they return or throw arrives as a copy. */
    @Override
    public boolean sameJvm() {
        return false;
    }

    /**
     * Ends everything this kit made: opens the gates, counts the latches down to zero, closes
     * the test's handles of the logs (a later {@code snapshot()} returns what had arrived until
     * then) and forgets the probes' marks in this process. Idempotent.
     */
    @Override
    public void close() {
        List<AutoCloseable> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(made);
            made.clear();
        }
        RuntimeException failure = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the task kit failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** {@code ProcessTaskKit[3 objects, open]}. */
    @Override
    public synchronized String toString() {
        return "ProcessTaskKit[" + made.size() + " objects, " + (closed ? "closed" : "open") + "]";
    }

    private synchronized <T extends AutoCloseable> T track(T made) {
        if (closed) {
            throw new IllegalStateException("the task kit is closed");
        }
        this.made.add(made);
        return made;
    }

    /**
     * Waits until {@code done} holds, at most {@code nanos}, parking with backoff between
     * checks; true if it held. Throws InterruptedException if the thread is interrupted on entry
     * or while it waits, as {@link java.util.concurrent.CountDownLatch#await()} does.
     */
    static boolean poll(BooleanSupplier done, long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = Timeouts.deadline(nanos);
        long park = MIN_PARK_NANOS;
        while (!done.getAsBoolean()) {
            long left = Timeouts.remaining(deadline);
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(park, left));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            park = Math.min(2 * park, MAX_PARK_NANOS);
        }
        return true;
    }

    /** A gate as a shared flag: 0 closed, 1 open. */
    private static final class SharedGate implements Gate, AutoCloseable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final SharedLong open = new SharedLong(0);
        private final Duration patience;

        SharedGate(Duration patience) {
            this.patience = patience;
        }

        @Override
        public void pass() throws InterruptedException {
            if (!poll(() -> open.get() != 0, Timeouts.toNanos(patience))) {
                throw new AssertionError("the test never opened the gate (waited " + patience + ")");
            }
        }

        @Override
        public void open() {
            open.set(1);
        }

        @Override
        public void close() {
            open();
        }

        /** {@code Gate[closed]} or {@code Gate[open]}. */
        @Override
        public String toString() {
            return "Gate[" + (open.get() != 0 ? "open" : "closed") + "]";
        }
    }

    /** A latch as a shared count that never goes below zero. */
    private static final class SharedLatch implements Latch, AutoCloseable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final SharedLong count;
        private final Duration patience;

        SharedLatch(int count, Duration patience) {
            this.count = new SharedLong(count);
            this.patience = patience;
        }

        @Override
        public void countDown() {
            for (long c = count.get(); c > 0 && !count.compareAndSet(c, c - 1); c = count.get()) {
                // another process counted down at the same moment: read again
            }
        }

        /** A timeout {@code <= 0} only checks. */
        @Override
        public boolean await(Duration timeout) throws InterruptedException {
            return poll(() -> count.get() <= 0, Timeouts.pollTimeout(timeout));
        }

        @Override
        public void await() throws InterruptedException {
            if (!await(patience)) {
                throw new AssertionError("the latch never reached zero (count " + count.get() + " after " + patience + ")");
            }
        }

        @Override
        public void close() {
            count.set(0);
        }

        /** {@code Latch[count=2]}. */
        @Override
        public String toString() {
            return "Latch[count=" + count.get() + "]";
        }
    }

    /**
     * A log as a queue owned by the test's process. The original (the object the kit returned)
     * holds, in {@code items}, what it has drained so far; a copy (deserialized anywhere) has
     * none and may only add.
     */
    private static final class QueueLog<T> implements Log<T>, AutoCloseable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final ProcessQueue<T> queue = new ProcessQueue<>();
        private final long owner = ProcessHandle.current().pid();
        /** The items drained so far, in arrival order; null in a copy. Guarded by itself, so one thread drains at a time. */
        private final transient List<T> items = new ArrayList<>();

        /**
         * Appends {@code item}: one call to the test's process, which has it on return. Does not
         * wait (the queue is unbounded), so it needs no InterruptedException.
         *
         * @throws IllegalArgumentException if the item cannot be serialized
         * @throws java.io.UncheckedIOException if the test's process is gone
         */
        @Override
        public void add(T item) {
            try {
                queue.putNowait(item);
            } catch (QueueFullException e) {
                throw new AssertionError("an unbounded queue was full", e);
            }
        }

        /**
         * What has arrived so far, in order.
         *
         * @throws IllegalStateException in a copy of the log: only the test's original reads it
         */
        @Override
        public List<T> snapshot() {
            if (items == null) {
                throw new IllegalStateException("a Log is read only through the object the kit returned, in process "
                        + owner + "; this is a copy, in process " + ProcessHandle.current().pid());
            }
            synchronized (items) {
                if (!queue.isClosed()) {
                    drain();
                }
                return List.copyOf(items);
            }
        }

        /** Call only holding {@code items}. */
        private void drain() {
            // assert Thread.holdsLock(items);
            for (;;) {
                try {
                    items.add(queue.getNowait());
                } catch (QueueEmptyException e) {
                    return;
                }
            }
        }

        /** In the original: drains what arrived, then closes the test's handle. */
        @Override
        public void close() {
            if (items == null) {
                return;
            }
            synchronized (items) {
                if (!queue.isClosed()) {
                    drain();
                    queue.close();
                }
            }
        }

        /** {@code Log[owner=1234, 3 items drained]}, or {@code Log[owner=1234, copy]}. */
        @Override
        public String toString() {
            if (items == null) {
                return "Log[owner=" + owner + ", copy]";
            }
            synchronized (items) {
                return "Log[owner=" + owner + ", " + items.size() + " items drained" + (queue.isClosed() ? ", closed" : "") + "]";
            }
        }
    }

    /**
     * Workers are processes. A probe is named by the pid of the process that made it and a
     * number there, so that marks of different probes (of different tests) stay apart.
     */
    private static final class PidProbe implements Probe, AutoCloseable {
        @Serial
        private static final long serialVersionUID = 1L;
        private static final AtomicLong PROBES = new AtomicLong();
        /** The probes marked in this process. */
        private static final Set<String> MARKED = ConcurrentHashMap.newKeySet();

        private final String id = ProcessHandle.current().pid() + "/" + PROBES.incrementAndGet();

        /** The pid of this process, a {@code Long}. */
        @Override
        public Object current() {
            return ProcessHandle.current().pid();
        }

        @Override
        public void markInitialized() {
            MARKED.add(id);
        }

        @Override
        public boolean initialized() {
            return MARKED.contains(id);
        }

        /** Forgets the mark in this process (children forget when they end). */
        @Override
        public void close() {
            MARKED.remove(id);
        }

        /** {@code Probe[1234/7, initialized here]}. */
        @Override
        public String toString() {
            return "Probe[" + id + (initialized() ? ", initialized here" : ", not initialized here") + "]";
        }
    }
}
