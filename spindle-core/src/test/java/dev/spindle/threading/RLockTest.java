package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.testing.TestThread;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RLockTest {

    /** A subclass with its own constructor arguments, as RLOCK-01 allows. */
    static final class AccountLock extends RLock {
        final int account;

        AccountLock(int account, String owner) {
            super(owner + "-" + account);
            this.account = account;
        }
    }

    @Test
    @DisplayName("RLOCK-01: RLock may be subclassed with a constructor of its own")
    void subclass() throws Exception {
        AccountLock lock = new AccountLock(7, "alice");
        lock.acquire();
        lock.acquire();
        assertThat(lock.holdCount()).isEqualTo(2);
        assertThat(lock.name()).isEqualTo("alice-7");
        assertThat(lock).hasToString("AccountLock[alice-7, locked by " + Thread.currentThread().getName() + ", count=2]");
        lock.release();
        lock.release();
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("RLOCK-02: the owner re-acquires without blocking and must release once per acquire")
    void reacquire() throws Exception {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        lock.acquire();
        lock.release();
        lock.release();
        assertThat(TestThread.start("other", lock::tryAcquire).join()).isFalse();
        lock.release();
        assertThat(TestThread.start("other", () -> {
            boolean got = lock.tryAcquire();
            lock.release();
            return got;
        }).join()).isTrue();
    }

    @Test
    @DisplayName("RLOCK-03: releasing an unheld RLock is IllegalMonitorStateException, also after balanced pairs")
    void releaseUnacquired() throws Exception {
        RLock lock = new RLock("r");
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot release un-acquired lock: RLock[r, unlocked, count=0]");
        lock.acquire();
        lock.acquire();
        lock.release();
        lock.release();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("RLOCK-04: a thread that does not own the RLock cannot release it while another holds it")
    void differentThread() throws Exception {
        RLock lock = new RLock();
        lock.acquire();
        Throwable failure = TestThread.run("intruder", lock::release).joinFailure();
        assertThat(failure).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageStartingWith("cannot release un-acquired lock: RLock[locked by ");
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        assertThat(lock.holdCount()).isEqualTo(1);
        lock.release();
    }

    @Test
    @DisplayName("RLOCK-05: isHeldByCurrentThread is true only in the owner; a condition wait on an unheld RLock fails")
    void isOwned() throws Exception {
        RLock lock = new RLock();
        assertThat(lock.isHeldByCurrentThread()).isFalse();
        lock.acquire();
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        assertThat(TestThread.start("other", lock::isHeldByCurrentThread).join()).isFalse();
        lock.release();
        assertThat(lock.isHeldByCurrentThread()).isFalse();
        Condition condition = new Condition(lock);
        assertThatThrownBy(condition::await).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageStartingWith("cannot wait on un-acquired lock");
    }

    @Test
    @DisplayName("RLOCK-06: isLocked is true while count >= 1, after a partial release and from another thread")
    void locked() throws Exception {
        RLock lock = new RLock();
        assertThat(lock.isLocked()).isFalse();
        lock.acquire();
        lock.acquire();
        lock.release();
        assertThat(lock.isLocked()).isTrue();
        assertThat(TestThread.start("other", lock::isLocked).join()).isTrue();
        lock.release();
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    @DisplayName("RLOCK-07: holdCount is 0 unowned, counts nested acquires (1, 3, 2, 0), 0 in another thread")
    void recursionCount() throws Exception {
        RLock lock = new RLock();
        assertThat(lock.holdCount()).isZero();
        lock.acquire();
        assertThat(lock.holdCount()).isEqualTo(1);
        lock.acquire();
        lock.acquire();
        assertThat(lock.holdCount()).isEqualTo(3);
        assertThat(TestThread.start("other", lock::holdCount).join()).isZero();
        lock.release();
        assertThat(lock.holdCount()).isEqualTo(2);
        lock.release();
        lock.release();
        assertThat(lock.holdCount()).isZero();
    }

    @Test
    @DisplayName("RLOCK-08: toString shows unlocked and count=0 when new, locked and count=2, also from another thread")
    void reprCount() throws Exception {
        RLock lock = new RLock();
        assertThat(lock.toString()).contains("unlocked").contains("count=0");
        lock.acquire();
        lock.acquire();
        String me = Thread.currentThread().getName();
        assertThat(lock).hasToString("RLock[locked by " + me + ", count=2]");
        assertThat(TestThread.start("other", lock::toString).join()).isEqualTo("RLock[locked by " + me + ", count=2]");
        lock.release();
        lock.release();
    }

    @Test
    @DisplayName("RLOCK-09: a Condition passes the RLock rules: reentrant acquire/release, hold, owner-only release")
    void conditionAsRLock() throws Exception {
        Condition condition = new Condition();
        condition.acquire();
        condition.acquire();
        assertThat(condition.tryAcquire()).isTrue();
        condition.release();
        condition.release();
        assertThat(TestThread.start("other", condition::tryAcquire).join()).isFalse();
        assertThat(TestThread.run("other", condition::release).joinFailure()).isInstanceOf(IllegalMonitorStateException.class);
        condition.release();
        assertThatThrownBy(condition::release).isInstanceOf(IllegalMonitorStateException.class);
        try (Held held = condition.hold()) {
            assertThat(((RLock) condition.lock()).holdCount()).isEqualTo(1);
        }
        assertThat(((RLock) condition.lock()).isLocked()).isFalse();
    }

    @Test
    @DisplayName("LOCK-05 for RLock: blocked acquirers pass one by one once the owner releases every hold")
    void contended() throws Exception {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();
        CountDownLatch done = new CountDownLatch(3);
        TestThread<?>[] waiters = new TestThread<?>[3];
        for (int i = 0; i < 3; i++) {
            waiters[i] = TestThread.run("waiter-" + i, () -> {
                try (Held held = lock.hold()) {
                    done.countDown();
                }
            }).awaitBlocked();
        }
        lock.release();
        assertThat(done.getCount()).isEqualTo(3);
        lock.release();
        for (TestThread<?> w : waiters) {
            w.join();
        }
        assertThat(done.getCount()).isZero();
    }

    @Test
    @DisplayName("LOCK-08 LOCK-10 for RLock: negative timeout rejected; a timed acquire of a held RLock times out")
    void timed() throws Exception {
        RLock lock = new RLock();
        assertThatThrownBy(() -> lock.tryAcquire(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'timeout' must be a non-negative number: PT-0.001S");
        lock.acquire();
        assertThat(lock.tryAcquire(Duration.ZERO)).isTrue();   // reentrant: at once
        assertThat(TestThread.start("other", () -> lock.tryAcquire(Duration.ofMillis(20))).join()).isFalse();
        lock.release();
        lock.release();
    }
}
