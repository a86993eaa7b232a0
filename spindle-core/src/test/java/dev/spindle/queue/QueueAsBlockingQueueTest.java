package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each queue as a java.util.concurrent.BlockingQueue, with the JDK's meaning, and in a ThreadPoolExecutor. */
@Timeout(60)
class QueueAsBlockingQueueTest {

    static Stream<Arguments> unboundedQueues() {
        return Stream.of(
                Arguments.of("Queue", (Supplier<BlockingQueue<Integer>>) Queue::new),
                Arguments.of("LifoQueue", (Supplier<BlockingQueue<Integer>>) LifoQueue::new),
                Arguments.of("PriorityQueue", (Supplier<BlockingQueue<Integer>>) PriorityQueue::new),
                Arguments.of("SimpleQueue", (Supplier<BlockingQueue<Integer>>) SimpleQueue::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unboundedQueues")
    @DisplayName("offer, poll, peek, element, remove, size, contains, toArray and drainTo keep the JDK's meaning")
    void collectionBasics(String name, Supplier<BlockingQueue<Integer>> factory) throws Exception {
        BlockingQueue<Integer> q = factory.get();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
        assertThatThrownBy(q::element).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(q::remove).isInstanceOf(NoSuchElementException.class);
        assertThat(q.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
        for (int i = 1; i <= 5; i++) {
            assertThat(q.offer(i)).isTrue();
        }
        q.add(6);
        q.put(7);
        assertThat(q.offer(8, 1, TimeUnit.SECONDS)).isTrue();
        assertThat(q).hasSize(8).contains(3).doesNotContain(42);
        assertThat(q.contains(null)).isFalse();
        assertThat(q.remove(null)).isFalse();
        Integer head = q.peek();
        assertThat(q.element()).isEqualTo(head);
        assertThat(q.poll()).isEqualTo(head);
        assertThat(q.take()).isNotNull();
        assertThat(q.poll(1, TimeUnit.SECONDS)).isNotNull();
        assertThat(q.remove()).isNotNull();
        assertThat(q).hasSize(4);

        Integer[] big = new Integer[10];
        Arrays.fill(big, -1);
        assertThat(q.toArray(big)).isSameAs(big);
        assertThat(big[4]).isNull();
        assertThat((Object[]) q.toArray(new Integer[0])).hasSize(4).containsExactlyInAnyOrder(q.toArray());

        List<Integer> sink = new ArrayList<>();
        Object[] before = q.toArray();
        assertThat(q.drainTo(sink, 2)).isEqualTo(2);
        assertThat(q.drainTo(sink)).isEqualTo(2);
        assertThat(q.drainTo(sink, 0)).isZero();
        assertThat(q.isEmpty()).isTrue();
        if (!name.equals("PriorityQueue")) {
            assertThat(sink.toArray()).containsExactly(before);
        } else {
            assertThat(sink).isSorted();
        }
        assertThatThrownBy(() -> q.drainTo(q)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot drain a queue into itself");
        assertThatThrownBy(() -> q.drainTo(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unboundedQueues")
    @DisplayName("the iterator never throws ConcurrentModificationException and its remove() takes the item out")
    void iteratorIsSafeUnderChange(String name, Supplier<BlockingQueue<Integer>> factory) throws Exception {
        BlockingQueue<Integer> q = factory.get();
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        int visited = 0;
        for (Iterator<Integer> it = q.iterator(); it.hasNext();) {
            Integer item = it.next();
            visited++;
            if (item < 100) {
                q.offer(100 + item);             // changing the queue while iterating is allowed
            }
            if (item == 4) {
                it.remove();
            }
        }
        assertThat(visited).isGreaterThanOrEqualTo(10);
        assertThat(q).doesNotContain(4).contains(3, 5, 100);
        assertThatThrownBy(() -> q.iterator().remove()).isInstanceOf(IllegalStateException.class);
        Iterator<Integer> drained = q.iterator();
        q.clear();
        assertThat(q).isEmpty();
        while (drained.hasNext()) {                // a weakly consistent or snapshot iterator ends cleanly
            drained.next();
        }
        assertThatThrownBy(drained::next).isInstanceOf(NoSuchElementException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("drainTo frees room for blocked putters, and an item the sink refuses stays queued")
    void drainToOnBoundedQueues(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(2);
        q.put(1);
        q.put(2);
        assertThat(q.remainingCapacity()).isZero();
        BlockingCall<Void> putter = BlockingCall.run("putter", () -> q.put(3)).awaitBlocked();
        List<Integer> sink = new ArrayList<>();
        assertThat(q.drainTo(sink, 1)).isEqualTo(1);
        putter.result();
        assertThat(q.qsize()).isEqualTo(2);

        List<Integer> refusing = new ArrayList<>() {
            @Override
            public boolean add(Integer item) {
                if (size() == 1) {
                    throw new IllegalStateException("sink full");
                }
                return super.add(item);
            }
        };
        assertThatThrownBy(() -> q.drainTo(refusing)).isInstanceOf(IllegalStateException.class).hasMessage("sink full");
        assertThat(refusing).hasSize(1);
        assertThat(q.qsize()).as("the refused item is still queued").isEqualTo(1);
        assertThat(q.unfinishedTasks()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("add on a full queue throws IllegalStateException naming maxsize; offer returns false")
    void addOnAFullQueue(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(1);
        assertThat(q.add(1)).isTrue();
        assertThat(q.offer(2)).isFalse();
        assertThatThrownBy(() -> q.add(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage(q.getClass().getSimpleName() + " is full (maxsize=1)");
        assertThatThrownBy(() -> q.addAll(List.of(2))).isInstanceOf(IllegalStateException.class);
        assertThat(q.qsize()).isEqualTo(1);
    }

    /** A task for a ThreadPoolExecutor that records the order it ran in. */
    record Step(int priority, List<Integer> ran) implements Runnable {
        @Override
        public void run() {
            ran.add(priority);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("a ThreadPoolExecutor over each queue runs queued tasks in the queue's order; a full bounded queue makes it reject")
    void threadPoolExecutor(QueueKind kind) throws Exception {
        BlockingQueue<Runnable> work = switch (kind) {
            case FIFO -> new Queue<>(3);
            case LIFO -> new LifoQueue<>(3);
            case PRIORITY -> new PriorityQueue<>(3, Comparator.comparingInt(r -> ((Step) r).priority()));
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, work);
        try {
            CountDownLatch release = occupy(pool);
            List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
            for (int priority : List.of(3, 1, 2)) {
                pool.execute(new Step(priority, ran));
            }
            assertThatThrownBy(() -> pool.execute(new Step(9, ran))).isInstanceOf(RejectedExecutionException.class);
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).isEqualTo(kind.retrievalOrder(List.of(3, 1, 2)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a ThreadPoolExecutor over a SimpleQueue runs every task; shutdownNow() drains the queued ones")
    void threadPoolExecutorOverSimpleQueue() throws Exception {
        SimpleQueue<Runnable> work = new SimpleQueue<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, work);
        CountDownLatch release = occupy(pool);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            pool.execute(new Step(i, ran));
        }
        assertThat(work.qsize()).isEqualTo(5);
        List<Runnable> neverRan = pool.shutdownNow();
        assertThat(neverRan).hasSize(5);
        assertThat(work.empty()).isTrue();
        release.countDown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isEmpty();
    }

    /** Keeps the pool's one worker busy until the returned latch is counted down. */
    private static CountDownLatch occupy(ThreadPoolExecutor pool) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            running.countDown();
            awaitQuietly(release);
        });
        running.await();
        return release;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
