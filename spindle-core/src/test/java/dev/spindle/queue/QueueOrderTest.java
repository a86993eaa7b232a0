package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The order in which each queue returns its items: FIFO, LIFO, smallest first. */
@Timeout(60)
class QueueOrderTest {

    record Task(int priority, String name) {}

    private static List<Integer> drain(Queue<Integer> q) throws QueueEmptyException {
        List<Integer> out = new ArrayList<>();
        while (!q.empty()) {
            out.add(q.getNowait());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-01: 111, 333, 222 come back as [111, 333, 222] (FIFO), [222, 333, 111] (LIFO), [111, 222, 333] (priority)")
    void basicOrder(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(5);
        q.put(111);
        q.put(333);
        q.put(222);
        List<Integer> expected = switch (kind) {
            case FIFO -> List.of(111, 333, 222);
            case LIFO -> List.of(222, 333, 111);
            case PRIORITY -> List.of(111, 222, 333);
        };
        assertThat(drain(q)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = QueueKind.class, names = {"FIFO", "LIFO"})
    @DisplayName("the iterator, toArray and peek follow the order of get; the storage grows past its first array")
    void iterationFollowsRetrievalOrder(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        List<Integer> put = new ArrayList<>();
        for (int i = 0; i < 100; i++) {         // more than the initial 16 slots, so it grows
            q.put(i);
            put.add(i);
        }
        // Take some and put some more, so that a circular array wraps around.
        for (int i = 0; i < 30; i++) {
            put.remove(kind == QueueKind.FIFO ? put.getFirst() : put.getLast());
            q.getNowait();
            q.put(1000 + i);
            put.add(1000 + i);
        }
        List<Integer> expected = kind.retrievalOrder(put);
        assertThat(q).containsExactlyElementsOf(expected);
        assertThat(q.toArray()).containsExactlyElementsOf(expected);
        assertThat(q.toArray(new Integer[0])).containsExactlyElementsOf(expected);
        assertThat(q.peek()).isEqualTo(expected.getFirst());
        assertThat(drain(q)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("remove(Object) takes out the first equal item in the order of get, from anywhere, and keeps the order of the rest")
    void removeFromTheMiddleKeepsOrder(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        List<Integer> put = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            int value = random.nextInt(100);    // with duplicates
            q.put(value);
            put.add(value);
        }
        for (int i = 0; i < 60; i++) {          // wrap the circular array
            q.getNowait();
            put.remove(kind == QueueKind.LIFO ? put.size() - 1 : kind == QueueKind.FIFO ? 0 : put.indexOf(min(put)));
            int value = random.nextInt(100);
            q.put(value);
            put.add(value);
        }
        for (int i = 0; i < 50; i++) {
            Integer victim = put.get(random.nextInt(put.size()));
            assertThat(q.remove(victim)).isTrue();
            // The first equal item in the order of get: for LIFO, the one put last.
            put.remove(kind == QueueKind.LIFO ? put.lastIndexOf(victim) : put.indexOf(victim));
        }
        assertThat(q.remove(Integer.valueOf(5000))).isFalse();
        assertThat(q.contains(put.getFirst())).isTrue();
        assertThat(q.contains(5000)).isFalse();
        assertThat(drain(q)).isEqualTo(kind.retrievalOrder(put));
    }

    private static Integer min(List<Integer> values) {
        return values.stream().min(Integer::compare).orElseThrow();
    }

    @Test
    @DisplayName("QUEUE-16: whole items are compared, so equal priorities fall back to the comparator's next key")
    void wholeItemsAreCompared() throws Exception {
        PriorityQueue<Task> q = new PriorityQueue<>(0,
                Comparator.comparingInt(Task::priority).thenComparing(Task::name));
        q.put(new Task(2, "write"));
        q.put(new Task(1, "fix"));
        q.put(new Task(2, "answer"));
        q.put(new Task(1, "build"));
        assertThat(List.of(q.get(), q.get(), q.get(), q.get())).extracting(Task::name)
                .containsExactly("build", "fix", "answer", "write");
    }

    @Test
    @DisplayName("QUEUE-16: mutually incomparable items raise ClassCastException (Python's TypeError); the queue is unchanged")
    void incomparableItemsAreRejected() throws Exception {
        PriorityQueue<Object> q = new PriorityQueue<>();
        q.put(1);
        assertThatThrownBy(() -> q.put("one")).isInstanceOf(ClassCastException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.unfinishedTasks()).isEqualTo(1);

        Object plain = new Object();
        PriorityQueue<Object> empty = new PriorityQueue<>();
        assertThatThrownBy(() -> empty.put(plain)).isInstanceOf(ClassCastException.class)
                .hasMessage("java.lang.Object is not Comparable, and this PriorityQueue has no Comparator");
        assertThat(empty.qsize()).isZero();
        assertThat(empty.unfinishedTasks()).isZero();

        assertThat(q.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("deliberate deviation from QUEUE-16: equal priorities leave in FIFO order, even under interleaved puts and gets")
    void equalPrioritiesAreFifo() throws Exception {
        // Items are (priority, id); the comparator sees only the priority. CPython promises no
        // order among equal priorities; Spindle returns them in the order they were put.
        PriorityQueue<Task> q = new PriorityQueue<>(0, Comparator.comparingInt(Task::priority));
        java.util.PriorityQueue<long[]> model = new java.util.PriorityQueue<>(
                Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        Random random = new Random(7);
        long seq = 0;
        for (int round = 0; round < 5000; round++) {
            if (random.nextInt(3) > 0 || model.isEmpty()) {
                int priority = random.nextInt(5);
                long id = seq++;
                q.put(new Task(priority, Long.toString(id)));
                model.add(new long[] {priority, id});
            } else {
                long[] expected = model.poll();
                Task got = q.getNowait();
                assertThat(got.priority()).isEqualTo((int) expected[0]);
                assertThat(got.name()).isEqualTo(Long.toString(expected[1]));
            }
        }
        while (!model.isEmpty()) {
            assertThat(q.getNowait().name()).isEqualTo(Long.toString(model.poll()[1]));
        }
        assertThat(q.empty()).isTrue();
    }

    @Test
    @DisplayName("PriorityQueue: random puts, gets and removes agree with java.util.PriorityQueue ordered by (item, put order)")
    void heapAgreesWithTheJdk() throws Exception {
        PriorityQueue<Integer> q = new PriorityQueue<>(0, Comparator.reverseOrder());
        java.util.PriorityQueue<Integer> model = new java.util.PriorityQueue<>(Comparator.reverseOrder());
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            int op = random.nextInt(10);
            if (op < 5 || model.isEmpty()) {
                int value = random.nextInt(100);
                q.put(value);
                model.add(value);
            } else if (op < 9) {
                assertThat(q.getNowait()).isEqualTo(model.poll());
            } else {
                Integer victim = random.nextInt(100);
                assertThat(q.remove(victim)).isEqualTo(model.remove(victim));
            }
            assertThat(q.qsize()).isEqualTo(model.size());
        }
        assertThat(q.comparator()).isEqualTo(Comparator.reverseOrder());
    }
}
