package dev.spindle.queue;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An unbounded first-in, first-out queue with no task accounting and no shutdown, Python's
 * {@code queue.SimpleQueue}.
 *
 * <p>A put never blocks and never fails (SQUEUE-01); {@link #get()} blocks while the queue is
 * empty, {@link #get(Duration)} waits at most the timeout (a negative one is an
 * {@link IllegalArgumentException}: SQUEUE-02) and {@link #getNowait()} does not wait, both
 * throwing {@link QueueEmptyException} when there is no item. There is no {@code maxsize},
 * {@code taskDone}, {@code join} or {@code shutdown} (SQUEUE-05): use {@link Queue} for those.
 *
 * <p>It is a {@link BlockingQueue} with the JDK's meaning: {@code offer} and {@code add} always
 * succeed, {@code poll()} returns null on an empty queue, {@code take} is {@link #get()}. Its
 * iterator is weakly consistent. {@code null} items are rejected with
 * {@link NullPointerException}.
 *
 * <p><b>Implementation.</b> A {@link LinkedBlockingQueue} underneath: one lock for putters and
 * another for getters, so producers and consumers do not contend with each other, which is what
 * a queue without a bound, task accounting or shutdown allows. Each put allocates one node.
 * A get clears the node's reference to its item, so the queue keeps nothing reachable that it
 * has handed out (SQUEUE-04).
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * SimpleQueue<String> lines = new SimpleQueue<>();
 * Thread.ofPlatform().start(() -> lines.put("hello"));
 * String line = lines.get(Duration.ofSeconds(5));   // QueueEmptyException if nothing came
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to placing an object into the
 * queue happen-before actions subsequent to the access or removal of that object from the queue
 * in another thread.
 *
 * @param <E> the type of the items
 */
public class SimpleQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

    /** The items; all thread safety is the JDK queue's. */
    private final LinkedBlockingQueue<E> items = new LinkedBlockingQueue<>();

    /** Creates an empty queue: Python's {@code SimpleQueue()}. */
    public SimpleQueue() {}

    /**
     * Puts {@code item}; never blocks (Python's {@code put(item)}).
     *
     * @throws NullPointerException if {@code item} is null
     */
    @Override
    public void put(E item) {
        items.offer(Objects.requireNonNull(item, "item"));
    }

    /**
     * Puts {@code item}; never blocks, so the timeout is not used, as in Python, where it is
     * accepted for compatibility with {@link Queue}.
     *
     * @throws NullPointerException if {@code item} or {@code timeout} is null
     */
    public void put(E item, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        put(item);
    }

    /**
     * Puts {@code item}; the same as {@link #put(Object)}, since a put never blocks (Python's
     * {@code put_nowait(item)}).
     *
     * @throws NullPointerException if {@code item} is null
     */
    public void putNowait(E item) {
        put(item);
    }

    /**
     * Removes and returns the oldest item, blocking while the queue is empty (Python's
     * {@code get()}).
     *
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    public E get() throws InterruptedException {
        return items.take();
    }

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout} for one (Python's
     * {@code get(timeout=...)}). A zero timeout only checks.
     *
     * @throws QueueEmptyException if the queue is still empty when the timeout elapses
     * @throws IllegalArgumentException if {@code timeout} is negative (SQUEUE-02)
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if interrupted while waiting; the queue is then unchanged
     */
    public E get(Duration timeout) throws InterruptedException, QueueEmptyException {
        long nanos = Timeouts.nonNegative(timeout, "timeout");
        E item = items.poll(nanos, TimeUnit.NANOSECONDS);
        if (item == null) {
            throw new QueueEmptyException("SimpleQueue is still empty after " + timeout);
        }
        return item;
    }

    /**
     * Removes and returns the oldest item if there is one now (Python's {@code get_nowait()}).
     *
     * @throws QueueEmptyException if the queue is empty
     */
    public E getNowait() throws QueueEmptyException {
        E item = items.poll();
        if (item == null) {
            throw new QueueEmptyException("SimpleQueue is empty");
        }
        return item;
    }

    /** Returns the number of items queued now (Python's {@code qsize()}); a moment later it may differ. */
    public int qsize() {
        return items.size();
    }

    /** Returns true if no item is queued now (Python's {@code empty()}). */
    public boolean empty() {
        return items.isEmpty();
    }

    // ------------------------------------------------------------------------ BlockingQueue

    /** Puts {@code item}; always returns true. */
    @Override
    public boolean offer(E item) {
        put(item);
        return true;
    }

    /** Puts {@code item} without waiting, whatever the timeout; always returns true. */
    @Override
    public boolean offer(E item, long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        put(item);
        return true;
    }

    /** Removes and returns the oldest item, blocking while the queue is empty: {@link #get()}. */
    @Override
    public E take() throws InterruptedException {
        return items.take();
    }

    @Override
    public E poll() {
        return items.poll();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return items.poll(timeout, unit);
    }

    @Override
    public E peek() {
        return items.peek();
    }

    /** Returns {@code Integer.MAX_VALUE}: the queue is unbounded. */
    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int drainTo(Collection<? super E> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> sink, int maxElements) {
        Queue.checkDrainTarget(sink, this);
        return items.drainTo(sink, maxElements);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
        return items.contains(o);
    }

    @Override
    public boolean remove(Object o) {
        return items.remove(o);
    }

    @Override
    public void clear() {
        items.clear();
    }

    @Override
    public Object[] toArray() {
        return items.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return items.toArray(a);
    }

    /** Returns a weakly consistent iterator, oldest item first. */
    @Override
    public Iterator<E> iterator() {
        return items.iterator();
    }

    /** Returns the state, as Python's {@code repr} would show it: {@code SimpleQueue[qsize=2]}. */
    @Override
    public String toString() {
        return "SimpleQueue[qsize=" + items.size() + "]";
    }
}
