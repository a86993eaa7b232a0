package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.testing.TestThread;
import java.lang.ref.WeakReference;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LockTest {

    @Test
    @DisplayName("LOCK-01: Lock() and Lock(name) make an unlocked lock; a null name is rejected")
    void constructors() {
        Lock unnamed = new Lock();
        Lock named = new Lock("balance");
        assertThat(unnamed.isLocked()).isFalse();
        assertThat(unnamed.name()).matches("Lock-\\d+");
        assertThat(named.name()).isEqualTo("balance");
        assertThatThrownBy(() -> new Lock(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    @Test
    @DisplayName("LOCK-02: Lock cannot be subclassed")
    void finalClass() {
        assertThat(Modifier.isFinal(Lock.class.getModifiers())).isTrue();
    }

    @Test
    @DisplayName("LOCK-03: toString shows unlocked, or locked with the holder's name")
    void repr() throws Exception {
        Lock lock = new Lock();
        assertThat(lock).hasToString("Lock[unlocked]");
        lock.acquire();
        assertThat(lock).hasToString("Lock[locked by " + Thread.currentThread().getName() + "]");
        lock.release();
        Lock named = new Lock("balance");
        named.acquire();
        assertThat(named.toString()).isEqualTo("Lock[balance, locked by " + Thread.currentThread().getName() + "]");
    }

    @Test
    @DisplayName("LOCK-04: tryAcquire is true on a free lock and false at once while another thread holds it")
    void tryAcquire() throws Exception {
        Lock lock = new Lock();
        assertThat(lock.tryAcquire()).isTrue();
        assertThat(TestThread.start("other", lock::tryAcquire).join()).isFalse();
        lock.release();
        assertThat(TestThread.start("other", lock::tryAcquire).join()).isTrue();
        assertThat(lock.isLocked()).isTrue();
    }

    @Test
    @DisplayName("LOCK-05: 5 threads blocked in acquire do not finish until release, then all 5 finish")
    void acquireContended() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        AtomicInteger finished = new AtomicInteger();
        List<TestThread<Void>> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            threads.add(TestThread.run("waiter-" + i, () -> {
                lock.acquire();
                finished.incrementAndGet();
                lock.release();
            }));
        }
        for (TestThread<Void> t : threads) {
            t.awaitBlocked();
        }
        assertThat(finished).hasValue(0);
        lock.release();
        for (TestThread<Void> t : threads) {
            t.join();
        }
        assertThat(finished).hasValue(5);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("LOCK-06: hold() releases on normal exit and when the body throws; the exception propagates")
    void hold() throws Exception {
        Lock lock = new Lock();
        try (Held held = lock.hold()) {
            assertThat(lock.isLocked()).isTrue();
        }
        assertThat(lock.isLocked()).isFalse();
        assertThatThrownBy(() -> {
            try (Held held = lock.hold()) {
                throw new IllegalArgumentException("body failed");
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessage("body failed");
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("LOCK-08: tryAcquire with a negative timeout is IllegalArgumentException naming the value")
    void negativeTimeout() {
        Lock lock = new Lock();
        assertThatThrownBy(() -> lock.tryAcquire(Duration.ofSeconds(-100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'timeout' must be a non-negative number: PT-1M-40S");
        assertThatThrownBy(() -> lock.tryAcquire(null)).isInstanceOf(NullPointerException.class);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("LOCK-09: huge timeouts saturate instead of overflowing, on a free and on a held lock")
    void hugeTimeout() throws Exception {
        Lock lock = new Lock();
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
        assertThat(lock.tryAcquire(forever)).isTrue();
        TestThread<Boolean> waiter = TestThread.start("waiter", () -> lock.tryAcquire(forever)).awaitBlocked();
        lock.release();
        assertThat(waiter.join()).isTrue();
    }

    @Test
    @DisplayName("LOCK-10: a timed acquire of a free lock returns at once; of a held lock, false after the timeout")
    void timeout() throws Exception {
        Lock lock = new Lock();
        long start = System.nanoTime();
        assertThat(lock.tryAcquire(Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        Duration timeout = Duration.ofMillis(200);
        long[] elapsed = new long[1];
        boolean got = TestThread.start("waiter", () -> {
            long t0 = System.nanoTime();
            boolean r = lock.tryAcquire(timeout);
            elapsed[0] = System.nanoTime() - t0;
            return r;
        }).join();
        assertThat(got).isFalse();
        assertThat(elapsed[0]).isGreaterThanOrEqualTo((long) (timeout.toNanos() * 0.6));
    }

    @Test
    @DisplayName("LOCK-11: a second acquire by the holder blocks until another thread releases")
    void notReentrant() throws Exception {
        Lock lock = new Lock();
        CountDownLatch reacquired = new CountDownLatch(1);
        TestThread<Void> holder = TestThread.run("holder", () -> {
            lock.acquire();
            lock.acquire();   // blocks: the binary-semaphore idiom, not a deadlock
            reacquired.countDown();
        }).awaitBlocked();
        assertThat(reacquired.getCount()).isEqualTo(1);
        assertThat(lock.isLocked()).isTrue();
        lock.release();   // from another thread
        holder.join();
        assertThat(reacquired.await(0, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.isLocked()).isTrue();
    }

    @Test
    @DisplayName("LOCK-12: any thread may release, not only the one that acquired")
    void differentThreadRelease() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        TestThread.run("releaser", lock::release).join();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.tryAcquire()).isTrue();
    }

    @Test
    @DisplayName("LOCK-13: after a timed-out acquire, release leaves the lock free and tryAcquire succeeds")
    void stateAfterTimeout() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        assertThat(TestThread.start("waiter", () -> lock.tryAcquire(Duration.ofMillis(10))).join()).isFalse();
        lock.release();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.tryAcquire()).isTrue();
    }

    @Test
    @DisplayName("LOCK-14: releasing an unlocked lock is IllegalMonitorStateException and changes nothing")
    void releaseUnlocked() {
        Lock lock = new Lock("balance");
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot release un-acquired lock: Lock[balance, unlocked]");
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.tryAcquire()).isTrue();
    }

    @Test
    @DisplayName("LOCK-15: a lock that is no longer referenced is collected, also after use by other threads")
    void collected() throws Exception {
        WeakReference<Lock> ref = usedByOtherThreads();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
    }

    private static WeakReference<Lock> usedByOtherThreads() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        TestThread.run("user", lock::release).join();
        TestThread.run("user", () -> {
            lock.acquire();
            lock.release();
        }).join();
        return new WeakReference<>(lock);
    }

    @Test
    @DisplayName("java.util.concurrent.locks.Lock: lock/unlock, tryLock with the JDK's meaning, newCondition")
    void jdkLock() throws Exception {
        java.util.concurrent.locks.Lock lock = new Lock();
        lock.lock();
        assertThat(TestThread.start("other", () -> lock.tryLock(-1, TimeUnit.SECONDS)).join()).isFalse();
        lock.unlock();
        assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.newCondition()).isInstanceOf(Condition.class);
        lock.unlock();
        lock.lockInterruptibly();
        assertThat(lock.tryLock()).isFalse();
        lock.unlock();
    }

    @Test
    @DisplayName("an interrupted acquire throws InterruptedException and leaves the lock as it was")
    void interruptedAcquire() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        TestThread<Void> waiter = TestThread.run("waiter", lock::acquire).awaitBlocked();
        waiter.thread().interrupt();
        assertThat(waiter.joinFailure()).isInstanceOf(InterruptedException.class);
        assertThat(lock.isLocked()).isTrue();
        lock.release();
        assertThat(lock.isLocked()).isFalse();
    }
}
