package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.testing.TestThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventTest {

    @Test
    @DisplayName("EVENT-01: isSet is false at first; set and clear are idempotent")
    void isSet() {
        Event e = new Event();
        assertThat(e.isSet()).isFalse();
        e.set();
        assertThat(e.isSet()).isTrue();
        e.set();
        assertThat(e.isSet()).isTrue();
        e.clear();
        assertThat(e.isSet()).isFalse();
        e.clear();
        assertThat(e.isSet()).isFalse();
    }

    @Test
    @DisplayName("EVENT-02: set wakes all 5 waiters; later awaits return at once; the same works after clear")
    void notifyAllWaiters() throws Exception {
        Event e = new Event();
        for (int round = 0; round < 2; round++) {
            List<TestThread<Boolean>> waiters = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                waiters.add(TestThread.start("waiter-" + i, () -> {
                    e.await();
                    return e.await(Duration.ofSeconds(20));
                }).awaitBlocked());
            }
            e.set();
            for (TestThread<Boolean> w : waiters) {
                assertThat(w.join()).isTrue();
            }
            e.await();   // returns at once
            assertThat(e.await(Duration.ZERO)).isTrue();
            e.clear();
        }
    }

    @Test
    @DisplayName("EVENT-03: await(0) returns false at once while unset")
    void zeroTimeout() throws Exception {
        assertThat(new Event().await(Duration.ZERO)).isFalse();
    }

    @Test
    @DisplayName("EVENT-04: await(timeout) returns false after about the timeout while unset, true at once when set")
    void timeout() throws Exception {
        Event e = new Event();
        Duration timeout = Duration.ofMillis(200);
        long t0 = System.nanoTime();
        assertThat(e.await(timeout)).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo((long) (timeout.toNanos() * 0.6));
        e.set();
        t0 = System.nanoTime();
        assertThat(e.await(Duration.ofDays(1))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("EVENT-05: every thread waiting when set ran returns true, even if clear follows at once")
    void setAndClear() throws Exception {
        Event e = new Event();
        List<TestThread<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(TestThread.start("waiter-" + i, () -> e.await(Duration.ofSeconds(20))).awaitBlocked());
        }
        e.set();
        e.clear();
        for (TestThread<Boolean> w : waiters) {
            assertThat(w.join()).isTrue();
        }
        assertThat(e.isSet()).isFalse();
        // and a thread arriving after the clear waits for the next set
        TestThread<Boolean> late = TestThread.start("late", () -> e.await(Duration.ofSeconds(20))).awaitBlocked();
        e.set();
        assertThat(late.join()).isTrue();
    }

    @Test
    @DisplayName("EVENT-06: a negative timeout is a non-blocking check of the flag, with no error")
    void negativeTimeout() throws Exception {
        Event e = new Event();
        assertThat(e.await(Duration.ofSeconds(-1))).isFalse();
        e.set();
        assertThat(e.await(Duration.ofSeconds(-1))).isTrue();
        assertThatThrownBy(() -> e.await(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("EVENT-07: toString is Event[unset] or Event[set]")
    void repr() {
        Event e = new Event();
        assertThat(e).hasToString("Event[unset]");
        e.set();
        assertThat(e).hasToString("Event[set]");
    }

    @Test
    @DisplayName("an interrupted await throws InterruptedException; the event is unchanged")
    void interrupted() throws Exception {
        Event e = new Event();
        TestThread<Void> waiter = TestThread.run("waiter", e::await).awaitBlocked();
        waiter.thread().interrupt();
        assertThat(waiter.joinFailure()).isInstanceOf(InterruptedException.class);
        assertThat(e.isSet()).isFalse();
    }
}
