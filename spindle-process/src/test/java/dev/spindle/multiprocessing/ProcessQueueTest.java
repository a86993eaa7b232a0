package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.queue.QueueEmptyException;
import dev.spindle.queue.QueueFullException;
import dev.spindle.testing.TestThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A process queue's semantics within its owner (ProcessQueueAcrossProcessesTest: the same across processes). */
@Timeout(60)
class ProcessQueueTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    @DisplayName("MPQ-01: put, put with a timeout and putNowait fill a queue of maxsize 6; then full() is true and empty() false")
    void fill() throws Exception {
        ProcessQueue<Integer> q = new ProcessQueue<>(6);
        assertThat(q.empty()).isTrue();
        assertThat(q.full()).isFalse();
        q.put(1);
        q.put(2);
        q.put(3, Duration.ofSeconds(1));
        q.put(4, Duration.ZERO);
        q.putNowait(5);
        q.putNowait(6);
        assertThat(q.full()).isTrue();
        assertThat(q.empty()).isFalse();
        assertThat(q.qsize()).isEqualTo(6);
        assertThat(q.maxsize()).isEqualTo(6);
    }

    @Test
    @DisplayName("MPQ-02: on a full queue putNowait and put(x, 0) throw QueueFullException at once; put(x, t) after about t")
    void fullQueue() throws Exception {
        ProcessQueue<Integer> q = new ProcessQueue<>(1);
        q.put(1);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(QueueFullException.class).hasMessage("ProcessQueue is full (maxsize=1)");
        assertThatThrownBy(() -> q.put(2, Duration.ZERO)).isInstanceOf(QueueFullException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        long t1 = System.nanoTime();
        assertThatThrownBy(() -> q.put(2, SHORT)).isInstanceOf(QueueFullException.class)
                .hasMessage("ProcessQueue is still full after PT0.2S (maxsize=1)");
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        assertThatThrownBy(() -> q.put(2, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'timeout' must be a non-negative number: PT-1S");
        assertThat(q.qsize()).isEqualTo(1);
    }

    @Test
    @DisplayName("MPQ-03: on an empty queue getNowait and get(0) throw QueueEmptyException at once; get(t) after about t (at least 0.1 s for 0.2 s)")
    void emptyQueue() throws Exception {
        ProcessQueue<Integer> q = new ProcessQueue<>();
        long t0 = System.nanoTime();
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class).hasMessage("ProcessQueue is empty");
        assertThatThrownBy(() -> q.get(Duration.ZERO)).isInstanceOf(QueueEmptyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        long t1 = System.nanoTime();
        assertThatThrownBy(() -> q.get(SHORT)).isInstanceOf(QueueEmptyException.class).hasMessage("ProcessQueue is still empty after PT0.2S");
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isGreaterThanOrEqualTo(Duration.ofMillis(100)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("MPQ-04 MPQ-05: first in, first out; qsize follows puts and gets; items are copies")
    void fifoAndQsize() throws Exception {
        ProcessQueue<List<Integer>> q = new ProcessQueue<>();
        List<Integer> item = new ArrayList<>(List.of(1));
        q.put(item);
        item.add(2);                 // a change after put does not reach the queued copy
        q.put(List.of(3));
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(q.get()).isEqualTo(List.of(1));
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo(List.of(3));
        assertThat(q.qsize()).isZero();
    }

    @Test
    @DisplayName("MPQ-07: an unserializable item fails in the putting thread and nothing else breaks; with maxsize 1 qsize stays right")
    void unserializableItem() throws Exception {
        ProcessQueue<Object> q = new ProcessQueue<>(1);
        assertThatThrownBy(() -> q.put(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the item cannot be serialized")
                .hasCauseInstanceOf(java.io.NotSerializableException.class);
        assertThat(q.qsize()).isZero();
        q.put("next");
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("next");
    }

    @Test
    @DisplayName("MPQ-08 MPQ-09: after close(), put, get, qsize and empty throw IllegalStateException 'Queue is closed'; close twice is fine")
    void closed() throws Exception {
        ProcessQueue<Integer> q = new ProcessQueue<>();
        q.put(1);
        q.close();
        q.close();
        assertThat(q.isClosed()).isTrue();
        assertThatThrownBy(() -> q.put(2)).isInstanceOf(IllegalStateException.class).hasMessage("Queue is closed");
        assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(IllegalStateException.class).hasMessage("Queue is closed");
        assertThatThrownBy(q::get).isInstanceOf(IllegalStateException.class).hasMessage("Queue is closed");
        assertThatThrownBy(q::getNowait).isInstanceOf(IllegalStateException.class).hasMessage("Queue is closed");
        assertThatThrownBy(q::qsize).isInstanceOf(IllegalStateException.class).hasMessage("Queue is closed");
        assertThatThrownBy(q::empty).isInstanceOf(IllegalStateException.class).hasMessage("Queue is closed");
        assertThat(q.toString()).isEqualTo("ProcessQueue[maxsize=0, owner=this process, closed]");
    }

    @Test
    @DisplayName("MPQ-06: JoinableProcessQueue.join() returns once every item is taskDone(); too many taskDone() is IllegalStateException")
    void joinable() throws Exception {
        JoinableProcessQueue<String> q = new JoinableProcessQueue<>();
        q.put("a");
        q.put("b");
        TestThread<Void> joiner = TestThread.run("joiner", q::join);
        joiner.awaitBlocked();
        q.get();
        q.taskDone();
        q.get();
        assertThat(joiner.isDone()).isFalse();
        q.taskDone();
        joiner.join();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class).hasMessage("task_done() called too many times");
    }

    @Test
    @DisplayName("a get interrupted while waiting throws InterruptedException and takes nothing")
    void interruptedGet() throws Exception {
        ProcessQueue<String> q = new ProcessQueue<>();
        TestThread<String> getter = TestThread.start("getter", q::get);
        getter.awaitBlocked();
        getter.thread().interrupt();
        assertThat(getter.joinFailure()).isInstanceOf(InterruptedException.class);
        q.put("kept");
        assertThat(q.getNowait()).isEqualTo("kept");
    }

    @Test
    @DisplayName("a queue handle travels through serialization outside a task (into another queue, say) and reaches the same queue")
    void handleThroughAQueue() throws Exception {
        ProcessQueue<String> inner = new ProcessQueue<>();
        ProcessQueue<ProcessQueue<String>> outer = new ProcessQueue<>();
        outer.put(inner);
        ProcessQueue<String> back = outer.get();
        back.put("through the copy");
        assertThat(inner.get()).isEqualTo("through the copy");
        back.close();
        inner.put("the original still works");
        assertThat(inner.get()).isEqualTo("the original still works");
        ProcessQueue<?> copy = (ProcessQueue<?>) Codec.deserialize(Codec.serialize(new JoinableProcessQueue<String>(3)));
        assertThat(copy).isInstanceOf(JoinableProcessQueue.class);
        assertThat(copy.maxsize()).isEqualTo(3);
    }
}
