package dev.spindle.multiprocessing;

import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.multiprocessing.internal.FrameChannel;
import dev.spindle.multiprocessing.internal.Server;
import dev.spindle.multiprocessing.internal.Wire;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
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
 * field of Worker and WorkItem marked so. Frames are handed to a channel under the lock: a
 * caller's thread queues them for the channel's writer thread; a reader thread writes a frame of
 * at most 64 KiB itself when nothing is queued ({@code FrameChannel.sendDirect}), which does not
 * block, since the pool writes a worker's task channel only while that worker has nothing in
 * flight and so is reading it. Nothing that runs user code (future
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

    /**
     * A worker's JVM options before the user's (which win): a worker lives long and runs the
     * pool's work, so it gets the full JIT and reflection's fast accessors back (a child's
     * start-up defaults drop both, see Launcher), and it exits when out of memory, so that the
     * pool sees a crash instead of a worker that limps on.
     */
    static final List<String> WORKER_OPTIONS = List.of("-XX:TieredStopAtLevel=4",
            "-Djdk.reflect.useNativeAccessorOnly=false", "-XX:+ExitOnOutOfMemoryError");

    /** How much of a worker's stderr a {@link WorkerCrashedException} keeps. */
    static final int STDERR_TAIL_BYTES = 8192;

    /** How long the exit of a worker waits for its channel's last frames to be read. */
    private static final long DRAIN_MILLIS = 2_000;

    /** How long a worker whose channel closed may take to end by itself before it is killed. */
    private static final long LOST_GRACE_MILLIS = 5_000;

    /** The most map functions a worker keeps; the least recently used one is dropped first. */
    private static final int FUNCTIONS_PER_WORKER = 32;

    private static final AtomicInteger POOLS = new AtomicInteger();

    /** Task, function and worker-token numbers: unique in this JVM, never 0. */
    private static final AtomicLong IDS = new AtomicLong(1);

    /** Python's {@code concurrent.futures} logger, as the thread pool's. */
    private static final System.Logger LOGGER = System.getLogger("dev.spindle.futures");

    private static final VarHandle CLAIMED;

    static {
        try {
            CLAIMED = MethodHandles.lookup().findVarHandle(WorkItem.class, "claimed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
    private volatile String brokenMessage;
    private boolean terminating;
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
        /** (lock) the task channel */ FrameChannel channel;
        /** (lock) the control channel, for INTERRUPT; null until the worker has connected it */ FrameChannel control;
        /** (lock) an INTERRUPT to send once the control channel is there */ byte[] pendingControl;
        /** (lock) */ boolean ready;
        /** (lock) */ boolean exiting;
        /** (lock) */ boolean lost;
        /** (lock) its initializer threw */ boolean initFailed;
        /** (lock) why the pool killed it: "timeout", "interrupt", "killWorkers()" or "terminateWorkers()"; null if it did not */
        String killedFor;
        /** (lock) the task in flight, or null */ WorkItem current;
        /** (lock) */ int tasksRun;
        /** (lock) the map functions sent to it, least recently used first */
        final LinkedHashMap<Long, Boolean> functions = new LinkedHashMap<>(16, 0.75f, true);
        /** Opens once the task channel's reader has read all it will: every frame, then end-of-file. */
        final CountDownLatch drained = new CountDownLatch(1);

        Worker(PoolWorker process, long token) {
            this.process = process;
            this.token = token;
        }

        /** Sends {@code frame} on the control channel, or once it is connected. Call holding lock. */
        void sendControl(byte[] frame) {
            if (control == null) {
                pendingControl = frame;
                return;
            }
            try {
                control.send(frame);
            } catch (IOException e) {
                lost(this);     // the worker is ending; its exit is accounted for when it comes
            }
        }

        /** Sends {@code frame}; false if the channel is closed, and the worker is then {@link #lost}. Call holding lock. */
        boolean send(byte[] frame) {
            try {
                if (FrameChannel.onReaderThread()) {
                    channel.sendDirect(frame);  // a result's reader thread hands out the next task itself
                } else {
                    channel.send(frame);        // a caller's thread may be interrupted: the writer thread writes
                }
                return true;
            } catch (IOException e) {
                lost(this);
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
                b = serialize(fn, "fn");
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
        /** the CALL or APPLY frame; null once claimed */ volatile byte[] frame;
        /** the futures, in item order; null once completed */ volatile PoolFuture<?>[] futures;
        /** (lock) the items left out: not serializable, or cancelled before the task started */ final BitSet skip;
        /** (lock) the worker running it */ Worker worker;
        /** (lock) */ ScheduledFuture<?> timer;
        /** (lock) */ boolean interrupted;
        /** (lock) its futures are running (see {@link #start()}) */ boolean started;
        private volatile int claimed;
        private final int size;

        WorkItem(long id, FunctionRef function, byte[] frame, PoolFuture<?>[] futures, BitSet skip) {
            this.id = id;
            this.function = function;
            this.frame = frame;
            this.size = futures.length;
            this.futures = futures;
            this.skip = skip;
            for (PoolFuture<?> f : futures) {
                f.attach(this);
            }
        }

        /**
         * Marks the futures running as the task leaves the queue (FUT-17); those cancelled
         * meanwhile join {@code skip}. False if none is left to run: the task is dropped.
         * Holding lock.
         */
        boolean start() {
            for (int i = 0; i < size; i++) {
                if (!skip.get(i) && !futures[i].setRunningOrNotifyCancel()) {
                    skip.set(i);
                }
            }
            started = true;
            return live() > 0;
        }

        /**
         * The futures, for the one caller that gets to complete them (null for any other). The
         * item then lets go of them and of its frame: a future of a chunk refers to its item, and
         * must not keep the other items' results or the items' bytes reachable (MAP-10).
         */
        PoolFuture<?>[] claim() {
            if (!CLAIMED.compareAndSet(this, 0, 1)) {
                return null;
            }
            PoolFuture<?>[] fs = futures;
            futures = null;
            frame = null;
            return fs;
        }

        /** How many of its futures run (those not skipped). */
        int live() {
            return size - skip.cardinality();
        }

        /** Does nothing: {@code shutdownNow()} cancelled this task, which never runs. */
        @Override
        public void run() {}

        @Override
        public String toString() {
            return function == null ? "task " + id : "map chunk " + id + " of " + size + " items";
        }
    }

    // ---------------------------------------------------------------- submitting

    /**
     * Serializes a task or function in the caller's thread, with a clear error for an object
     * whose type is not serializable.
     */
    static byte[] serialize(Object task, String what) throws IOException {
        return Codec.serialize(requireSerializable(task, what));
    }

    private static Object requireSerializable(Object task, String what) throws NotSerializableException {
        if (!(task instanceof Serializable)) {
            throw new NotSerializableException(what + " " + task.getClass().getName() + " is not Serializable: a process "
                    + "pool sends it to another JVM (a lambda is serializable when its target type is, such as "
                    + "SerializableCallable or SerializableFunction)");
        }
        return task;
    }

    /**
     * submit(): the task serialized now, in this thread; a task that cannot be serialized fails
     * its future and leaves the pool as it was (PPE-14).
     *
     * @param checked the object whose type must be serializable: the task, or the Runnable it wraps
     */
    <T> PoolFuture<T> submit(Callable<T> task, Object checked) {
        rejectIfNotRunning();
        PoolFuture<T> future = new PoolFuture<>(this);
        long id = IDS.getAndIncrement();
        byte[] frame;
        try {
            requireSerializable(checked, "task");
            frame = PoolProtocol.frame(PoolProtocol.CALL, id, task);
        } catch (IOException | RuntimeException e) {
            future.setException(e);
            return future;
        }
        enqueue(new WorkItem(id, null, frame, new PoolFuture<?>[] {future}, new BitSet(1)));
        return future;
    }

    /**
     * map(): one chunk, one future per item, in order; an item that cannot be serialized fails
     * its own future and the others go.
     */
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
        BitSet skip = new BitSet();
        try {
            frame = PoolProtocol.apply(id, fn.id, items);
        } catch (IOException | RuntimeException whole) {
            // Find the items that cannot be serialized: they fail, the others go.
            for (int i = 0; i < n; i++) {
                try {
                    Codec.serialize(items[i]);
                } catch (IOException | RuntimeException e) {
                    skip.set(i);
                    items[i] = null;
                    array[i].setException(e);
                }
            }
            if (skip.cardinality() == n) {
                return futures;
            }
            try {
                frame = PoolProtocol.apply(id, fn.id, items);
            } catch (IOException | RuntimeException e) {
                for (PoolFuture<?> f : array) {
                    if (!f.done()) {
                        f.setException(e);
                    }
                }
                return futures;
            }
        }
        enqueue(new WorkItem(id, fn, frame, array, skip));
        return futures;
    }

    private void rejectIfNotRunning() {
        if (runState != RUNNING) {
            throw rejection();
        }
    }

    private RejectedExecutionException rejection() {
        Throwable cause = broken;
        return cause != null ? new BrokenProcessPoolException(brokenMessage, cause)
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
            dispatch();
            toStart = reserveWorkers();
        } finally {
            lock.unlock();
        }
        start(toStart);
    }

    // ---------------------------------------------------------------- dispatch (all holding lock)

    /** Hands queued tasks to idle workers. */
    private void dispatch() {
        while (!queue.isEmpty() && !idle.isEmpty()) {
            WorkItem item = nextLive();
            if (item == null) {
                return;
            }
            give(idle.pop(), item);
        }
    }

    /**
     * The next queued task that still has a future to run, its futures now running (FUT-17);
     * tasks whose futures were all cancelled are dropped. Null if there is none.
     */
    private WorkItem nextLive() {
        WorkItem item;
        while ((item = queue.poll()) != null) {
            if (item.started || item.start()) {
                return item;
            }
        }
        return null;
    }

    /**
     * Sends {@code item} to {@code w}, which has nothing in flight: its function first if this
     * worker does not have it yet, the items to skip, then the task. If the channel turns out to
     * be closed, the task goes back to the head of the queue for another worker.
     */
    private void give(Worker w, WorkItem item) {
        boolean sent = true;
        if (item.function != null) {
            Long fn = item.function.id;
            if (w.functions.get(fn) == null) {
                if (w.functions.size() >= FUNCTIONS_PER_WORKER) {
                    Long eldest = w.functions.keySet().iterator().next();
                    w.functions.remove(eldest);
                    sent = w.send(PoolProtocol.frame(PoolProtocol.FORGET, eldest));
                }
                sent = sent && w.send(PoolProtocol.function(fn, item.function.bytes));
                w.functions.put(fn, Boolean.TRUE);
            }
            if (sent && !item.skip.isEmpty()) {
                sent = w.send(PoolProtocol.skip(item.id, item.skip.stream().toArray()));
            }
        }
        if (!sent || !w.send(item.frame)) {
            queue.addFirst(item);       // w is lost; another worker takes the task
            return;
        }
        w.current = item;
        item.worker = w;
        if (taskTimeoutNanos > 0) {
            long timeout = taskTimeoutNanos * item.live();   // a chunk runs its calls one after another
            item.timer = Timer.TIMER.schedule(() -> overdue(w, item), timeout, TimeUnit.NANOSECONDS);
        }
    }

    /** {@code w} has nothing in flight: gives it the next task, retires it, or makes it idle. */
    private void serve(Worker w) {
        if (runState == STOP || (maxTasksPerChild > 0 && w.tasksRun >= maxTasksPerChild)) {
            retire(w);
            return;
        }
        WorkItem next = nextLive();
        if (next != null) {
            give(w, next);
        } else if (runState != RUNNING) {
            retire(w);
        } else {
            idle.push(w);
        }
    }

    /** Tells {@code w}, which has nothing in flight, to end. */
    private void retire(Worker w) {
        w.exiting = true;
        w.send(new byte[] {PoolProtocol.EXIT});     // if the channel is closed, w is lost and ends anyway
    }

    /**
     * {@code w}'s channel is closed: it will not hear from the pool again. It should be ending;
     * if it is still alive after a grace it is killed. {@link #exited} accounts for it.
     */
    private void lost(Worker w) {
        if (w.lost) {
            return;
        }
        w.lost = true;
        idle.remove(w);
        Timer.TIMER.schedule(() -> {
            if (w.process.isAlive()) {
                w.process.kill();
            }
        }, LOST_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The workers to start now: one per queued task that no starting worker will take, up to
     * {@code maxWorkers} live ones (CPython's rule, PPE-11). They are counted as workers at once;
     * the caller starts them after unlocking.
     */
    private List<Worker> reserveWorkers() {
        if (broken != null || runState == STOP || queue.isEmpty()) {
            return List.of();
        }
        int live = 0;
        for (Worker w : workers) {
            if (!w.exiting && !w.lost) {
                live++;
            }
        }
        List<Worker> out = new ArrayList<>(1);
        for (int wanted = queue.size() - starting; wanted > 0 && live < maxWorkers; wanted--, live++) {
            if (acceptor == 0) {
                acceptor = Server.local().register(this);
            }
            long token = IDS.getAndIncrement();
            PoolWorker process = new PoolWorker(name + "_" + workerIndex++, Server.local().address(), acceptor, token,
                    initializer);
            process.setDaemon(true);
            List<String> options = new ArrayList<>(WORKER_OPTIONS.size() + jvmOptions.size());
            options.addAll(WORKER_OPTIONS);
            options.addAll(jvmOptions);
            process.setJvmOptions(options);
            process.captureStderrTail(STDERR_TAIL_BYTES);
            Worker w = new Worker(process, token);
            workers.add(w);
            starting++;
            out.add(w);
        }
        return out;
    }

    /** True, once, when the pool has nothing left: shut down, no task queued, no worker process. */
    private boolean reachedTermination() {
        if (runState == RUNNING || !workers.isEmpty() || !queue.isEmpty() || terminating) {
            return false;
        }
        terminating = true;
        return true;
    }

    // ---------------------------------------------------------------- outside the lock

    /** Starts the JVMs of {@code toStart}; a JVM that cannot start breaks the pool. */
    private void start(List<Worker> toStart) {
        for (Worker w : toStart) {
            try {
                w.process.start();
            } catch (RuntimeException e) {
                lock.lock();
                try {
                    workers.remove(w);
                    starting--;
                } finally {
                    lock.unlock();
                }
                breakPool(CANNOT_START, e);
                continue;
            }
            // On a thread of its own: exited() may wait for the channel's last frames, and must
            // not hold up the process's watcher thread, which completes onExit().
            w.process.onExit().whenComplete((p, x) -> Thread.ofVirtual().name(name + "-exited").start(() -> exited(w)));
        }
    }

    private void terminate() {
        long id;
        lock.lock();
        try {
            id = acceptor;
        } finally {
            lock.unlock();
        }
        if (id != 0) {
            Server.local().unregister(id);
        }
        terminated.countDown();
    }

    /**
     * Server.Acceptor: a worker has connected a channel; its token says which worker, its sign
     * which channel (negative: control).
     */
    @Override
    public void accept(FrameChannel channel, long token) {
        boolean control = token < 0;
        Worker worker = null;
        byte[] pending = null;
        lock.lock();
        try {
            for (Worker w : workers) {
                if (w.token == Math.abs(token) && (control ? w.control : w.channel) == null) {
                    worker = w;
                    if (control) {
                        w.control = channel;
                        pending = w.pendingControl;
                        w.pendingControl = null;
                    } else {
                        w.channel = channel;
                    }
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        if (worker == null) {
            channel.close();
            return;
        }
        Worker w = worker;
        channel.start(new FrameChannel.Handler() {
            @Override
            public void frame(byte[] frame) {
                if (control) {
                    channel.close();    // a worker sends nothing on its control channel
                } else {
                    received(w, frame);
                }
            }

            @Override
            public void closed(IOException cause) {
                lock.lock();
                try {
                    lost(w);
                } finally {
                    lock.unlock();
                }
                if (!control) {
                    w.drained.countDown();
                }
            }
        });
        if (pending != null) {
            try {
                channel.send(pending);
            } catch (IOException e) {
                // closed already: the worker is ending
            }
        }
    }

    /** A frame from worker {@code w}, on its channel's reader thread. */
    private void received(Worker w, byte[] frame) {
        switch (frame.length == 0 ? -1 : frame[0]) {
            case PoolProtocol.READY -> ready(w);
            case PoolProtocol.RESULT -> result(w, frame);
            case PoolProtocol.INIT_FAILED -> initFailed(w, frame);
            default -> w.channel.close();   // not the pool's protocol: the worker is lost
        }
    }

    private void ready(Worker w) {
        List<Worker> toStart;
        lock.lock();
        try {
            w.ready = true;
            starting--;
            serve(w);
            dispatch();     // what serve() put back if w's channel failed goes to another idle worker
            toStart = reserveWorkers();
        } finally {
            lock.unlock();
        }
        start(toStart);
    }

    private void initFailed(Worker w, byte[] frame) {
        Throwable cause;
        try {
            cause = ((PoolProtocol.Thrown) Codec.deserialize(frame, 9, frame.length - 9)).restore();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            cause = e;
        }
        lock.lock();
        try {
            w.initFailed = true;
        } finally {
            lock.unlock();
        }
        // Where Python's worker logs it (on the concurrent.futures logger), with the worker's trace.
        LOGGER.log(System.Logger.Level.ERROR, "Exception in initializer", cause);
        breakPool(INITIALIZER_FAILED, cause);
    }

    /** A RESULT: the worker gets its next task, then the task's futures complete. */
    private void result(Worker w, byte[] frame) {
        long task = Wire.getLong(frame, 1);
        WorkItem item;
        List<Worker> toStart;
        lock.lock();
        try {
            item = w.current;
            if (item == null || item.id != task) {
                w.channel.close();          // a result for no task: not the pool's protocol
                return;
            }
            w.current = null;
            w.tasksRun++;
            if (item.timer != null) {
                item.timer.cancel(false);
            }
            serve(w);
            dispatch();
            toStart = reserveWorkers();
        } finally {
            lock.unlock();
        }
        start(toStart);
        PoolFuture<?>[] futures = item.claim();
        if (futures != null) {
            complete(futures, frame);
        }
    }

    /** Completes the futures of {@code item} with the outcomes in a RESULT frame. */
    private static void complete(PoolFuture<?>[] futures, byte[] frame) {
        try {
            Object payload = Codec.deserialize(frame, PoolProtocol.RESULT_HEADER, frame.length - PoolProtocol.RESULT_HEADER);
            switch (frame[9]) {
                case PoolProtocol.VALUE -> succeed(futures[0], payload);
                case PoolProtocol.THROWN -> {
                    Throwable e = ((PoolProtocol.Thrown) payload).restore();
                    for (PoolFuture<?> f : futures) {
                        fail(f, e);
                    }
                }
                default -> {
                    Object[] outcomes = (Object[]) payload;
                    for (int i = 0; i < futures.length; i++) {
                        if (outcomes[i] instanceof PoolProtocol.Thrown t) {
                            fail(futures[i], t.restore());
                        } else {
                            succeed(futures[i], outcomes[i]);
                        }
                    }
                }
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // The worker sent an outcome this JVM cannot read (a class it lacks): the task's failure, not the pool's.
            for (PoolFuture<?> f : futures) {
                fail(f, e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void succeed(PoolFuture<?> f, Object value) {
        if (!f.done()) {
            ((PoolFuture<Object>) f).setResult(value);
        }
    }

    /** Fails {@code f} unless it is done already (an item left out of its chunk). */
    private static void fail(PoolFuture<?> f, Throwable e) {
        if (!f.done()) {
            f.setException(e);
        }
    }

    /** The timer: {@code item} has run past its timeout on {@code w}. */
    private void overdue(Worker w, WorkItem item) {
        lock.lock();
        try {
            if (w.current != item) {
                return;             // it finished meanwhile
            }
            stop(w, item, "timeout");
        } finally {
            lock.unlock();
        }
        PoolFuture<?>[] futures = item.claim();
        if (futures != null) {
            Duration limit = Duration.ofNanos(taskTimeoutNanos);
            for (PoolFuture<?> f : futures) {
                fail(f, new TimeoutException("the task ran longer than its timeout of " + limit + " in worker pid "
                        + w.process.pid() + ", which was interrupted"
                        + (graceNanos > 0 ? " and is killed if it does not stop within " + Duration.ofNanos(graceNanos) : "")));
            }
        }
    }

    /** {@code cancel(true)} of a running future: interrupts its task and, after a grace, kills the worker. */
    void interrupt(WorkItem item) {
        lock.lock();
        try {
            Worker w = item.worker;
            if (w != null && w.current == item && !item.interrupted) {
                stop(w, item, "interrupt");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Interrupts {@code item} in {@code w} and kills {@code w} if it is still running it after the grace. Holding lock. */
    private void stop(Worker w, WorkItem item, String why) {
        item.interrupted = true;
        w.sendControl(PoolProtocol.frame(PoolProtocol.INTERRUPT, item.id));
        Timer.TIMER.schedule(() -> {
            lock.lock();
            try {
                if (w.current != item) {
                    return;
                }
                w.killedFor = why;
            } finally {
                lock.unlock();
            }
            w.process.kill();
        }, graceNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A worker process has ended (its watcher thread): the task it was running fails, workers
     * are started for what is queued, and the pool may have terminated. A worker that died
     * before it was ready breaks the pool.
     */
    private void exited(Worker w) {
        PoolWorker p = w.process;
        boolean connected;
        lock.lock();
        try {
            connected = w.channel != null;
        } finally {
            lock.unlock();
        }
        if (connected) {
            // A result the worker sent just before it died is still in the socket: let its reader
            // deliver it first, so that a task that finished is not reported as crashed.
            try {
                w.drained.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();     // the watcher is never interrupted; account for the exit anyway
            }
        }
        WorkItem item;
        String killedFor;
        boolean diedStarting;
        boolean terminatedNow;
        List<Worker> toStart;
        lock.lock();
        try {
            workers.remove(w);
            idle.remove(w);
            diedStarting = !w.ready && !w.initFailed && runState != STOP;
            if (!w.ready) {
                starting--;
            }
            item = w.current;
            w.current = null;
            killedFor = w.killedFor;
            if (item != null && item.timer != null) {
                item.timer.cancel(false);
            }
            toStart = diedStarting ? List.of() : reserveWorkers();
            terminatedNow = !diedStarting && reachedTermination();
        } finally {
            lock.unlock();
        }
        Integer code = p.exitCode();
        int exitCode = code == null ? Integer.MIN_VALUE : code;
        String tail = p.stderrTail();
        PoolFuture<?>[] futures = item == null ? null : item.claim();
        if (futures != null) {
            for (PoolFuture<?> f : futures) {
                fail(f, killedFor == null || killedFor.equals("timeout") ? crash(p, exitCode, tail, "while running this task")
                        : killedFor.equals("interrupt") ? new InterruptedException("the task was cancelled while running; "
                                + "its worker (pid " + p.pid() + ") was interrupted and then killed")
                        : new BrokenProcessPoolException("the pool was forcefully shut down by " + killedFor
                                + " while this task ran in worker pid " + p.pid(), crash(p, exitCode, tail, "")));
            }
        }
        if (diedStarting) {
            breakPool(CANNOT_START, crash(p, exitCode, tail, "before it was ready"));
        }
        start(toStart);
        if (terminatedNow) {
            terminate();
        }
    }

    private static WorkerCrashedException crash(PoolWorker p, int exitCode, String tail, String when) {
        StringBuilder m = new StringBuilder("A worker process (").append(p.name()).append(", pid ").append(p.pid())
                .append(") terminated abruptly with exit code ").append(exitCode);
        if (exitCode < 0) {
            m.append(" (killed by signal ").append(-exitCode).append(')');
        } else if (exitCode == 3) {
            m.append(" (the status of a JVM out of memory: workers run with -XX:+ExitOnOutOfMemoryError)");
        }
        if (!when.isEmpty()) {
            m.append(' ').append(when);
        }
        String trimmed = tail.strip();
        if (!trimmed.isEmpty()) {
            m.append("; its stderr ended with:\n").append(trimmed);
        }
        return new WorkerCrashedException(m.toString(), p.pid(), exitCode, tail);
    }

    /**
     * The pool cannot go on (a worker cannot start, an initializer failed): submits are refused
     * with {@link BrokenProcessPoolException}, every queued future fails with one of its own,
     * and idle workers are told to end. Tasks already running finish.
     */
    private void breakPool(String message, Throwable cause) {
        List<WorkItem> dropped;
        boolean terminatedNow;
        lock.lock();
        try {
            if (broken != null) {
                return;
            }
            brokenMessage = message;
            broken = cause;
            if (runState == RUNNING) {
                runState = SHUTDOWN;
            }
            dropped = drain();
            while (!idle.isEmpty()) {
                retire(idle.pop());
            }
            terminatedNow = reachedTermination();
        } finally {
            lock.unlock();
        }
        for (WorkItem item : dropped) {
            PoolFuture<?>[] futures = item.claim();
            if (futures != null) {
                for (PoolFuture<?> f : futures) {
                    if (!f.done() && (f.running() || f.setRunningOrNotifyCancel())) {
                        f.setException(new BrokenProcessPoolException(message, cause));
                    }
                }
            }
        }
        if (terminatedNow) {
            terminate();
        }
    }

    /** Empties the queue. Holding lock. */
    private List<WorkItem> drain() {
        List<WorkItem> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    /** Cancels the futures of tasks taken off the queue; a future already running gets a CancellationException. */
    private static void cancel(List<WorkItem> items) {
        for (WorkItem item : items) {
            PoolFuture<?>[] futures = item.claim();
            if (futures != null) {
                for (PoolFuture<?> f : futures) {
                    if (f.cancel()) {
                        if (!item.started) {    // a started item notified its cancelled futures then
                            f.setRunningOrNotifyCancel();      // Futures.wait and asCompleted see it done (SHUT-03)
                        }
                    } else if (!f.done()) {
                        f.setException(new CancellationException("the pool was shut down before this task ran"));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- shutting down

    /** shutdown(): refuses submits; cancels what is queued if asked; workers end once the queue is empty. */
    void shutdown(boolean cancelFutures) {
        List<WorkItem> cancelled = List.of();
        boolean terminatedNow;
        lock.lock();
        try {
            if (runState == RUNNING) {
                runState = SHUTDOWN;
            }
            if (cancelFutures) {
                cancelled = drain();
            }
            if (queue.isEmpty()) {
                while (!idle.isEmpty()) {
                    retire(idle.pop());
                }
            }
            terminatedNow = reachedTermination();
        } finally {
            lock.unlock();
        }
        cancel(cancelled);
        if (terminatedNow) {
            terminate();
        }
    }

    /** shutdownNow(): refuses submits, cancels what is queued and returns it, stops what runs. */
    List<Runnable> shutdownNow() {
        List<WorkItem> drained;
        boolean terminatedNow;
        lock.lock();
        try {
            runState = STOP;
            drained = drain();
            while (!idle.isEmpty()) {
                retire(idle.pop());
            }
            for (Worker w : workers) {
                if (w.current != null && !w.current.interrupted) {
                    stop(w, w.current, "interrupt");
                }
            }
            terminatedNow = reachedTermination();
        } finally {
            lock.unlock();
        }
        cancel(drained);
        if (terminatedNow) {
            terminate();
        }
        return new ArrayList<>(drained);
    }

    /**
     * terminateWorkers() and killWorkers() (Python 3.14's, PPE-12): refuses submits, cancels what
     * is queued, and ends every worker at once with SIGTERM or SIGKILL; the futures of the tasks
     * they were running fail with {@link BrokenProcessPoolException}.
     */
    void forceShutdown(boolean kill) {
        String why = kill ? "killWorkers()" : "terminateWorkers()";
        List<WorkItem> drained;
        List<Worker> victims;
        boolean terminatedNow;
        lock.lock();
        try {
            runState = STOP;
            drained = drain();
            victims = new ArrayList<>(workers);
            for (Worker w : victims) {
                w.killedFor = why;
            }
            terminatedNow = reachedTermination();
        } finally {
            lock.unlock();
        }
        cancel(drained);
        for (Worker w : victims) {
            try {
                if (kill) {
                    w.process.kill();
                } else {
                    w.process.terminate();
                }
            } catch (IllegalStateException notStartedYet) {
                // its JVM is being launched; it will be told to exit when it is ready
            }
        }
        if (terminatedNow) {
            terminate();
        }
    }

    /** What the Cleaner runs once the executor is unreachable (SHUT-06): shutdown without waiting. */
    void collected() {
        shutdown(false);
    }

    int runState() {
        return runState;
    }

    boolean isBroken() {
        return broken != null;
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** The process ids of the worker processes now alive, in the order they were started. */
    List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>(workers.size());
            for (Worker w : workers) {
                try {
                    if (w.process.isAlive()) {
                        pids.add(w.process.pid());
                    }
                } catch (IllegalStateException notStartedYet) {
                    // reserved, its JVM not launched yet
                }
            }
            return pids;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            String state = isTerminated() ? "terminated" : switch (runState) {
                case RUNNING -> "running";
                case SHUTDOWN -> broken != null ? "broken" : "shutdown";
                default -> "stop";
            };
            return "ProcessPoolExecutor[state=" + state + ", workers=" + workers.size() + "/" + maxWorkers
                    + ", queued=" + queue.size() + "]";
        } finally {
            lock.unlock();
        }
    }
}
