package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Timeout arguments: negative (Python's rules), null, huge, and the JDK methods' own rule. */
@Timeout(60)
class QueueTimeoutTest {

    private static final Duration NEGATIVE = Duration.ofSeconds(-1);
    private static final String NEGATIVE_MESSAGE = "'timeout' must be a non-negative number: PT-1S";

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-09: put(item, -1 s) on a bounded queue and get(-1 s) raise IllegalArgumentException naming the timeout")
    void negativeTimeoutsAreRejected(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(5);
        assertThatThrownBy(() -> q.put(1, NEGATIVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(NEGATIVE_MESSAGE);
        assertThat(q.qsize()).isZero();
        assertThatThrownBy(() -> q.get(NEGATIVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(NEGATIVE_MESSAGE);
        // get checks its timeout whether or not an item is there, as in CPython; nothing is taken.
        q.put(1);
        assertThatThrownBy(() -> q.get(NEGATIVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(NEGATIVE_MESSAGE);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.unfinishedTasks()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-10: on an unbounded queue put's negative timeout is not checked: the put succeeds")
    void unboundedPutIgnoresTheTimeout(QueueKind kind) throws Exception {
        for (int maxsize : new int[] {0, -3}) {
            Queue<Integer> q = kind.create(maxsize);
            q.put(1, NEGATIVE);
            q.put(2, Duration.ofNanos(-1));
            assertThat(q.qsize()).isEqualTo(2);
            assertThat(q.unfinishedTasks()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("a null timeout is a NullPointerException, never 'wait forever'")
    void nullTimeoutIsRejected(QueueKind kind) {
        Queue<Integer> q = kind.create(5);
        assertThatThrownBy(() -> q.put(1, null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> q.get(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThat(q.qsize()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("huge timeouts saturate instead of overflowing: a wait of ChronoUnit.FOREVER still works")
    void hugeTimeoutsSaturate(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(1);
        Duration forever = ChronoUnit.FOREVER.getDuration();
        q.put(1, forever);                       // room: no wait
        BlockingCall<Void> putter = BlockingCall.run("putter", () -> q.put(2, forever)).awaitBlocked();
        assertThat(q.get(forever)).isEqualTo(1);
        putter.result();
        assertThat(q.get(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(2);
        assertThat(q.offer(3, Long.MAX_VALUE, TimeUnit.DAYS)).isTrue();
        assertThat(q.poll(Long.MAX_VALUE, TimeUnit.DAYS)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("the JDK's timed offer and poll keep the JDK's rule: a timeout <= 0 only checks")
    void jdkTimedMethodsTreatNegativeAsZero(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(1);
        assertThat(q.poll(-1, TimeUnit.SECONDS)).isNull();
        assertThat(q.offer(1, -1, TimeUnit.SECONDS)).isTrue();
        assertThat(q.offer(2, -1, TimeUnit.SECONDS)).isFalse();
        assertThat(q.offer(2, 0, TimeUnit.SECONDS)).isFalse();
        long start = System.nanoTime();
        assertThat(q.offer(2, 10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(q.poll(-1, TimeUnit.SECONDS)).isEqualTo(1);
        start = System.nanoTime();
        assertThat(q.poll(10, TimeUnit.MILLISECONDS)).isNull();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
    }
}
