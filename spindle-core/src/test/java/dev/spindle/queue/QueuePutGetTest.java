package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Putting and getting, without waiting, with a timeout and blocking, on all three queues. */
@Timeout(60)
class QueuePutGetTest {

    private static final int QUEUE_SIZE = 5;
    private static final Duration SHORT = Duration.ofMillis(10);

    private static Queue<Integer> fullQueue(QueueKind kind) throws InterruptedException {
        Queue<Integer> q = kind.create(QUEUE_SIZE);
        for (int i = 0; i < QUEUE_SIZE; i++) {
            q.put(i);
        }
        return q;
    }

    private static String name(QueueKind kind) {
        return switch (kind) {
            case FIFO -> "Queue";
            case LIFO -> "LifoQueue";
            case PRIORITY -> "PriorityQueue";
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-02: a new queue is empty and not full; full() holds exactly when qsize() == maxsize > 0")
    void emptyAndFull(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(QUEUE_SIZE);
        assertThat(q.empty()).isTrue();
        assertThat(q.full()).isFalse();
        assertThat(q.maxsize()).isEqualTo(QUEUE_SIZE);
        for (int i = 1; i <= QUEUE_SIZE; i++) {
            q.put(i);
            assertThat(q.empty()).isFalse();
            assertThat(q.qsize()).isEqualTo(i);
            assertThat(q.full()).as("full() at qsize %d", i).isEqualTo(i == QUEUE_SIZE);
        }
        for (int i = QUEUE_SIZE - 1; i >= 0; i--) {
            q.get();
            assertThat(q.full()).isFalse();
            assertThat(q.empty()).isEqualTo(i == 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-03: maxsize 0 and -1 are unbounded: puts never fail or block, full() is always false")
    void unbounded(QueueKind kind) throws Exception {
        for (int maxsize : new int[] {0, -1}) {
            Queue<Integer> q = kind.create(maxsize);
            assertThat(q.maxsize()).isEqualTo(maxsize);
            for (int i = 0; i < 10_000; i++) {
                q.putNowait(i);                  // would throw QueueFullException if bounded
                assertThat(q.full()).isFalse();
            }
            q.put(-1, Duration.ZERO);
            assertThat(q.offer(-2)).isTrue();
            assertThat(q.qsize()).isEqualTo(10_002);
            assertThat(q.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-04 QUEUE-08: on a full queue putNowait raises Full at once, put(timeout) after the timeout")
    void putOnAFullQueueFails(QueueKind kind) throws Exception {
        Queue<Integer> q = fullQueue(kind);
        String name = name(kind);
        assertThatThrownBy(() -> q.putNowait(99)).isInstanceOf(QueueFullException.class)
                .hasMessage(name + " is full (maxsize=5)");
        assertThatThrownBy(() -> q.put(99, Duration.ZERO)).isInstanceOf(QueueFullException.class)
                .hasMessage(name + " is still full after PT0S (maxsize=5)");
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.put(99, SHORT)).isInstanceOf(QueueFullException.class)
                .hasMessage(name + " is still full after PT0.01S (maxsize=5)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
        assertThat(q.qsize()).isEqualTo(QUEUE_SIZE);
        assertThat(q.unfinishedTasks()).isEqualTo(QUEUE_SIZE);
        assertThat(q).doesNotContain(99);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-05: put() on a full queue really blocks, until another thread calls get()")
    void putBlocksUntilAGet(QueueKind kind) throws Exception {
        Queue<Integer> q = fullQueue(kind);
        BlockingCall<Void> putter = BlockingCall.run("putter", () -> q.put(99)).awaitBlocked();
        assertThat(q.qsize()).isEqualTo(QUEUE_SIZE);
        q.get();
        putter.result();
        assertThat(q.qsize()).isEqualTo(QUEUE_SIZE);
        assertThat(q).contains(99);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-05: put(item, 10 s) on a full queue really blocks, until another thread calls get()")
    void timedPutBlocksUntilAGet(QueueKind kind) throws Exception {
        Queue<Integer> q = fullQueue(kind);
        BlockingCall<Void> putter = BlockingCall.run("putter", () -> q.put(99, Duration.ofSeconds(10))).awaitBlocked();
        assertThat(putter.thread().getState()).isEqualTo(Thread.State.TIMED_WAITING);
        q.get();
        putter.result();
        assertThat(q).contains(99);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-06 QUEUE-08: on an empty queue getNowait raises Empty at once, get(timeout) after the timeout")
    void getOnAnEmptyQueueFails(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(QUEUE_SIZE);
        String name = name(kind);
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class).hasMessage(name + " is empty");
        assertThatThrownBy(() -> q.get(Duration.ZERO)).isInstanceOf(QueueEmptyException.class)
                .hasMessage(name + " is still empty after PT0S");
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.get(SHORT)).isInstanceOf(QueueEmptyException.class)
                .hasMessage(name + " is still empty after PT0.01S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
        assertThat(q.empty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-07: get() on an empty queue blocks until another thread puts, and returns that item")
    void getBlocksUntilAPut(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(QUEUE_SIZE);
        BlockingCall<Integer> getter = BlockingCall.start("getter", q::get).awaitBlocked();
        q.put(42);
        assertThat(getter.result()).isEqualTo(42);
        assertThat(q.empty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-07: get(10 s) on an empty queue blocks until another thread puts, and returns that item")
    void timedGetBlocksUntilAPut(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(QUEUE_SIZE);
        BlockingCall<Integer> getter = BlockingCall.start("getter", () -> q.get(Duration.ofSeconds(10))).awaitBlocked();
        assertThat(getter.thread().getState()).isEqualTo(Thread.State.TIMED_WAITING);
        q.put(42);
        assertThat(getter.result()).isEqualTo(42);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-08: putNowait fills the queue and getNowait empties it, in the queue's order")
    void nowaitRoundTrip(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(QUEUE_SIZE);
        for (int i = 0; i < QUEUE_SIZE; i++) {
            q.putNowait(i);
        }
        assertThatThrownBy(() -> q.putNowait(QUEUE_SIZE)).isInstanceOf(QueueFullException.class);
        for (int expected : kind.retrievalOrder(java.util.List.of(0, 1, 2, 3, 4))) {
            assertThat(q.getNowait()).isEqualTo(expected);
        }
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("null items are rejected with NullPointerException by every put, and nothing is counted")
    void nullItemsAreRejected(QueueKind kind) {
        Queue<Integer> q = kind.create(QUEUE_SIZE);
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class).hasMessage("item");
        assertThatThrownBy(() -> q.put(null, Duration.ZERO)).isInstanceOf(NullPointerException.class).hasMessage("item");
        assertThatThrownBy(() -> q.putNowait(null)).isInstanceOf(NullPointerException.class).hasMessage("item");
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null, 1, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(NullPointerException.class);
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).isZero();
    }
}
