package dev.spindle.queue;

import java.util.Arrays;

/**
 * A last-in, first-out queue, Python's {@code queue.LifoQueue}: {@link #get()} returns the item
 * put most recently (QUEUE-01).
 *
 * <p>Everything but the order is {@link Queue}'s: bounds, blocking, timeouts, task accounting,
 * shutdown and the {@link java.util.concurrent.BlockingQueue} methods. The storage is an array
 * used as a stack, so a put allocates nothing; the iterator and {@code toArray()} list the items
 * top first, in the order {@code get()} would return them.
 *
 * <p><b>Sample usage</b>: undo the most recent edit first.
 * {@snippet :
 * LifoQueue<Edit> history = new LifoQueue<>(50);
 * history.put(edit);
 * Edit last = history.getNowait();   // the newest one
 * }
 *
 * <p><b>Memory consistency effects:</b> as for {@link Queue}, actions in a thread prior to placing
 * an object into the queue happen-before actions subsequent to its removal in another thread.
 *
 * @param <E> the type of the items
 */
public class LifoQueue<E> extends Queue<E> {

    /** Creates an unbounded LIFO queue: Python's {@code LifoQueue()}. */
    public LifoQueue() {
        this(0);
    }

    /** Creates a LIFO queue holding at most {@code maxsize} items; {@code maxsize <= 0} is unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize, new Stack<>(Storage.initialCapacity(maxsize)));
    }

    /**
     * LIFO storage, CPython's list: {@code items[0..size)} with the top at {@code size - 1}.
     * Position 0 is the top, so positions follow the order of retrieval.
     */
    static final class Stack<E> extends Storage<E> {
        private Object[] items;

        Stack(int capacity) {
            items = new Object[capacity];
        }

        @Override
        void insert(E item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, grownCapacity(items.length));
            }
            items[size++] = item;
        }

        @Override
        @SuppressWarnings("unchecked")
        E extract() {
            E item = (E) items[--size];
            items[size] = null;
            return item;
        }

        @Override
        @SuppressWarnings("unchecked")
        E get(int position) {
            return (E) items[size - 1 - position];
        }

        @Override
        E removeAt(int position) {
            int index = size - 1 - position;
            E item = get(position);
            System.arraycopy(items, index + 1, items, index, size - 1 - index);
            items[--size] = null;
            return item;
        }

        @Override
        void clear() {
            Arrays.fill(items, 0, size, null);
            size = 0;
        }
    }
}
