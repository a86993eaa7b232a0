package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.testing.TestThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConditionTest {

    /** Starts n threads that each wait once on the condition and record whether await returned true. */
    private static List<TestThread<Boolean>> waiters(Condition c, int n, List<Integer> wokenOrder) {
        List<TestThread<Boolean>> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            threads.add(TestThread.start("waiter-" + i, () -> {
                try (Held held = c.hold()) {
                    boolean r = c.await(Duration.ofSeconds(20));
                    wokenOrder.add(id);
                    return r;
                }
            }));
            threads.get(i).awaitBlocked();   // one after another: FIFO order is known
        }
        return threads;
    }

    @Test
    @DisplayName("COND-01: the default lock is reentrant: acquire twice, release twice")
    void defaultLockIsReentrant() throws Exception {
        Condition c = new Condition();
        assertThat(c.lock()).isInstanceOf(RLock.class);
        c.acquire();
        c.acquire();
        c.release();
        c.release();
        assertThat(((RLock) c.lock()).isLocked()).isFalse();
    }

    @Test
    @DisplayName("COND-02: Condition(lock) acquires the given Lock; tryAcquire fails while held elsewhere; hold() holds it")
    void givenLock() throws Exception {
        Lock lock = new Lock();
        Condition c = new Condition(lock);
        c.acquire();
        assertThat(lock.tryAcquire()).isFalse();
        c.release();
        assertThat(lock.isLocked()).isFalse();
        lock.acquire();
        assertThat(TestThread.start("other", c::tryAcquire).join()).isFalse();
        lock.release();
        try (Held held = c.hold()) {
            assertThat(lock.isLocked()).isTrue();
        }
        assertThat(lock.isLocked()).isFalse();
        assertThatThrownBy(() -> new Condition((Lock) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("COND-03: await without holding the lock is IllegalMonitorStateException")
    void unacquiredWait() {
        Condition c = new Condition();
        assertThatThrownBy(c::await).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageStartingWith("cannot wait on un-acquired lock");
        assertThatThrownBy(() -> c.await(Duration.ZERO)).isInstanceOf(IllegalMonitorStateException.class);
        Condition overLock = new Condition(new Lock());
        assertThatThrownBy(overLock::await).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    @DisplayName("COND-04: signal without holding the lock is IllegalMonitorStateException")
    void unacquiredNotify() {
        Condition c = new Condition();
        assertThatThrownBy(c::signal).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageStartingWith("cannot notify on un-acquired lock");
        assertThatThrownBy(c::signalAll).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(() -> c.signal(-1)).isInstanceOf(IllegalArgumentException.class).hasMessage("'n' must be >= 0: -1");
    }

    @Test
    @DisplayName("COND-05: signal(3) wakes exactly 3 of 5 waiters, oldest first, each await returns true, after the notifier releases")
    void notifyN() throws Exception {
        Condition c = new Condition();
        List<Integer> woken = new CopyOnWriteArrayList<>();
        List<TestThread<Boolean>> threads = waiters(c, 5, woken);
        c.acquire();
        c.signal(3);
        assertThat(woken).isEmpty();
        c.release();
        for (int i = 0; i < 3; i++) {
            assertThat(threads.get(i).join()).isTrue();
        }
        assertThat(woken).as("the 3 oldest waiters were woken").containsExactlyInAnyOrder(0, 1, 2);
        assertThat(threads.get(3).isDone()).isFalse();
        assertThat(threads.get(4).isDone()).isFalse();
        try (Held held = c.hold()) {
            c.signalAll();
        }
        assertThat(threads.get(3).join()).isTrue();
        assertThat(threads.get(4).join()).isTrue();
    }

    @Test
    @DisplayName("COND-06: signal(5) and signalAll wake every current waiter; the condition works again on a second run")
    void notifyAllWakesEveryone() throws Exception {
        Condition c = new Condition();
        for (int run = 0; run < 2; run++) {
            List<Integer> woken = new CopyOnWriteArrayList<>();
            List<TestThread<Boolean>> threads = waiters(c, 4, woken);
            try (Held held = c.hold()) {
                if (run == 0) {
                    c.signal(5);
                } else {
                    c.signalAll();
                }
            }
            for (TestThread<Boolean> t : threads) {
                assertThat(t.join()).isTrue();
            }
            assertThat(woken).hasSize(4);
        }
    }

    @Test
    @DisplayName("COND-07: signal(n) with fewer than n waiters wakes those there are (2, then 4 of 6); with none it does nothing")
    void notifyMoreThanWaiting() throws Exception {
        Condition c = new Condition();
        try (Held held = c.hold()) {
            c.signal(3);   // no waiters: nothing happens
        }
        List<Integer> woken = new CopyOnWriteArrayList<>();
        List<TestThread<Boolean>> first = waiters(c, 2, woken);
        try (Held held = c.hold()) {
            c.signal(6);
        }
        for (TestThread<Boolean> t : first) {
            assertThat(t.join()).isTrue();
        }
        List<TestThread<Boolean>> second = waiters(c, 4, woken);
        try (Held held = c.hold()) {
            c.signal(6);
        }
        for (TestThread<Boolean> t : second) {
            assertThat(t.join()).isTrue();
        }
        assertThat(woken).hasSize(6);
    }

    @Test
    @DisplayName("COND-08: await(timeout) returns false after about the timeout when nobody signals")
    void timeout() throws Exception {
        Condition c = new Condition();
        Duration timeout = Duration.ofMillis(200);
        try (Held held = c.hold()) {
            long t0 = System.nanoTime();
            boolean r = c.await(timeout);
            long elapsed = System.nanoTime() - t0;
            assertThat(r).isFalse();
            assertThat(elapsed).isGreaterThanOrEqualTo((long) (timeout.toNanos() * 0.6));
            assertThat(((RLock) c.lock()).holdCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("COND-09: await(0) and a negative timeout return false without waiting and without error")
    void zeroTimeout() throws Exception {
        Condition c = new Condition();
        try (Held held = c.hold()) {
            assertThat(c.await(Duration.ZERO)).isFalse();
            assertThat(c.await(Duration.ofMillis(-100))).isFalse();
            assertThat(((RLock) c.lock()).holdCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("COND-10: waitFor re-checks the predicate after every wake-up and returns once state reaches 4")
    void waitFor() throws Exception {
        Condition c = new Condition();
        AtomicInteger state = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();
        TestThread<Boolean> waiter = TestThread.start("waiter", () -> {
            try (Held held = c.hold()) {
                return c.waitFor(() -> {
                    checks.incrementAndGet();
                    return state.get() == 4;
                });
            }
        }).awaitBlocked();
        for (int i = 0; i < 4; i++) {
            try (Held held = c.hold()) {
                state.incrementAndGet();
                c.signal();
            }
            if (i < 3) {
                int expected = i + 2;
                await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() >= expected
                        && waiter.thread().getState() == Thread.State.WAITING);
            }
        }
        assertThat(waiter.join()).isTrue();
        assertThat(checks.get()).isEqualTo(5);   // once first, then after each of the 4 signals
    }

    @Test
    @DisplayName("COND-11: waitFor with a timeout returns the predicate's last value after one overall deadline")
    void waitForTimeout() throws Exception {
        Condition c = new Condition();
        Duration timeout = Duration.ofMillis(300);
        AtomicInteger checks = new AtomicInteger();
        TestThread<long[]> waiter = TestThread.start("waiter", () -> {
            try (Held held = c.hold()) {
                long t0 = System.nanoTime();
                boolean r = c.waitFor(() -> {
                    checks.incrementAndGet();
                    return false;
                }, timeout);
                return new long[] {r ? 1 : 0, System.nanoTime() - t0};
            }
        });
        // Signals that would restart a per-wait timeout, while the waiter waits.
        for (int i = 0; i < 3 && !waiter.isDone(); i++) {
            try (Held held = c.hold()) {
                c.signal();
            }
        }
        long[] result = waiter.join();
        assertThat(result[0]).isZero();
        assertThat(result[1]).isGreaterThanOrEqualTo((long) (timeout.toNanos() * 0.6))
                .isLessThan(Duration.ofSeconds(10).toNanos());
        assertThat(checks.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("COND-12: waitFor checks the predicate before waiting and returns at once when it is true")
    void waitForAlreadyTrue() throws Exception {
        Condition c = new Condition();
        try (Held held = c.hold()) {
            assertThat(c.waitFor(() -> true)).isTrue();
            assertThat(c.waitFor(() -> true, Duration.ofDays(1))).isTrue();
        }
    }

    @Test
    @DisplayName("COND-13: await re-acquires the lock and restores the RLock hold count on signal, timeout and interrupt")
    void reacquireRestoresCount() throws Exception {
        Condition c = new Condition();
        RLock lock = (RLock) c.lock();
        TestThread<Integer> timedOut = TestThread.start("timed", () -> {
            lock.acquire();
            lock.acquire();
            c.await(Duration.ofMillis(10));
            int count = lock.holdCount();
            lock.release();
            lock.release();
            return count;
        });
        assertThat(timedOut.join()).isEqualTo(2);

        TestThread<Integer> interrupted = TestThread.start("interrupted", () -> {
            lock.acquire();
            lock.acquire();
            lock.acquire();
            try {
                c.await();
                return -1;
            } catch (InterruptedException e) {
                return lock.holdCount();
            } finally {
                while (lock.isHeldByCurrentThread()) {
                    lock.release();
                }
            }
        }).awaitBlocked();
        // While it waits, the lock is free for others.
        assertThat(lock.tryAcquire()).isTrue();
        interrupted.thread().interrupt();
        lock.release();
        assertThat(interrupted.join()).isEqualTo(3);

        TestThread<Integer> signalled = TestThread.start("signalled", () -> {
            lock.acquire();
            lock.acquire();
            c.await();
            int count = lock.holdCount();
            lock.release();
            lock.release();
            return count;
        }).awaitBlocked();
        try (Held held = c.hold()) {
            c.signal();
        }
        assertThat(signalled.join()).isEqualTo(2);
    }

    @Test
    @DisplayName("java.util.concurrent.locks.Condition: awaitNanos, await(time, unit), awaitUntil, awaitUninterruptibly")
    void jdkCondition() throws Exception {
        RLock lock = new RLock();
        java.util.concurrent.locks.Condition c = lock.newCondition();
        lock.lock();
        try {
            assertThat(c.awaitNanos(1_000_000)).isLessThanOrEqualTo(0);
            assertThat(c.await(1, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(c.awaitUntil(new java.util.Date(System.currentTimeMillis() - 1))).isFalse();
        } finally {
            lock.unlock();
        }
        TestThread<Boolean> waiter = TestThread.start("waiter", () -> {
            lock.lock();
            try {
                c.awaitUninterruptibly();
                return Thread.currentThread().isInterrupted();
            } finally {
                lock.unlock();
            }
        }).awaitBlocked();
        waiter.thread().interrupt();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.thread().getState() == Thread.State.WAITING);
        lock.lock();
        try {
            c.signal();
        } finally {
            lock.unlock();
        }
        assertThat(waiter.join()).as("interrupt status re-asserted").isTrue();
    }

    @Test
    @DisplayName("a Condition over a plain Lock: await releases the Lock and re-acquires it")
    void overPlainLock() throws Exception {
        Lock lock = new Lock();
        Condition c = new Condition(lock);
        TestThread<Boolean> waiter = TestThread.start("waiter", () -> {
            try (Held held = c.hold()) {
                return c.await(Duration.ofSeconds(20)) && lock.isLocked();
            }
        }).awaitBlocked();
        assertThat(lock.isLocked()).isFalse();
        try (Held held = c.hold()) {
            c.signal();
        }
        assertThat(waiter.join()).isTrue();
        assertThat(lock.isLocked()).isFalse();
        assertThat(c.toString()).isEqualTo("Condition[Lock[unlocked], waiters=0]");
    }
}
