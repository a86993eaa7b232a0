package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SimpleQueue: Python's unbounded FIFO without task accounting or shutdown. */
@Timeout(60)
class SimpleQueueTest {

    @Test
    @DisplayName("SQUEUE-01: FIFO; qsize() and empty() follow the contents; puts never block; getNowait, get(0) and get(1 ms) on an empty queue raise Empty")
    void basics() throws Exception {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        assertThat(q.empty()).isTrue();
        assertThat(q.qsize()).isZero();
        q.put(111);
        q.putNowait(333);
        q.put(222, Duration.ofSeconds(-1));       // never blocks, so the timeout is not used
        assertThat(q.empty()).isFalse();
        assertThat(q.qsize()).isEqualTo(3);
        assertThat(List.of(q.get(), q.getNowait(), q.get(Duration.ofSeconds(1)))).containsExactly(111, 333, 222);
        assertThat(q.empty()).isTrue();
        assertThat(q.qsize()).isZero();

        assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class).hasMessage("SimpleQueue is empty");
        assertThatThrownBy(() -> q.get(Duration.ZERO)).isInstanceOf(QueueEmptyException.class)
                .hasMessage("SimpleQueue is still empty after PT0S");
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.get(Duration.ofMillis(1))).isInstanceOf(QueueEmptyException.class)
                .hasMessage("SimpleQueue is still empty after PT0.001S");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(1).toNanos());

        for (int i = 0; i < 100_000; i++) {         // unbounded: no put can fail or wait
            q.putNowait(i);
        }
        assertThat(q.qsize()).isEqualTo(100_000);
        assertThat(q.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    @DisplayName("SQUEUE-01: get() on an empty SimpleQueue blocks until another thread puts")
    void getBlocks() throws Exception {
        SimpleQueue<String> q = new SimpleQueue<>();
        BlockingCall<String> getter = BlockingCall.start("getter", q::get).awaitBlocked();
        q.put("hello");
        assertThat(getter.result()).isEqualTo("hello");
        BlockingCall<String> timedGetter = BlockingCall.start("timed getter", () -> q.get(Duration.ofSeconds(30))).awaitBlocked();
        q.put("again");
        assertThat(timedGetter.result()).isEqualTo("again");
    }

    @Test
    @DisplayName("SQUEUE-02: get(-1 s) raises IllegalArgumentException naming the timeout, even with items queued")
    void negativeTimeout() throws Exception {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'timeout' must be a non-negative number: PT-1S");
        q.put(1);
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThatThrownBy(() -> q.get(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class).hasMessage("item");
    }

    @Test
    @DisplayName("SQUEUE-05: SimpleQueue has no maxsize, taskDone, join or shutdown, and is not a Queue")
    void noTaskAccountingOrShutdown() {
        List<String> publicMethods = Arrays.stream(SimpleQueue.class.getMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName)
                .toList();
        assertThat(publicMethods).contains("put", "putNowait", "get", "getNowait", "qsize", "empty")
                .doesNotContain("maxsize", "setMaxsize", "full", "taskDone", "join", "unfinishedTasks",
                        "shutdown", "isShutdown");
        assertThat(Queue.class.isAssignableFrom(SimpleQueue.class)).isFalse();
    }

    @Test
    @DisplayName("an interrupted get on an empty SimpleQueue throws InterruptedException")
    void interruptedGet() throws Exception {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        BlockingCall<Integer> getter = BlockingCall.start("getter", q::get).awaitBlocked();
        getter.thread().interrupt();
        assertThat(getter.failure()).isInstanceOf(InterruptedException.class);
        q.put(1);
        assertThat(q.getNowait()).isEqualTo(1);
    }
}
