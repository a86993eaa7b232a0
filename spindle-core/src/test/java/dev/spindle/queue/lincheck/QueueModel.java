package dev.spindle.queue.lincheck;

import java.util.ArrayDeque;
import java.util.Comparator;

/**
 * The sequential specification for {@link BoundedQueueOperations}: Python's {@code queue.py}
 * semantics written plainly over a JDK collection, independent of Spindle's implementation.
 * Subclasses choose the order.
 */
public abstract class QueueModel {

    private long unfinished;
    private boolean shutdown;

    /** Adds an item in this model's order. */
    abstract void add(int item);

    /** Removes the next item in this model's order; the model is not empty. */
    abstract int remove();

    abstract int size();

    abstract void clear();

    public String putNowait(int item) {
        return put(item);
    }

    public String putTimed(int item) {
        return put(item);
    }

    private String put(int item) {
        if (shutdown) {
            return "shut down";
        }
        if (size() >= BoundedQueueOperations.MAXSIZE) {
            return "full";
        }
        add(item);
        unfinished++;
        return "ok";
    }

    public String getNowait() {
        return get();
    }

    public String getTimed() {
        return get();
    }

    private String get() {
        if (size() == 0) {
            return shutdown ? "shut down" : "empty";
        }
        return Integer.toString(remove());
    }

    public int qsize() {
        return size();
    }

    public long unfinishedTasks() {
        return unfinished;
    }

    public String taskDone() {
        if (unfinished <= 0) {
            return "too many";
        }
        unfinished--;
        return "ok";
    }

    public void shutdown(boolean immediate) {
        shutdown = true;
        if (immediate) {
            unfinished = Math.max(0, unfinished - size());
            clear();
        }
    }

    /** A model over a deque, taken from the front; the subclass decides where puts go. */
    abstract static class OverDeque extends QueueModel {
        final ArrayDeque<Integer> items = new ArrayDeque<>();

        @Override
        int remove() {
            return items.removeFirst();
        }

        @Override
        int size() {
            return items.size();
        }

        @Override
        void clear() {
            items.clear();
        }
    }

    /** Python's Queue: a deque, put at the right, get from the left. */
    public static final class Fifo extends OverDeque {
        @Override
        void add(int item) {
            items.addLast(item);
        }
    }

    /** Python's LifoQueue: a stack, put and get at the same end. */
    public static final class Lifo extends OverDeque {
        @Override
        void add(int item) {
            items.addFirst(item);
        }
    }

    /**
     * The priority of the items under test: {@code item / 2}, so that items 1..4 have priorities
     * 0, 1, 1, 2 and 2 and 3 tie, which makes FIFO order among equals observable. A class of its
     * own rather than {@code Comparator.comparingInt}: Lincheck walks the object graph, and the
     * JDK's composed comparators live in a package it may not open.
     */
    public static final class ByHalf implements Comparator<Integer> {
        @Override
        public int compare(Integer a, Integer b) {
            return Integer.compare(a / 2, b / 2);
        }
    }

    /** Orders {@code (item, seq)} pairs by priority, then by put order. */
    static final class ByPriorityThenSeq implements Comparator<long[]> {
        @Override
        public int compare(long[] a, long[] b) {
            int c = Long.compare(a[0] / 2, b[0] / 2);
            return c != 0 ? c : Long.compare(a[1], b[1]);
        }
    }

    /**
     * Spindle's PriorityQueue ordered by {@link ByHalf}: smallest priority first, equal priorities
     * in the order they were put (a sequence number breaks ties).
     */
    public static final class Priority extends QueueModel {
        private final java.util.PriorityQueue<long[]> items = new java.util.PriorityQueue<>(new ByPriorityThenSeq());
        private long seq;

        @Override
        void add(int item) {
            items.add(new long[] {item, seq++});
        }

        @Override
        int remove() {
            return (int) items.remove()[0];
        }

        @Override
        int size() {
            return items.size();
        }

        @Override
        void clear() {
            items.clear();
        }
    }
}
