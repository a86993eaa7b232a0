package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.testing.TestThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SEM-01 to SEM-11, which hold for {@link Semaphore} and {@link BoundedSemaphore} alike (CPython's
 * BoundedSemaphoreTests inherits BaseSemaphoreTests the same way).
 */
@Timeout(30)
abstract class SemaphoreContractTest {

    abstract Semaphore newSemaphore(int value);

    abstract Semaphore newSemaphore();

    @Test
    @DisplayName("SEM-01: a negative initial value is IllegalArgumentException naming the value")
    void negativeValue() {
        assertThatThrownBy(() -> newSemaphore(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("semaphore initial value must be >= 0: -1");
        assertThatThrownBy(() -> newSemaphore(Integer.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("SEM-02: the default value is 1; a second acquire blocks until release")
    void defaultValue() throws Exception {
        Semaphore s = newSemaphore();
        assertThat(s.value()).isEqualTo(1);
        s.acquire();
        TestThread<Void> second = TestThread.run("second", s::acquire).awaitBlocked();
        s.release();
        second.join();
        assertThat(s.value()).isZero();
    }

    @Test
    @DisplayName("SEM-03: tryAcquire on Semaphore(2) gives true, true, false, then true after one release")
    void tryAcquire() {
        Semaphore s = newSemaphore(2);
        assertThat(s.tryAcquire()).isTrue();
        assertThat(s.tryAcquire()).isTrue();
        assertThat(s.tryAcquire()).isFalse();
        s.release();
        assertThat(s.tryAcquire()).isTrue();
    }

    @Test
    @DisplayName("SEM-04: Semaphore(4) with one taken: 5 threads x 2 tryAcquire give exactly 3 true and 7 false")
    void tryAcquireContended() throws Exception {
        Semaphore s = newSemaphore(4);
        s.acquire();
        AtomicInteger yes = new AtomicInteger();
        AtomicInteger no = new AtomicInteger();
        List<TestThread<Void>> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            threads.add(TestThread.run("t" + i, () -> {
                for (int k = 0; k < 2; k++) {
                    (s.tryAcquire() ? yes : no).incrementAndGet();
                }
            }));
        }
        for (TestThread<Void> t : threads) {
            t.join();
        }
        assertThat(yes).hasValue(3);
        assertThat(no).hasValue(7);
    }

    @Test
    @DisplayName("SEM-05: Semaphore(7), 10 threads x 2 acquires: 6 pass at first, each release lets exactly one more through")
    void acquireContended() throws Exception {
        Semaphore s = newSemaphore(7);
        s.acquire();   // value 6
        AtomicInteger acquired = new AtomicInteger();
        List<TestThread<Void>> threads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(TestThread.run("t" + i, () -> {
                for (int k = 0; k < 2; k++) {
                    s.acquire();
                    acquired.incrementAndGet();
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> acquired.get() == 6
                && threads.stream().filter(t -> !t.isDone()).allMatch(t -> t.thread().getState() == Thread.State.WAITING));
        for (int expected = 7; expected <= 14; expected++) {
            s.release();
            int target = expected;
            await().atMost(Duration.ofSeconds(10)).until(() -> acquired.get() == target && s.value() == 0);
        }
        s.release(7);   // let the remaining 6 through, plus one spare
        for (TestThread<Void> t : threads) {
            t.join();
        }
        assertThat(acquired).hasValue(20);
    }

    @Test
    @DisplayName("SEM-06: release(7) admits exactly 7 waiters, release(6) exactly 6; afterwards tryAcquire is false")
    void multiRelease() throws Exception {
        Semaphore s = newSemaphore(0);
        AtomicInteger acquired = new AtomicInteger();
        List<TestThread<Void>> threads = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            threads.add(TestThread.run("t" + i, () -> {
                s.acquire();
                acquired.incrementAndGet();
            }));
        }
        for (TestThread<Void> t : threads) {
            t.awaitBlocked();
        }
        s.release(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> acquired.get() == 7);
        assertThat(s.value()).isZero();
        s.release(6);
        for (TestThread<Void> t : threads) {
            t.join();
        }
        assertThat(acquired).hasValue(13);
        assertThat(s.tryAcquire()).isFalse();
    }

    @Test
    @DisplayName("SEM-07: release(n) with n < 1 is IllegalArgumentException naming n")
    void releaseLessThanOne() {
        Semaphore s = newSemaphore(1);
        assertThatThrownBy(() -> s.release(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("n must be one or more: 0");
        assertThatThrownBy(() -> s.release(-3)).isInstanceOf(IllegalArgumentException.class).hasMessage("n must be one or more: -3");
        assertThat(s.value()).isEqualTo(1);
    }

    @Test
    @DisplayName("SEM-09: tryAcquire(5 ms) is true while value > 0 and false at 0; a longer timeout returns false after it")
    void acquireTimeout() throws Exception {
        Semaphore s = newSemaphore(2);
        assertThat(s.tryAcquire(Duration.ofMillis(5))).isTrue();
        assertThat(s.tryAcquire(Duration.ofMillis(5))).isTrue();
        assertThat(s.tryAcquire(Duration.ofMillis(5))).isFalse();
        Duration timeout = Duration.ofMillis(200);
        long t0 = System.nanoTime();
        assertThat(s.tryAcquire(timeout)).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo((long) (timeout.toNanos() * 0.6));
    }

    @Test
    @DisplayName("SEM-08 SEM-10: a timeout <= 0 on value 0 returns false at once, with no error")
    void nonPositiveTimeout() throws Exception {
        Semaphore s = newSemaphore(0);
        assertThat(s.tryAcquire(Duration.ZERO)).isFalse();
        assertThat(s.tryAcquire(Duration.ofSeconds(-1))).isFalse();
        assertThatThrownBy(() -> s.tryAcquire(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("SEM-11: nested hold() uses 2 permits; a throw inside the body still releases both")
    void with() throws Exception {
        Semaphore s = newSemaphore(2);
        assertThatThrownBy(() -> {
            try (Held a = s.hold()) {
                assertThat(s.value()).isEqualTo(1);
                try (Held b = s.hold()) {
                    assertThat(s.value()).isZero();
                    throw new IllegalStateException("body failed");
                }
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("body failed");
        assertThat(s.value()).isEqualTo(2);
    }

    @Test
    @DisplayName("an interrupted acquire throws InterruptedException and takes no permit")
    void interrupted() throws Exception {
        Semaphore s = newSemaphore(0);
        TestThread<Void> waiter = TestThread.run("waiter", s::acquire).awaitBlocked();
        waiter.thread().interrupt();
        assertThat(waiter.joinFailure()).isInstanceOf(InterruptedException.class);
        assertThat(s.value()).isZero();
    }
}
