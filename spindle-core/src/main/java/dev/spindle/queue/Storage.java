package dev.spindle.queue;

/**
 * The ordering hooks of {@link Queue}, CPython's {@code _init/_qsize/_put/_get}: the only part
 * in which {@link Queue}, {@link LifoQueue} and {@link PriorityQueue} differ.
 *
 * <p>A storage holds the items and nothing else; it knows nothing of locks, waiting, bounds,
 * task accounting or shutdown, which {@link Queue} does once for all three. Every method is called
 * only by its queue while that queue's lock is held, so a storage is not thread-safe by itself.
 *
 * <p><b>Positions.</b> {@link #get(int)} and {@link #removeAt(int)} take a position in {@code [0,
 * size)}; position 0 is always the item {@link #extract()} returns next. In a FIFO or LIFO storage
 * the positions follow the order of retrieval; in a heap they follow the heap's array.
 *
 * <p><b>Failures.</b> A hook that throws (a {@code Comparator} that throws, an item that is not
 * {@code Comparable}, an array that cannot grow) must leave the storage exactly as it was, with
 * {@link #size} unchanged; {@link Queue} relies on it to stay consistent (QUEUE-14).
 *
 * <p><b>Capacity.</b> Arrays grow by about half when full and never shrink, as
 * {@link java.util.concurrent.PriorityBlockingQueue}'s do; a bounded queue starts with room for
 * {@code min(maxsize, 4096)} items, so a huge bound costs nothing until it is used.
 */
abstract class Storage<E> {

    /** The largest array the JVM reliably allocates. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /** Initial capacity of an unbounded queue. */
    private static final int UNBOUNDED_CAPACITY = 16;

    /** Largest initial capacity of a bounded queue; beyond it, arrays grow on demand. */
    private static final int MAX_INITIAL_CAPACITY = 4096;

    /** The number of items held (CPython's {@code _qsize()}); each hook keeps it current. */
    int size;

    /** Adds {@code item} (CPython's {@code _put}); grows the storage if it is full. */
    abstract void insert(E item);

    /** Removes and returns the item at position 0 (CPython's {@code _get}); requires {@code size > 0}. */
    abstract E extract();

    /** Returns the item at {@code position}, in {@code [0, size)}, without removing it. */
    abstract E get(int position);

    /** Removes and returns the item at {@code position}, in {@code [0, size)}. */
    abstract E removeAt(int position);

    /** Removes every item. */
    abstract void clear();

    /** The initial array length for a queue created with {@code maxsize}. */
    static int initialCapacity(int maxsize) {
        return maxsize <= 0 ? UNBOUNDED_CAPACITY : Math.min(maxsize, MAX_INITIAL_CAPACITY);
    }

    /**
     * The array length that replaces a full array of {@code capacity}: about half as much again.
     *
     * @throws OutOfMemoryError if the storage cannot hold one more item
     */
    static int grownCapacity(int capacity) {
        if (capacity >= MAX_CAPACITY) {
            throw new OutOfMemoryError("queue storage cannot grow past " + MAX_CAPACITY + " items");
        }
        int grown = capacity + Math.max(capacity >> 1, 4);
        return grown < 0 || grown > MAX_CAPACITY ? MAX_CAPACITY : grown;
    }
}
