package dev.spindle.multiprocessing;

import dev.spindle.futures.Future;
import dev.spindle.multiprocessing.internal.FrameChannel;
import dev.spindle.multiprocessing.internal.RuntimeDir;
import dev.spindle.multiprocessing.internal.Server;
import dev.spindle.multiprocessing.internal.Wire;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The part of {@link ProcessPoolExecutor} that does the work: the queue, the worker processes,
 * dispatch, results, crashes, timeouts and shutdown. The public executor holds a core and the
 * core never refers back to it, so an executor nobody references can be collected and shut down
 * (SHUT-06), as {@code ThreadPoolExecutor}'s core is.
 *
 * <p><b>Run states</b> (as the thread pool's; "terminated" and "broken" are derived):
 * <pre>
 *   RUNNING  --shutdown(), close(), collected-->  SHUTDOWN  --shutdownNow()-->  STOP
 *   RUNNING  --shutdownNow()-->  STOP
 *   RUNNING or SHUTDOWN  --a worker cannot start, an initializer fails-->  SHUTDOWN, with `broken` set
 *   SHUTDOWN or STOP, no worker process left, nothing queued  -->  terminated
 * </pre>
 * Only RUNNING accepts submits. SHUTDOWN still runs what is queued, starting workers for it if
 * some died; STOP has cancelled what was queued and interrupted what runs. The state only moves
 * right.
 *
 * <p><b>Worker states</b> (a {@link Worker}'s fields): starting (launched, not yet READY), then
 * idle or busy (exactly one task in flight: {@code current}), then exiting (EXIT sent; it has
 * nothing in flight), and gone once its process has ended and {@link #exited} has accounted for
 * it. {@code lost} marks a worker whose channel closed before its process ended; {@code killedFor}
 * says why the pool killed it, if it did.
 *
 * <p><b>Dispatch.</b> A worker gets a task only when it has none, so the task a worker is running
 * when it dies is known exactly, and the tasks behind it are still in the pool's queue, never
 * lost with it. A submit queues the task and hands it to an idle worker if there is one; below
 * {@code maxWorkers}, it starts one more worker for each queued task no starting worker will
 * take (CPython's rule, PPE-11). When a result arrives, the worker's reader thread gives the
 * worker its next task (or EXIT, or makes it idle) before it completes the future, so a caller
 * who submits again as soon as {@code result()} returns reuses the same worker.
 *
 * <p><b>Crashes.</b> When a worker's process ends, its watcher thread calls {@link #exited}: the
 * task it was running fails with a {@link WorkerCrashedException} of its own per future
 * (pid, exit code, stderr tail), unless the pool killed it for an overdue or interrupted task
 * (whose future has its outcome already, or gets an {@link InterruptedException}); then workers
 * are started for what is queued. No task is ever run again, so a task that kills its worker
 * kills only that one. A worker that dies before it is ready means workers cannot be started:
 * the pool breaks instead of starting them forever.
 *
 * <p><b>Locking.</b> {@code lock} guards the run state, the queue, the workers and every
 * field of Worker and WorkItem marked so. Frames are handed to a channel under the lock (which
 * never blocks: the channel's writer thread writes them). Nothing that runs user code (future
 * callbacks) or starts a JVM happens under the lock: methods collect what to do and do it after
 * unlocking. A WorkItem's outcome is claimed once ({@link WorkItem#claim()}), by its result, its
 * timeout or its worker's death, and only the claimer completes its futures.
 */
final class ProcessPoolCore implements Server.Acceptor {

    static final int RUNNING = 0;
    static final int SHUTDOWN = 1;
    static final int STOP = 2;

    static final String SHUTDOWN_MESSAGE = "cannot schedule new futures after shutdown";
    static final String INITIALIZER_FAILED = "A process initializer failed, the process pool is not usable anymore";
    static final String CANNOT_START = "A worker process could not be started, the process pool is not usable anymore";

    /** How much of a worker's stderr a {@link WorkerCrashedException} keeps. */
    static final int STDERR_TAIL_BYTES = 8192;

    /** How long a worker whose channel closed may take to end by itself before it is killed. */
    private static final long LOST_GRACE_MILLIS = 5_000;

    /** The most map functions a worker keeps; the least recently used one is dropped first. */
    private static final int FUNCTIONS_PER_WORKER = 32;

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final AtomicLong IDS = new AtomicLong(1);

    /** Task timeouts and kill graces, for every pool: one daemon thread that never runs user code. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                    r -> Thread.ofPlatform().name("ProcessPoolExecutor-timer").daemon(true).unstarted(r));
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    final int maxWorkers;
    final String name;
    private final byte[] initializer;
    private final int maxTasksPerChild;
    private final List<String> jvmOptions;
    private final long taskTimeoutNanos;
    private final long graceNanos;

    /*
     * Guarded by lock: runState, broken, queue, workers, idle, starting, acceptor, workerIndex,
     * and the fields of Worker and WorkItem marked "(lock)". `runState` and `broken` are also
     * volatile so that submit can reject without the lock. `terminated` opens once.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile int runState = RUNNING;
    private volatile Throwable broken;
    private final ArrayDeque<WorkItem> queue = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private final ArrayDeque<Worker> idle = new ArrayDeque<>();
    private int starting;
    private long acceptor;
    private int workerIndex;
    private final CountDownLatch terminated = new CountDownLatch(1);

    ProcessPoolCore(int maxWorkers, byte[] initializer, int maxTasksPerChild, List<String> jvmOptions,
            Duration taskTimeout, Duration grace) {
        this.maxWorkers = maxWorkers;
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.taskTimeoutNanos = taskTimeout == null ? 0L : taskTimeout.toNanos();
        this.graceNanos = grace.toNanos();
        this.name = "ProcessPoolExecutor-" + POOLS.getAndIncrement();
    }

    // ---------------------------------------------------------------- what the pool keeps

    /** One worker process, as the pool sees it. */
    final class Worker {
        final PoolWorker process;
        final long token;
        /** (lock) */ FrameChannel channel;
        /** (lock) */ boolean ready;
        /** (lock) */ boolean exiting;
        /** (lock) */ boolean lost;
        /** (lock) why the pool killed it: "timeout" or "interrupt"; null if it did not */
        String killedFor;
        /** (lock) the task in flight, or null */ WorkItem current;
        /** (lock) */ int tasksRun;
        /** (lock) the map functions sent to it, least recently used first */
        final LinkedHashMap<Long, Boolean> functions = new LinkedHashMap<>(16, 0.75f, true);

        Worker(PoolWorker process, long token) {
            this.process = process;
            this.token = token;
        }

        /** Sends {@code frame}; false if the channel is closed (the worker is then lost). Call holding lock. */
        boolean send(byte[] frame) {
            try {
                channel.send(frame);
                return true;
            } catch (IOException e) {
                lost = true;
                return false;
            }
        }
    }

    /** A map function, serialized once and sent to each worker once. */
    static final class FunctionRef {
        final long id = IDS.getAndIncrement();
        final byte[] bytes;
        final IOException failure;

        FunctionRef(Object fn) {
            byte[] b = null;
            IOException f = null;
            try {
                b = ProcessPoolCore.serialize(fn, "fn");
            } catch (IOException e) {
                f = e;
            }
            this.bytes = b;
            this.failure = f;
        }
    }

    /**
     * A task waiting or in flight: a call (one future) or a chunk of a map (one future per
     * item). Its frame is built by the submitting thread. It is what {@code shutdownNow()}
     * returns, and its {@code run()} does nothing, since {@code shutdownNow()} cancelled it.
     */
    final class WorkItem implements Runnable {
        final long id;
        final FunctionRef function;
        /** (lock) the CALL or APPLY frame; null once sent */ byte[] frame;
        /** the futures, in item order; null once completed */ volatile PoolFuture<?>[] futures;
        /** (lock) items left out: cancelled, or not serializable; null for none */ int[] skip;
        /** (lock) the worker running it */ Worker worker;
        /** (lock) */ ScheduledFuture<?> timer;
        /** (lock) */ boolean interrupted;
        private volatile int claimed;

        WorkItem(long id, FunctionRef function, byte[] frame, PoolFuture<?>[] futures, int[] skip) {
            this.id = id;
            this.function = function;
            this.frame = frame;
            this.futures = futures;
            this.skip = skip;
            for (PoolFuture<?> f : futures) {
                f.attach(this);
            }
        }

        /** True for the one caller that gets to complete the futures. */
        boolean claim() {
            return CLAIMED.compareAndSet(this, 0, 1);
        }

        /** How many of its futures run (those not skipped). */
        int live() {
            return futures.length - (skip == null ? 0 : skip.length);
        }

        /** True if future {@code i} is left out. */
        boolean skips(int i) {
            if (skip != null) {
                for (int s : skip) {
                    if (s == i) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Does nothing: {@code shutdownNow()} cancelled this task, which never runs. */
        @Override
        public void run() {}

        @Override
        public String toString() {
            return function == null ? "task " + id : "map chunk " + id + " of " + futures.length + " items";
        }
    }

    // ---------------------------------------------------------------- submitting

    /** Serializes a task or function in the caller's thread; a clear error for a non-serializable type. */
    static byte[] serialize(Object task, String what) throws IOException {
        if (!(task instanceof Serializable)) {
            throw new NotSerializableException(what + " " + task.getClass().getName() + " is not Serializable: a process "
                    + "pool sends it to another JVM (a lambda is serializable when its target type is, such as "
                    + "SerializableCallable or SerializableFunction)");
        }
        return dev.spindle.multiprocessing.internal.Codec.serialize(task);
    }

    /** submit(): the task serialized now, in this thread; a task that cannot be serialized fails its future (PPE-14). */
    <T> PoolFuture<T> submit(Callable<T> task) {
        rejectIfNotRunning();
        PoolFuture<T> future = new PoolFuture<>(this);
        WorkItem item;
        try {
            if (!(task instanceof Serializable)) {
                serialize(task, "task");
            }
            long id = IDS.getAndIncrement();
            item = new WorkItem(null, PoolProtocol.frame(PoolProtocol.CALL, id, task), new PoolFuture<?>[] {future}, null);
        } catch (IOException | RuntimeException e) {
            future.setException(e);
            return future;
        }
        enqueue(item);
        return future;
    }

    /** map(): one chunk, one future per item; items that cannot be serialized fail their own futures. */
    <R> List<PoolFuture<R>> submitChunk(FunctionRef fn, List<?> batch) {
        rejectIfNotRunning();
        int n = batch.size();
        List<PoolFuture<R>> futures = new ArrayList<>(n);
        PoolFuture<?>[] array = new PoolFuture<?>[n];
        for (int i = 0; i < n; i++) {
            PoolFuture<R> f = new PoolFuture<>(this);
            futures.add(f);
            array[i] = f;
        }
        if (fn.failure != null) {
            futures.forEach(f -> f.setException(fn.failure));
            return futures;
        }
        Object[] items = batch.toArray();
        long id = IDS.getAndIncrement();
        byte[] frame;
        int[] skip = null;
        try {
            frame = PoolProtocol.apply(id, fn.id, items);
        } catch (IOException | RuntimeException whole) {
            // Find the items that cannot be serialized: they fail, the others go.
            List<Integer> bad = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                try {
                    dev.spindle.multiprocessing.internal.Codec.serialize(items[i]);
                } catch (IOException | RuntimeException e) {
                    bad.add(i);
                    items[i] = null;
                    array[i].setException(e);
                }
            }
            if (bad.size() == n) {
                return futures;
            }
            try {
                frame = PoolProtocol.apply(id, fn.id, items);
            } catch (IOException | RuntimeException e) {
                futures.forEach(f -> f.setException(e));
                return futures;
            }
            skip = bad.stream().mapToInt(Integer::intValue).toArray();
        }
        WorkItem item = new WorkItem(fn, frame, array, skip);
        // WorkItem's id must be the frame's: rebuild the item's frame id by using the same counter value
        enqueue(item);
        return futures;
    }

    private void rejectIfNotRunning() {
        if (runState != RUNNING) {
            throw rejection();
        }
    }

    private RejectedExecutionException rejection() {
        Throwable cause = broken;
        return cause != null ? new BrokenProcessPoolException(brokenMessage(cause), cause)
                : new RejectedExecutionException(SHUTDOWN_MESSAGE);
    }

    private void enqueue(WorkItem item) {
        List<Worker> toStart;
        lock.lock();
        try {
            if (runState != RUNNING) {
                throw rejection();
            }
            queue.add(item);
            while (!idle.isEmpty() && !queue.isEmpty()) {
                assign(idle.pop());
            }
            toStart = reserveWorkers();
        } finally {
            lock.unlock();
        }
        start(toStart);
    }
}
