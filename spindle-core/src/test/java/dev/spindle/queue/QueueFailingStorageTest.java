package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An exception from a storage hook (CPython's {@code _put}/{@code _get}) reaches the caller and
 * leaves the queue, its count and its lock as they were: CPython's {@code FailingQueueTest}.
 */
@Timeout(60)
class QueueFailingStorageTest {

    private static final int QUEUE_SIZE = 5;

    static final class FailingQueueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailingQueueException() {
            super("You Lose");
        }
    }

    /** FIFO storage that fails its next insert or extract on demand, before changing anything. */
    static final class FailingStorage<E> extends Storage<E> {
        private final Queue.Ring<E> ring = new Queue.Ring<>(2);
        volatile boolean failNextPut;
        volatile boolean failNextGet;

        @Override
        void insert(E item) {
            if (failNextPut) {
                failNextPut = false;
                throw new FailingQueueException();
            }
            ring.insert(item);
            size = ring.size;
        }

        @Override
        E extract() {
            if (failNextGet) {
                failNextGet = false;
                throw new FailingQueueException();
            }
            E item = ring.extract();
            size = ring.size;
            return item;
        }

        @Override
        E get(int position) {
            return ring.get(position);
        }

        @Override
        E removeAt(int position) {
            E item = ring.removeAt(position);
            size = ring.size;
            return item;
        }

        @Override
        void clear() {
            ring.clear();
            size = 0;
        }
    }

    private static <T> BlockingCall<T> blocked(String name, java.util.concurrent.Callable<T> call) {
        return BlockingCall.start(name, call).awaitBlocked();
    }

    /** CPython's failing_queue_test, step by step. */
    private static void failingQueueTest(Queue<String> q, FailingStorage<String> storage) throws Exception {
        assertThat(q.qsize()).isZero();
        long unfinished = q.unfinishedTasks();
        for (int i = 0; i < QUEUE_SIZE - 1; i++) {
            q.put(Integer.toString(i));
        }
        // A failing non-blocking put, and a failing timed put.
        storage.failNextPut = true;
        assertThatThrownBy(() -> q.putNowait("oops")).isInstanceOf(FailingQueueException.class);
        storage.failNextPut = true;
        assertThatThrownBy(() -> q.put("oops", Duration.ofMillis(100))).isInstanceOf(FailingQueueException.class);
        assertThat(q.qsize()).isEqualTo(QUEUE_SIZE - 1);
        q.put("last");
        assertThat(q.full()).isTrue();

        // A failing blocking put: it blocks, a get makes room, then the put fails.
        storage.failNextPut = true;
        BlockingCall<Void> putter = BlockingCall.run("putter", () -> q.put("full")).awaitBlocked();
        q.get();
        assertThat(putter.failure()).isInstanceOf(FailingQueueException.class);
        assertThat(q.qsize()).isEqualTo(QUEUE_SIZE - 1);
        q.put("last");                          // the put failed but the get succeeded: re-add

        // A failing timed put that had to wait.
        storage.failNextPut = true;
        BlockingCall<Void> timedPutter = BlockingCall.run("timed putter", () -> q.put("full", Duration.ofSeconds(10))).awaitBlocked();
        q.get();
        assertThat(timedPutter.failure()).isInstanceOf(FailingQueueException.class);
        q.put("last");
        assertThat(q.full()).isTrue();
        q.get();
        assertThat(q.full()).isFalse();
        q.put("last");
        assertThat(q.full()).isTrue();

        // A blocking put that succeeds.
        BlockingCall<Void> goodPutter = BlockingCall.run("good putter", () -> q.put("full")).awaitBlocked();
        q.get();
        goodPutter.result();

        // Empty it.
        for (int i = 0; i < QUEUE_SIZE; i++) {
            q.get();
        }
        assertThat(q.empty()).isTrue();
        q.put("first");
        storage.failNextGet = true;
        assertThatThrownBy(q::get).isInstanceOf(FailingQueueException.class);
        assertThat(q.qsize()).isEqualTo(1);
        storage.failNextGet = true;
        assertThatThrownBy(() -> q.get(Duration.ofMillis(100))).isInstanceOf(FailingQueueException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("first");
        assertThat(q.empty()).isTrue();

        // A failing blocking get: it blocks, a put arrives, then the get fails; the item stays.
        storage.failNextGet = true;
        BlockingCall<String> getter = blocked("getter", q::get);
        q.put("empty");
        assertThat(getter.failure()).isInstanceOf(FailingQueueException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("empty");
        assertThat(q.empty()).isTrue();

        // Every successful put was counted once, and no failed one.
        assertThat(q.unfinishedTasks() - unfinished).isEqualTo(QUEUE_SIZE - 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1);
    }

    @Test
    @DisplayName("QUEUE-14: a failing put or get hook reaches the caller and leaves the queue, its size and its lock consistent, in non-blocking, timed and blocking paths")
    void failingQueue() throws Exception {
        FailingStorage<String> storage = new FailingStorage<>();
        Queue<String> q = new Queue<>(QUEUE_SIZE, storage);
        failingQueueTest(q, storage);
        failingQueueTest(q, storage);           // twice on the same queue, as CPython does
        // The lock is free: another thread can use the queue at once.
        BlockingCall<Boolean> other = BlockingCall.start("other", () -> q.offer("x"));
        assertThat(other.result()).isTrue();
    }

    @Test
    @DisplayName("QUEUE-14: a putter woken for a free slot whose put fails passes the wake-up on to the next putter")
    void failedPutterPassesTheSignalOn() throws Exception {
        FailingStorage<String> storage = new FailingStorage<>();
        Queue<String> q = new Queue<>(1, storage);
        q.put("a");
        BlockingCall<Void> first = BlockingCall.run("first putter", () -> q.put("b")).awaitBlocked();
        BlockingCall<Void> second = BlockingCall.run("second putter", () -> q.put("c")).awaitBlocked();
        storage.failNextPut = true;
        assertThat(q.get()).isEqualTo("a");      // one slot, one signal
        List<Throwable> failures = new ArrayList<>();
        for (BlockingCall<Void> putter : List.of(first, second)) {
            try {
                putter.result();
            } catch (AssertionError e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).singleElement().isInstanceOf(FailingQueueException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.getNowait()).isIn("b", "c");
    }

    @Test
    @DisplayName("QUEUE-14: a getter woken for an item whose get fails passes the wake-up on to the next getter")
    void failedGetterPassesTheSignalOn() throws Exception {
        FailingStorage<String> storage = new FailingStorage<>();
        Queue<String> q = new Queue<>(0, storage);
        BlockingCall<String> first = blocked("first getter", q::get);
        BlockingCall<String> second = blocked("second getter", q::get);
        storage.failNextGet = true;
        q.put("item");                           // one item, one signal
        List<String> got = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (BlockingCall<String> getter : List.of(first, second)) {
            try {
                got.add(getter.result());
            } catch (AssertionError e) {
                failures.add(e.getCause());
            }
        }
        assertThat(got).containsExactly("item");
        assertThat(failures).singleElement().isInstanceOf(FailingQueueException.class);
        assertThat(q.empty()).isTrue();
    }

    @Test
    @DisplayName("QUEUE-14: a PriorityQueue whose comparator throws at any comparison of a put, timed put, get or remove is left intact")
    void throwingComparatorLeavesTheHeapIntact() throws Exception {
        // The comparator throws at its n-th call from now: the first one, or half way up or
        // down the heap, after some entries have already moved.
        int[] callsUntilFailure = {-1};
        Comparator<Integer> flaky = (a, b) -> {
            if (callsUntilFailure[0] >= 0 && callsUntilFailure[0]-- == 0) {
                throw new FailingQueueException();
            }
            return Integer.compare(a, b);
        };
        PriorityQueue<Integer> q = new PriorityQueue<>(0, flaky);
        List<Integer> model = new ArrayList<>();
        Random random = new Random(3);
        int failures = 0;
        long unfinished = 0;
        for (int i = 0; i < 20_000; i++) {
            int value = random.nextInt(50);
            boolean fail = random.nextInt(3) == 0;
            callsUntilFailure[0] = fail ? random.nextInt(12) : -1;
            int op = model.size() < 200 ? random.nextInt(4) : 2 + random.nextInt(2);
            try {
                switch (op) {
                    case 0 -> q.put(value);
                    case 1 -> q.put(value, Duration.ofMillis(1));
                    case 2 -> {
                        if (!model.isEmpty()) {
                            Integer got = q.get(Duration.ofMillis(1));
                            assertThat(got).isEqualTo(model.stream().min(Integer::compare).orElseThrow());
                            model.remove(got);
                        }
                    }
                    default -> {
                        if (q.remove(value)) {
                            model.remove(Integer.valueOf(value));
                            unfinished--;           // a discarded item counts as done
                        }
                    }
                }
                if (op < 2) {
                    model.add(value);
                    unfinished++;
                }
            } catch (FailingQueueException expected) {
                assertThat(fail).isTrue();
                failures++;
            }
            callsUntilFailure[0] = -1;
            assertThat(q.qsize()).isEqualTo(model.size());
            assertThat(q.unfinishedTasks()).isEqualTo(unfinished);
        }
        assertThat(failures).as("comparisons that threw").isGreaterThan(1000);
        List<Integer> drained = new ArrayList<>();
        q.drainTo(drained);
        assertThat(drained).isEqualTo(model.stream().sorted().toList());
    }
}
