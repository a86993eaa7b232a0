package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Changing maxsize on a live queue. */
@Timeout(60)
class QueueMaxsizeTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-13: lowering maxsize below qsize() keeps every item and makes putNowait raise Full until enough are taken")
    void shrinkingKeepsItems(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(3);
        q.put(1);
        q.put(2);
        q.put(3);
        assertThat(q.full()).isTrue();
        q.get();
        assertThat(q.full()).isFalse();
        q.setMaxsize(1);                          // qsize 2 > maxsize 1
        assertThat(q.maxsize()).isEqualTo(1);
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(q.full()).isTrue();
        assertThat(q.remainingCapacity()).isZero();
        assertThatThrownBy(() -> q.putNowait(4)).isInstanceOf(QueueFullException.class);
        assertThat(q.offer(4)).isFalse();
        q.getNowait();
        assertThatThrownBy(() -> q.putNowait(4)).as("qsize 1 == maxsize 1").isInstanceOf(QueueFullException.class);
        q.getNowait();
        q.putNowait(4);
        assertThat(q.full()).isTrue();
        assertThat(q.getNowait()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("raising maxsize wakes a putter blocked on the old bound; maxsize 0 makes the queue unbounded")
    void growingWakesPutters(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(1);
        q.put(1);
        BlockingCall<Void> putter = BlockingCall.run("putter", () -> q.put(2)).awaitBlocked();
        q.setMaxsize(2);
        putter.result();
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(q.full()).isTrue();

        BlockingCall<Void> timedPutter = BlockingCall.run("timed putter", () -> q.put(3, Duration.ofSeconds(20))).awaitBlocked();
        q.setMaxsize(0);
        timedPutter.result();
        assertThat(q.full()).isFalse();
        for (int i = 0; i < 100; i++) {
            q.putNowait(10 + i);
        }
        assertThat(q.qsize()).isEqualTo(103);
        assertThat(q.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("a bound above the first array's 4096 slots is honoured: the storage grows up to it and no further")
    void largeBoundGrowsOnDemand(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(10_000);
        for (int i = 0; i < 10_000; i++) {
            q.putNowait(i);
        }
        assertThat(q.full()).isTrue();
        assertThatThrownBy(() -> q.putNowait(-1)).isInstanceOf(QueueFullException.class);
        assertThat(q.getNowait()).isIn(0, 9_999);
        assertThat(q.qsize()).isEqualTo(9_999);
    }
}
