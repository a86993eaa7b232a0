package dev.spindle.queue;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A queue that returns its smallest item first, Python's {@code queue.PriorityQueue}, optionally
 * bounded: the JDK has no bounded priority queue.
 *
 * <p><b>Order.</b> Items are compared whole, by their natural order ({@link Comparable}) or by the
 * {@link Comparator} given at construction; the smallest leaves first (QUEUE-01). As in Python,
 * where tuples compare element by element, a comparator decides what "equal priority" means:
 * {@code Comparator.comparing(Task::priority).thenComparing(Task::name)} falls back to the name
 * (QUEUE-16). An item that is not {@code Comparable} when no comparator was given is rejected with
 * {@link ClassCastException} (Python's {@code TypeError}), and the queue is left as it was.
 *
 * <p><b>Equal priorities leave in FIFO order</b>, a deliberate difference from CPython, whose
 * heap promises no order among equal items: each item carries the sequence number of its put,
 * and ties go to the smaller one. Python programmers add a counter to their tuples for exactly
 * this; here it is built in.
 *
 * <p>Everything else is {@link Queue}'s: bounds ({@code maxsize > 0}), blocking, timeouts, task
 * accounting, shutdown and the {@link java.util.concurrent.BlockingQueue} methods. The iterator
 * and {@code toArray()} list the items in no particular order, as
 * {@link java.util.concurrent.PriorityBlockingQueue}'s do.
 *
 * <p><b>Failures.</b> If the comparator (or {@code compareTo}) throws, the exception reaches the
 * caller of the put or get and the queue is unchanged: the heap puts back any entries it had
 * already moved (QUEUE-14).
 *
 * <p><b>Cost of FIFO ties.</b> The storage is a 4-ary heap over an array (where
 * {@link java.util.concurrent.PriorityBlockingQueue}'s is binary), plus a parallel array of
 * sequence numbers, so a put allocates nothing. Keeping equal priorities in order is not free:
 * every move of an item moves its number too, and where a heap without that promise stops at the
 * first tie, an item must still sink past the equal ones put before it. So this queue is slower
 * than {@code PriorityBlockingQueue} (about half its speed for a put and a get on 1,000 items),
 * most of all when many items share a priority.
 *
 * <p><b>Sample usage</b>: the most urgent job first, jobs of equal urgency in arrival order.
 * {@snippet :
 * PriorityQueue<Job> jobs = new PriorityQueue<>(0, Comparator.comparingInt(Job::urgency));
 * jobs.put(new Job(2, "write report"));
 * jobs.put(new Job(1, "fix the build"));
 * jobs.put(new Job(2, "answer mail"));
 * jobs.get();   // fix the build, then write report, then answer mail
 * }
 *
 * <p><b>Memory consistency effects:</b> as for {@link Queue}, actions in a thread prior to placing
 * an object into the queue happen-before actions subsequent to its removal in another thread.
 *
 * @param <E> the type of the items
 */
public class PriorityQueue<E> extends Queue<E> {

    private final Comparator<? super E> comparator;

    /** Creates an unbounded priority queue in natural order: Python's {@code PriorityQueue()}. */
    public PriorityQueue() {
        this(0);
    }

    /** Creates a priority queue in natural order holding at most {@code maxsize} items; {@code <= 0} is unbounded. */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * Creates a priority queue ordered by {@code comparator}, holding at most {@code maxsize}
     * items; {@code maxsize <= 0} is unbounded.
     *
     * @param comparator the order, smallest first; {@code null} for the items' natural order, as
     *     in {@link java.util.PriorityQueue}
     */
    public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
        super(maxsize, new Heap<>(Storage.initialCapacity(maxsize), comparator));
        this.comparator = comparator;
    }

    /** Returns the comparator given at construction, or {@code null} for natural order. */
    public Comparator<? super E> comparator() {
        return comparator;
    }

    /*
     * Heap storage, CPython's heapq list made 4-ary: a min-heap in items[0..size), the root at 0,
     * the children of k at 4k+1 .. 4k+4. Four children a node halve the levels of a binary heap,
     * and so the entries (item and seq) moved per sift, for a few more comparisons; measured on
     * PriorityQueueBenchmark (1,000 items), put+get went from 146-187 to 129-135 ns/op. seqs[k] is the sequence number of items[k]'s put, and the
     * order is (item, seq): ties among equal items go to the earlier put, which makes equal
     * priorities FIFO and every comparison between two distinct entries strict. seqs are read
     * only on a tie. Two parallel arrays rather than an entry object per item keep puts free of
     * allocation.
     *
     * Sifting is the textbook one-pass hole sift (as java.util.PriorityQueue's): entries move into
     * the hole as comparisons pass them. Exception safety (QUEUE-14): if a comparison throws half
     * way, the entries already moved lie on the path between the original hole and the current
     * one, each one level away from home; the catch blocks move them back (moveUp/moveDown are
     * exact inverses along a path) before rethrowing, so a throwing comparator leaves the heap as
     * it was.
     */
    static final class Heap<E> extends Storage<E> {
        private final Comparator<? super E> comparator;
        private Object[] items;
        private long[] seqs;
        private long nextSeq;

        Heap(int capacity, Comparator<? super E> comparator) {
            this.items = new Object[capacity];
            this.seqs = new long[capacity];
            this.comparator = comparator;
        }

        @Override
        void insert(E item) {
            if (comparator == null && !(item instanceof Comparable)) {
                throw new ClassCastException(item.getClass().getName()
                        + " is not Comparable, and this PriorityQueue has no Comparator");
            }
            int hole = size;
            if (hole == items.length) {
                int capacity = grownCapacity(hole);
                items = Arrays.copyOf(items, capacity);
                seqs = Arrays.copyOf(seqs, capacity);
            }
            long seq = nextSeq;
            int target = siftUp(hole, item, seq);
            items[target] = item;
            seqs[target] = seq;
            nextSeq = seq + 1;
            size = hole + 1;
        }

        @Override
        E extract() {
            return removeAt(0);
        }

        @Override
        @SuppressWarnings("unchecked")
        E get(int position) {
            return (E) items[position];
        }

        @Override
        @SuppressWarnings("unchecked")
        E removeAt(int position) {
            E removed = (E) items[position];
            int last = size - 1;
            if (position != last) {
                // The last entry fills the hole, going down or up as the order requires.
                Object moving = items[last];
                long seq = seqs[last];
                int target;
                try {
                    target = siftDown(position, moving, seq, last);
                    if (target == position) {
                        target = siftUp(position, moving, seq);
                    }
                } catch (RuntimeException | Error e) {
                    items[position] = removed;      // the sifts left the hole at position again
                    throw e;
                }
                items[target] = moving;
                seqs[target] = seq;
            }
            items[last] = null;
            size = last;
            return removed;
        }

        @Override
        void clear() {
            Arrays.fill(items, 0, size, null);
            size = 0;
        }

        /**
         * Moves the hole at {@code k} up past every ancestor that {@code (item, seq)} precedes and
         * returns where the hole ends: the entry's place. If a comparison throws, the ancestors
         * moved are put back and the hole is at {@code k} again.
         */
        private int siftUp(int k, Object item, long seq) {
            Object[] es = items;
            long[] ss = seqs;
            int hole = k;
            try {
                while (hole > 0) {
                    int parent = (hole - 1) >>> 2;
                    Object p = es[parent];
                    int c = compare(item, p);
                    if (c > 0 || (c == 0 && seq > ss[parent])) {
                        break;
                    }
                    es[hole] = p;
                    ss[hole] = ss[parent];
                    hole = parent;
                }
            } catch (RuntimeException | Error e) {
                moveUp(hole, k);
                items[k] = null;                    // a hole holds nothing (removeAt refills it)
                throw e;
            }
            return hole;
        }

        /**
         * Moves the hole at {@code k} down past every smaller child, in a heap of {@code n} entries,
         * and returns where it ends. If a comparison throws, the children moved are put back and
         * the hole is at {@code k} again.
         */
        private int siftDown(int k, Object item, long seq, int n) {
            // Locals and one read per slot, as java.util.PriorityQueue does: the hot loop of get.
            Object[] es = items;
            long[] ss = seqs;
            int hole = k;
            try {
                for (;;) {
                    int child = 4 * hole + 1;
                    if (child >= n || child < 0) {
                        break;
                    }
                    // The first of the up to four children in (item, seq) order.
                    Object c = es[child];
                    long cs = ss[child];
                    int end = Math.min(child + 4, n);
                    for (int j = child + 1; j < end; j++) {
                        Object r = es[j];
                        int cr = compare(r, c);
                        if (cr < 0 || (cr == 0 && ss[j] < cs)) {
                            child = j;
                            c = r;
                            cs = ss[j];
                        }
                    }
                    int ci = compare(c, item);
                    if (ci > 0 || (ci == 0 && cs > seq)) {
                        break;
                    }
                    es[hole] = c;
                    ss[hole] = cs;
                    hole = child;
                }
            } catch (RuntimeException | Error e) {
                moveDown(hole, k);
                throw e;
            }
            return hole;
        }

        /**
         * Undoes a partial sift-down: moves the entries on the path from ancestor {@code top} down
         * to {@code hole} one level down, leaving the hole at {@code top}.
         */
        private void moveDown(int hole, int top) {
            while (hole > top) {
                int parent = (hole - 1) >>> 2;
                items[hole] = items[parent];
                seqs[hole] = seqs[parent];
                hole = parent;
            }
        }

        /**
         * Undoes a partial sift-up: moves the entries on the path from ancestor {@code hole} down
         * to {@code bottom} one level up, leaving the hole at {@code bottom}.
         */
        private void moveUp(int hole, int bottom) {
            // Walk up from bottom, carrying each entry one level up until the hole is filled.
            Object carried = null;
            long carriedSeq = 0L;
            for (int k = bottom; k > hole; k = (k - 1) >>> 2) {
                Object item = items[k];
                long seq = seqs[k];
                if (k != bottom) {
                    items[k] = carried;
                    seqs[k] = carriedSeq;
                }
                carried = item;
                carriedSeq = seq;
            }
            if (bottom != hole) {
                items[hole] = carried;
                seqs[hole] = carriedSeq;
            }
        }

        @SuppressWarnings("unchecked")
        private int compare(Object a, Object b) {
            return comparator == null
                    ? ((Comparable<? super E>) a).compareTo((E) b)
                    : comparator.compare((E) a, (E) b);
        }
    }
}
