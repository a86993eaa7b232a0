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
 * caller of the put or get and the queue is unchanged: the heap finds an item's place by
 * comparing first and moves items only afterwards (QUEUE-14).
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
     * Heap storage, CPython's heapq list: a binary min-heap in items[0..size), the root at 0, the
     * children of k at 2k+1 and 2k+2. seqs[k] is the sequence number of items[k]'s put, and the
     * order is (item, seq): ties among equal items go to the earlier put, which makes equal
     * priorities FIFO and every comparison between two distinct entries strict.
     *
     * Exception safety (QUEUE-14): every operation first finds where the moving item settles
     * (upTarget/downTarget, which only compare), then moves entries along that path (which only
     * copies). A comparator that throws therefore leaves the heap untouched. Two parallel arrays
     * rather than an entry object per item keep puts free of allocation.
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
            int target = upTarget(hole, item, seq);
            moveDown(hole, target);
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
                int target = downTarget(position, moving, seq, last);
                if (target == position) {
                    target = upTarget(position, moving, seq);
                    moveDown(position, target);
                } else {
                    moveUp(position, target);
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

        /** Where an entry in hole {@code k} settles going up: the highest ancestor it is smaller than. */
        private int upTarget(int k, Object item, long seq) {
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (!less(item, seq, items[parent], seqs[parent])) {
                    break;
                }
                k = parent;
            }
            return k;
        }

        /** Where an entry in hole {@code k} settles going down, in a heap of {@code n} entries. */
        private int downTarget(int k, Object item, long seq, int n) {
            int half = n >>> 1;
            while (k < half) {
                int child = 2 * k + 1;
                int right = child + 1;
                if (right < n && less(items[right], seqs[right], items[child], seqs[child])) {
                    child = right;
                }
                if (!less(items[child], seqs[child], item, seq)) {
                    break;
                }
                k = child;
            }
            return k;
        }

        /** Moves the ancestors of {@code hole}, up to {@code target}, one level down; leaves the hole at {@code target}. */
        private void moveDown(int hole, int target) {
            while (hole > target) {
                int parent = (hole - 1) >>> 1;
                items[hole] = items[parent];
                seqs[hole] = seqs[parent];
                hole = parent;
            }
        }

        /** Moves the entries on the path from {@code hole} down to {@code target} one level up; leaves the hole at {@code target}. */
        private void moveUp(int hole, int target) {
            // Walk up from target, carrying each entry one level up until the hole is filled.
            Object carried = null;
            long carriedSeq = 0L;
            for (int k = target; k > hole; k = (k - 1) >>> 1) {
                Object item = items[k];
                long seq = seqs[k];
                if (k != target) {
                    items[k] = carried;
                    seqs[k] = carriedSeq;
                }
                carried = item;
                carriedSeq = seq;
            }
            items[hole] = carried;
            seqs[hole] = carriedSeq;
        }

        @SuppressWarnings("unchecked")
        private boolean less(Object a, long seqA, Object b, long seqB) {
            int c = comparator == null
                    ? ((Comparable<? super E>) a).compareTo((E) b)
                    : comparator.compare((E) a, (E) b);
            return c < 0 || (c == 0 && seqA < seqB);
        }
    }
}
