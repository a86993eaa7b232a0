package dev.spindle.queue;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A first-in, first-out queue for handing items between threads, Python's {@code queue.Queue}:
 * optionally bounded, with task accounting ({@link #taskDone()}, {@link #join()}) and Python 3.13's
 * {@link #shutdown(boolean) shutdown}.
 *
 * <p><b>Bounds.</b> A queue created with {@code maxsize > 0} holds at most {@code maxsize} items:
 * {@link #put(Object)} blocks while it is full, {@link #put(Object, Duration)} waits at most the
 * timeout and {@link #putNowait(Object)} does not wait, both throwing {@link QueueFullException}
 * when there is still no room. With {@code maxsize <= 0} the queue is unbounded and a put never
 * blocks (QUEUE-03). {@link #setMaxsize(int)} changes the bound later; lowering it below
 * {@link #qsize()} keeps every item and makes puts wait or fail until enough are taken
 * (QUEUE-13); raising it wakes the putters that now fit.
 *
 * <p><b>Getting.</b> {@link #get()} blocks while the queue is empty, {@link #get(Duration)} waits
 * at most the timeout and {@link #getNowait()} does not wait, both throwing
 * {@link QueueEmptyException} when there is still no item. {@link LifoQueue} and
 * {@link PriorityQueue} are this class with another order; everything else is shared.
 *
 * <p><b>Timeouts</b> follow Python (QUEUE-09, QUEUE-10): {@code get(Duration)} rejects a negative
 * timeout with {@link IllegalArgumentException}, and so does {@code put(Duration)} on a bounded
 * queue; on an unbounded queue a put never waits and its timeout is not looked at. A zero timeout
 * checks once without waiting. Huge timeouts saturate (about 73 years). Argument errors are
 * reported before the queue's state is looked at.
 *
 * <p><b>Task accounting.</b> Every item put counts as an unfinished task ({@link
 * #unfinishedTasks()}); a consumer calls {@link #taskDone()} once it has finished with an item it
 * got, and {@link #join()} blocks until every item put has been marked done. Too many
 * {@code taskDone()} calls throw {@link IllegalStateException} (QUEUE-11).
 *
 * <p><b>Shutdown</b> (Python 3.13, QUEUE-17..25). After {@link #shutdown()}, every put throws
 * {@link QueueShutDownException}, getters take the items still queued and then throw it too, and
 * blocked putters and getters wake and throw it. {@link #shutdown(boolean) shutdown(true)} also
 * discards the queued items, counting them as done, so that {@link #join()} returns. Shutdown is
 * final; calling it again is allowed (QUEUE-17).
 *
 * <p><b>A {@link BlockingQueue}</b> with the JDK's meaning, so a Spindle queue can be handed to a
 * {@link java.util.concurrent.ThreadPoolExecutor} or any code that takes one. How the JDK methods
 * relate to Python's:
 * <ul>
 *   <li>{@code offer}, {@code add} and {@code addAll} put: each item inserted counts as an
 *       unfinished task, as {@code put} does. {@code offer(E)} returns false where
 *       {@code putNowait} throws {@link QueueFullException}; {@code add} throws
 *       {@link IllegalStateException}.</li>
 *   <li>{@code take}, {@code poll}, {@code remove()} and {@code drainTo} get: they hand items to
 *       the caller, who owes a {@code taskDone()} for each, exactly as after {@code get}.
 *       {@code poll()} returns null where {@code getNowait} throws {@link QueueEmptyException};
 *       the timed {@code offer} and {@code poll} treat a negative timeout as zero, as the JDK's
 *       queues do.</li>
 *   <li>{@code remove(Object)}, {@code clear()}, {@code removeIf}, {@code removeAll},
 *       {@code retainAll} and an iterator's {@code remove()} discard items that no consumer will
 *       see: like {@code shutdown(true)}, they count them as done (never below zero), so that
 *       {@code join()} cannot wait forever for them.</li>
 *   <li>Shutdown applies to every method: the insertion methods throw
 *       {@link QueueShutDownException} after shutdown; {@code take} and both {@code poll}s throw
 *       it once the queue is also empty, instead of blocking forever or returning null.
 *       {@code peek}, {@code drainTo} and the iterator keep working.</li>
 *   <li>The iterator walks a snapshot taken when it was created, in the order {@code get} would
 *       return the items ({@link PriorityQueue}: no particular order); it never throws
 *       {@link java.util.ConcurrentModificationException}.</li>
 * </ul>
 * {@code null} items are rejected with {@link NullPointerException}, as by every JDK
 * {@code BlockingQueue}.
 *
 * <p><b>Sample usage</b>: the classic worker, in Python {@code while True: item = q.get();
 * do_work(item); q.task_done()}.
 * {@snippet :
 * Queue<Job> jobs = new Queue<>(100);
 * Thread.ofPlatform().daemon(true).start(() -> {
 *     try {
 *         for (;;) {
 *             Job job = jobs.get();
 *             try {
 *                 job.run();
 *             } finally {
 *                 jobs.taskDone();
 *             }
 *         }
 *     } catch (QueueShutDownException | InterruptedException e) {
 *         // the queue was shut down and drained, or the worker was told to stop
 *     }
 * });
 * for (Job job : batch) {
 *     jobs.put(job);
 * }
 * jobs.join();        // every job has run
 * jobs.shutdown();    // the worker ends
 * }
 *
 * <p><b>Performance.</b> One {@link ReentrantLock} with {@code notEmpty}/{@code notFull}
 * conditions, as {@link java.util.concurrent.ArrayBlockingQueue}, over an array: FIFO storage is
 * a growable circular array, so a put allocates nothing. Producers and consumers contend for the
 * one lock; for an unbounded FIFO without task accounting or shutdown, {@link SimpleQueue} uses
 * two.
 *
 * <p><b>Memory consistency effects:</b> as in other concurrent collections, actions in a thread
 * prior to placing an object into a queue happen-before actions subsequent to the access or
 * removal of that object from the queue in another thread; actions prior to {@code taskDone()}
 * happen-before actions following a {@code join()} that returns because of it.
 *
 * @param <E> the type of the items
 */
public class Queue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

    /*
     * State. One lock, `lock`, guards everything: the storage (the items and their count,
     * storage.size), maxsize, unfinishedTasks and shutdown. It must be held whenever any of them is
     * read for a decision or changed (CPython: "mutex must be held whenever the queue is
     * mutating"). maxsize and shutdown are also volatile so that maxsize() and isShutdown() can be
     * read without the lock, as Python reads the attributes.
     *
     * Three conditions over that lock, as CPython's three Conditions over one mutex:
     *   notEmpty      getters wait here while the queue is empty;
     *   notFull       putters wait here while it is full (maxsize > 0 && size >= maxsize);
     *   allTasksDone  join() waits here while unfinishedTasks > 0.
     *
     * Invariants, with the lock held:
     *   0 <= storage.size; unfinishedTasks >= 0; shutdown only ever goes false -> true.
     *   storage.size may exceed maxsize, but only after setMaxsize lowered it (QUEUE-13).
     *   A getter waits only while size == 0 and !shutdown; a putter only while full and !shutdown.
     *
     * Signals, as ArrayBlockingQueue's: each insertion signals notEmpty once and each removal
     * signals notFull once, so every item put can wake one getter and every slot freed one putter.
     * AbstractQueuedSynchronizer's conditions never hand a signal to a waiter that has already
     * timed out or been interrupted, so one signal per event suffices. The one way a woken waiter
     * could leave without using its signal is a storage hook that throws; enqueue() and dequeue()
     * then pass the signal on. shutdown() and setMaxsize() change the condition for every waiter
     * and signal all.
     *
     * Waiting: the timed waits use Condition.awaitNanos and its returned estimate of the time
     * left, the JDK's idiom; the nanoseconds come from Spindle's timeout policy (Timeouts), and
     * FOREVER marks an untimed wait.
     */

    /** An untimed wait; no {@link Duration} maps to it, since {@link Timeouts} saturates below. */
    private static final long FOREVER = Long.MAX_VALUE;

    /** Guards all state; see the block comment above. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allTasksDone = lock.newCondition();

    /** The items, in this queue's order. Guarded by {@code lock}. */
    private final Storage<E> storage;

    /** The bound; {@code <= 0} means unbounded. Written under {@code lock}. */
    private volatile int maxsize;

    /** Items put and not yet marked done. Guarded by {@code lock}; a long, so it never overflows. */
    private long unfinishedTasks;

    /** True once shutdown() has run. Written under {@code lock}. */
    private volatile boolean shutdown;

    /** Creates an unbounded FIFO queue: Python's {@code Queue()}. */
    public Queue() {
        this(0);
    }

    /**
     * Creates a FIFO queue holding at most {@code maxsize} items; {@code maxsize <= 0} makes it
     * unbounded, as in Python.
     */
    public Queue(int maxsize) {
        this(maxsize, new Ring<>(Storage.initialCapacity(maxsize)));
    }

    /** Creates a queue over {@code storage}, which decides the order: the subclasses' hook. */
    Queue(int maxsize, Storage<E> storage) {
        this.maxsize = maxsize;
        this.storage = storage;
    }

    // ---------------------------------------------------------------------------- Python's API

    /**
     * Puts {@code item}, blocking while the queue is full (QUEUE-05): Python's {@code put(item)}.
     *
     * @throws NullPointerException if {@code item} is null
     * @throws QueueShutDownException if the queue is shut down, or is shut down while this call
     *     waits (QUEUE-22)
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    @Override
    public void put(E item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        offerNanos(item, FOREVER);
    }

    /**
     * Puts {@code item}, waiting at most {@code timeout} for room: Python's
     * {@code put(item, timeout=...)}. A zero timeout only checks (QUEUE-04).
     *
     * @throws QueueFullException if the queue is still full when the timeout elapses
     * @throws IllegalArgumentException if the queue is bounded and {@code timeout} is negative
     *     (QUEUE-09); on an unbounded queue the timeout is not looked at (QUEUE-10)
     * @throws NullPointerException if {@code item} or {@code timeout} is null
     * @throws QueueShutDownException if the queue is shut down, or is shut down while this call
     *     waits
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    public void put(E item, Duration timeout) throws InterruptedException, QueueFullException {
        Objects.requireNonNull(item, "item");
        long nanos = Timeouts.toNanos(timeout);
        if (nanos < 0 && maxsize > 0) {
            Timeouts.nonNegative(timeout, "timeout");   // throws: QUEUE-09
        }
        if (!offerNanos(item, nanos)) {
            throw new QueueFullException(name() + " is still full after " + timeout + " (maxsize=" + maxsize + ")");
        }
    }

    /**
     * Puts {@code item} if there is room now, without waiting: Python's {@code put_nowait(item)}
     * (QUEUE-08).
     *
     * @throws QueueFullException if the queue is full
     * @throws NullPointerException if {@code item} is null
     * @throws QueueShutDownException if the queue is shut down (checked before fullness: QUEUE-22)
     */
    public void putNowait(E item) throws QueueFullException {
        if (!offer(item)) {
            throw new QueueFullException(name() + " is full (maxsize=" + maxsize + ")");
        }
    }

    /**
     * Removes and returns the next item, blocking while the queue is empty (QUEUE-07): Python's
     * {@code get()}. The caller owes a {@link #taskDone()} for it if anyone {@link #join()}s.
     *
     * @throws QueueShutDownException if the queue is shut down and empty, or becomes so while
     *     this call waits (QUEUE-19, QUEUE-21)
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    public E get() throws InterruptedException {
        return pollNanos(FOREVER);
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout} for one: Python's
     * {@code get(timeout=...)}. A zero timeout only checks (QUEUE-06).
     *
     * @throws QueueEmptyException if the queue is still empty when the timeout elapses
     * @throws IllegalArgumentException if {@code timeout} is negative (QUEUE-09)
     * @throws NullPointerException if {@code timeout} is null
     * @throws QueueShutDownException if the queue is shut down and empty, or becomes so while
     *     this call waits
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    public E get(Duration timeout) throws InterruptedException, QueueEmptyException {
        long nanos = Timeouts.nonNegative(timeout, "timeout");
        E item = pollNanos(nanos);
        if (item == null) {
            throw new QueueEmptyException(name() + " is still empty after " + timeout);
        }
        return item;
    }

    /**
     * Removes and returns the next item if there is one now, without waiting: Python's
     * {@code get_nowait()} (QUEUE-08).
     *
     * @throws QueueEmptyException if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public E getNowait() throws QueueEmptyException {
        E item = poll();
        if (item == null) {
            throw new QueueEmptyException(name() + " is empty");
        }
        return item;
    }

    /** Returns the number of items queued now (Python's {@code qsize()}); a moment later it may differ. */
    public int qsize() {
        lock.lock();
        try {
            return storage.size;
        } finally {
            lock.unlock();
        }
    }

    /** Returns true if no item is queued now (Python's {@code empty()}; QUEUE-02). */
    public boolean empty() {
        return qsize() == 0;
    }

    /**
     * Returns true if the queue is bounded and holds {@code maxsize} items or more now (Python's
     * {@code full()}; QUEUE-02). An unbounded queue is never full (QUEUE-03).
     */
    public boolean full() {
        lock.lock();
        try {
            return isFull();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the bound as given, {@code <= 0} for an unbounded queue (Python's {@code maxsize}). */
    public int maxsize() {
        return maxsize;
    }

    /**
     * Changes the bound (Python's {@code q.maxsize = n}; QUEUE-13). Items already queued stay,
     * even beyond the new bound; puts then wait or fail until enough have been taken. Putters
     * blocked on a full queue are woken to check the new bound.
     *
     * @param maxsize the new bound; {@code <= 0} makes the queue unbounded
     */
    public void setMaxsize(int maxsize) {
        lock.lock();
        try {
            this.maxsize = maxsize;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks one item taken from the queue as finished: Python's {@code task_done()}. When every
     * item put has been marked, {@link #join()} returns (QUEUE-12).
     *
     * @throws IllegalStateException if called more times than items were put, "task_done() called
     *     too many times" (QUEUE-11)
     */
    public void taskDone() {
        lock.lock();
        try {
            if (unfinishedTasks <= 0) {
                throw new IllegalStateException("task_done() called too many times");
            }
            if (--unfinishedTasks == 0) {
                allTasksDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until every item put has been marked done with {@link #taskDone()} (QUEUE-12), or
     * discarded by {@link #shutdown(boolean) shutdown(true)} (QUEUE-24): Python's {@code join()}.
     * Returns at once when nothing is unfinished; may be called any number of times.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (unfinishedTasks > 0) {
                allTasksDone.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the number of items put and not yet marked done (Python's
     * {@code unfinished_tasks}; QUEUE-15): one more per put, one less per {@link #taskDone()}.
     */
    public long unfinishedTasks() {
        lock.lock();
        try {
            return unfinishedTasks;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts the queue down, keeping the items queued: Python 3.13's {@code shutdown()}. Same as
     * {@link #shutdown(boolean) shutdown(false)}.
     */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down: Python 3.13's {@code shutdown(immediate)} (QUEUE-17..25). From now on
     * every put throws {@link QueueShutDownException}, and every get does once the queue is empty.
     * Blocked putters wake and throw it; blocked getters wake and take an item if one is left, or
     * throw it.
     *
     * <p>With {@code immediate}, the queued items are discarded first and each counts as done (the
     * count never goes below zero), so {@link #join()} returns unless items already handed out
     * still await their {@link #taskDone()}.
     *
     * <p>May be called again, with either argument; a later {@code shutdown(true)} still
     * discards what is left (QUEUE-17).
     */
    public void shutdown(boolean immediate) {
        lock.lock();
        try {
            shutdown = true;
            if (immediate) {
                int discarded = storage.size;
                storage.clear();
                tasksDiscarded(discarded);
                allTasksDone.signalAll();
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns true once {@link #shutdown(boolean)} has been called (Python's {@code is_shutdown}). */
    public boolean isShutdown() {
        return shutdown;
    }

    // ------------------------------------------------------------------- BlockingQueue, inserting

    /**
     * Puts {@code item} if there is room now: the JDK's {@code offer}, which counts as a put.
     *
     * @return true if inserted, false if the queue is full
     * @throws NullPointerException if {@code item} is null
     * @throws QueueShutDownException if the queue is shut down
     */
    @Override
    public boolean offer(E item) {
        Objects.requireNonNull(item, "item");
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (shutdown) {
                throw putAfterShutdown();
            }
            if (isFull()) {
                return false;
            }
            enqueue(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts {@code item}, waiting at most the given time for room: the JDK's timed {@code offer},
     * which counts as a put. A timeout {@code <= 0} only checks.
     *
     * @return true if inserted, false if the queue was still full when the time elapsed
     * @throws NullPointerException if {@code item} or {@code unit} is null
     * @throws QueueShutDownException if the queue is shut down, or is shut down while waiting
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    @Override
    public boolean offer(E item, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        return offerNanos(item, Math.max(0L, unit.toNanos(timeout)));
    }

    /**
     * Puts {@code item} if there is room now: the JDK's {@code add}, which counts as a put.
     *
     * @return true
     * @throws IllegalStateException if the queue is full; {@link QueueShutDownException} if it is
     *     shut down
     * @throws NullPointerException if {@code item} is null
     */
    @Override
    public boolean add(E item) {
        if (offer(item)) {
            return true;
        }
        throw new IllegalStateException(name() + " is full (maxsize=" + maxsize + ")");
    }

    /**
     * Returns how many more items fit now: {@code Integer.MAX_VALUE} if unbounded, else
     * {@code maxsize - qsize()}, never below zero.
     */
    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            int bound = maxsize;
            return bound <= 0 ? Integer.MAX_VALUE : Math.max(0, bound - storage.size);
        } finally {
            lock.unlock();
        }
    }

    // -------------------------------------------------------------------- BlockingQueue, removing

    /**
     * Removes and returns the next item, blocking while the queue is empty: the JDK's
     * {@code take}, the same as {@link #get()}; the caller owes a {@link #taskDone()} for it.
     *
     * @throws QueueShutDownException if the queue is shut down and empty, or becomes so while
     *     waiting
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    @Override
    public E take() throws InterruptedException {
        return pollNanos(FOREVER);
    }

    /**
     * Removes and returns the next item if there is one now, else null: the JDK's {@code poll},
     * which counts as a get.
     *
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    @Override
    public E poll() {
        final ReentrantLock lock = this.lock;
        lock.lock();
        try {
            if (storage.size == 0) {
                if (shutdown) {
                    throw getAfterShutdown();
                }
                return null;
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the next item, waiting at most the given time for one: the JDK's timed
     * {@code poll}, which counts as a get. A timeout {@code <= 0} only checks.
     *
     * @return the item, or null if the queue was still empty when the time elapsed
     * @throws NullPointerException if {@code unit} is null
     * @throws QueueShutDownException if the queue is shut down and empty, or becomes so while
     *     waiting
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return pollNanos(Math.max(0L, unit.toNanos(timeout)));
    }

    /** Returns the next item without removing it, or null if the queue is empty. */
    @Override
    public E peek() {
        lock.lock();
        try {
            return storage.size == 0 ? null : storage.get(0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves every queued item into {@code sink}, in the order {@link #get()} would return them;
     * each counts as a get. Works after shutdown too.
     *
     * @return the number of items moved
     */
    @Override
    public int drainTo(Collection<? super E> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    /**
     * Moves at most {@code maxElements} queued items into {@code sink}, in the order
     * {@link #get()} would return them; each counts as a get. If {@code sink.add} throws, the item
     * it refused stays queued, as with the JDK's queues.
     *
     * @return the number of items moved
     * @throws IllegalArgumentException if {@code sink} is this queue
     * @throws NullPointerException if {@code sink} is null
     */
    @Override
    public int drainTo(Collection<? super E> sink, int maxElements) {
        checkDrainTarget(sink, this);
        if (maxElements <= 0) {
            return 0;
        }
        lock.lock();
        int moved = 0;
        try {
            // As PriorityBlockingQueue: add first, then remove, so that a failing add loses nothing.
            while (moved < maxElements && storage.size > 0) {
                sink.add(storage.get(0));
                storage.extract();
                moved++;
            }
            return moved;
        } finally {
            signalRoom(moved);
            lock.unlock();
        }
    }

    /**
     * Removes one item equal to {@code o}, if any; the item is discarded, and counts as done.
     *
     * @return true if an item was removed
     */
    @Override
    public boolean remove(Object o) {
        if (o == null) {
            return false;
        }
        lock.lock();
        try {
            int position = positionOf(o, false);
            if (position < 0) {
                return false;
            }
            discardAt(position);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Discards every queued item; each counts as done, as in {@code shutdown(true)}. */
    @Override
    public void clear() {
        lock.lock();
        try {
            int discarded = storage.size;
            storage.clear();
            tasksDiscarded(discarded);
            signalRoom(discarded);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ Collection, read-only

    /** Returns {@link #qsize()}. */
    @Override
    public int size() {
        return qsize();
    }

    /** Returns {@link #empty()}. */
    @Override
    public boolean isEmpty() {
        return empty();
    }

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        lock.lock();
        try {
            return positionOf(o, false) >= 0;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the queued items, in the order {@link #get()} would return them ({@link PriorityQueue}: no particular order). */
    @Override
    public Object[] toArray() {
        lock.lock();
        try {
            Object[] items = new Object[storage.size];
            for (int i = 0; i < items.length; i++) {
                items[i] = storage.get(i);
            }
            return items;
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
        Object[] items = toArray();
        if (a.length < items.length) {
            return (T[]) Arrays.copyOf(items, items.length, a.getClass());
        }
        System.arraycopy(items, 0, a, 0, items.length);
        if (a.length > items.length) {
            a[items.length] = null;
        }
        return a;
    }

    /**
     * Returns an iterator over a snapshot of the queued items, in the order {@link #get()} would
     * return them ({@link PriorityQueue}: no particular order). It never throws
     * {@link java.util.ConcurrentModificationException}; its {@code remove()} discards the item
     * last returned if it is still queued, counting it as done.
     */
    @Override
    public Iterator<E> iterator() {
        return new Snapshot(toArray());
    }

    /**
     * Returns the state, as Python's {@code repr} would show it:
     * {@code Queue[qsize=2, maxsize=3, unfinished=2]}, with {@code , shut down} once it is.
     */
    @Override
    public String toString() {
        lock.lock();
        try {
            return name() + "[qsize=" + storage.size + ", maxsize=" + maxsize + ", unfinished=" + unfinishedTasks
                    + (shutdown ? ", shut down]" : "]");
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------- internals

    /**
     * Waits until there is room, then inserts: the one path of every put that may wait.
     *
     * @param nanos how long to wait for room: {@code FOREVER}, or {@code >= 0} ({@code 0}: do not wait)
     * @return false if the queue was still full when {@code nanos} ran out
     */
    private boolean offerNanos(E item, long nanos) throws InterruptedException {
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            for (;;) {
                if (shutdown) {
                    throw putAfterShutdown();       // also after a wait: QUEUE-22
                }
                if (!isFull()) {
                    break;
                }
                if (nanos == FOREVER) {
                    notFull.await();
                } else if (nanos <= 0L) {
                    return false;
                } else {
                    nanos = notFull.awaitNanos(nanos);
                }
            }
            enqueue(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until there is an item, then removes it: the one path of every get that may wait.
     *
     * @param nanos how long to wait for an item: {@code FOREVER}, or {@code >= 0}
     * @return the item, or null if the queue was still empty when {@code nanos} ran out
     */
    private E pollNanos(long nanos) throws InterruptedException {
        final ReentrantLock lock = this.lock;
        lock.lockInterruptibly();
        try {
            while (storage.size == 0) {
                if (shutdown) {
                    throw getAfterShutdown();       // also after a wait: QUEUE-21
                }
                if (nanos == FOREVER) {
                    notEmpty.await();
                } else if (nanos <= 0L) {
                    return null;
                } else {
                    nanos = notEmpty.awaitNanos(nanos);
                }
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /** True if a put must wait now. Call only when holding lock. */
    private boolean isFull() {
        int bound = maxsize;
        return bound > 0 && storage.size >= bound;
    }

    /** Inserts {@code item} and counts a task. Call only when holding lock, with room. */
    private void enqueue(E item) {
        // assert lock.isHeldByCurrentThread();
        try {
            storage.insert(item);
        } catch (Throwable t) {
            if (!isFull()) {
                notFull.signal();       // pass on a signal this putter may have consumed
            }
            throw t;
        }
        unfinishedTasks++;
        notEmpty.signal();
    }

    /** Removes the next item. Call only when holding lock, with {@code storage.size > 0}. */
    private E dequeue() {
        // assert lock.isHeldByCurrentThread();
        E item;
        try {
            item = storage.extract();
        } catch (Throwable t) {
            notEmpty.signal();          // the item is still there: pass the signal on
            throw t;
        }
        notFull.signal();
        return item;
    }

    /** Discards the item at {@code position}, counting it as done. Call only when holding lock. */
    private void discardAt(int position) {
        storage.removeAt(position);
        tasksDiscarded(1);
        signalRoom(1);
    }

    /** Counts {@code n} discarded items as done, never going below zero. Call only when holding lock. */
    private void tasksDiscarded(int n) {
        if (n > 0 && unfinishedTasks > 0) {
            unfinishedTasks = Math.max(0L, unfinishedTasks - n);
            if (unfinishedTasks == 0) {
                allTasksDone.signalAll();
            }
        }
    }

    /** Wakes up to {@code n} putters after {@code n} slots were freed. Call only when holding lock. */
    private void signalRoom(int n) {
        for (; n > 0 && lock.hasWaiters(notFull); n--) {
            notFull.signal();
        }
    }

    /** Removes the queued item that is {@code item} itself, if it is still there. */
    private void discard(Object item) {
        lock.lock();
        try {
            int position = positionOf(item, true);
            if (position >= 0) {
                discardAt(position);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first position holding {@code o} (the object itself if {@code identity}, else an equal
     * one), or -1. Call only when holding lock.
     */
    private int positionOf(Object o, boolean identity) {
        for (int i = 0, n = storage.size; i < n; i++) {
            Object item = storage.get(i);
            if (identity ? item == o : o.equals(item)) {
                return i;
            }
        }
        return -1;
    }

    /** The JDK's checks on a {@code drainTo} target, for every queue in this package. */
    static void checkDrainTarget(Collection<?> sink, BlockingQueue<?> queue) {
        Objects.requireNonNull(sink, "sink");
        if (sink == queue) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
    }

    private QueueShutDownException putAfterShutdown() {
        return new QueueShutDownException(name() + " is shut down: no more items may be put");
    }

    private QueueShutDownException getAfterShutdown() {
        return new QueueShutDownException(name() + " is shut down and empty");
    }

    /** The class's name for messages and {@code toString()}: Queue, LifoQueue or PriorityQueue. */
    private String name() {
        String name = getClass().getSimpleName();
        return name.isEmpty() ? "Queue" : name;
    }

    /** The iterator: a snapshot, whose {@code remove()} discards the item if still queued. */
    private final class Snapshot implements Iterator<E> {
        private final Object[] items;
        private int next;
        private int last = -1;

        Snapshot(Object[] items) {
            this.items = items;
        }

        @Override
        public boolean hasNext() {
            return next < items.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E next() {
            if (next >= items.length) {
                throw new NoSuchElementException();
            }
            last = next++;
            return (E) items[last];
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException("next() has not been called since the last remove()");
            }
            discard(items[last]);
            items[last] = null;
            last = -1;
        }
    }

    /**
     * FIFO storage, CPython's deque: a circular array, so that neither put nor get allocates.
     * Items occupy {@code items[head]}, {@code items[head + 1]}, ... (wrapping), {@code size} of
     * them; {@code tail} is the next free slot. Free slots hold null, so that a taken item is not
     * kept reachable.
     */
    static final class Ring<E> extends Storage<E> {
        private Object[] items;
        private int head;
        private int tail;

        Ring(int capacity) {
            items = new Object[capacity];
        }

        @Override
        void insert(E item) {
            if (size == items.length) {
                grow();
            }
            items[tail] = item;
            if (++tail == items.length) {
                tail = 0;
            }
            size++;
        }

        @Override
        @SuppressWarnings("unchecked")
        E extract() {
            E item = (E) items[head];
            items[head] = null;
            if (++head == items.length) {
                head = 0;
            }
            size--;
            return item;
        }

        @Override
        @SuppressWarnings("unchecked")
        E get(int position) {
            return (E) items[slot(position)];
        }

        @Override
        E removeAt(int position) {
            E item = get(position);
            // Close the gap by moving every later item one slot towards the head.
            int gap = slot(position);
            for (int i = position + 1; i < size; i++) {
                int from = slot(i);
                items[gap] = items[from];
                gap = from;
            }
            items[gap] = null;
            tail = gap;
            size--;
            return item;
        }

        @Override
        void clear() {
            Arrays.fill(items, null);
            head = tail = size = 0;
        }

        private int slot(int position) {
            int untilWrap = items.length - head;       // no int overflow, however large the array
            return position < untilWrap ? head + position : position - untilWrap;
        }

        private void grow() {
            Object[] grown = new Object[grownCapacity(items.length)];
            for (int i = 0; i < size; i++) {
                grown[i] = items[slot(i)];
            }
            items = grown;
            head = 0;
            tail = size;
        }
    }
}
