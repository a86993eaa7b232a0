package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.testing.TestThread;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BoundedSemaphoreTest extends SemaphoreContractTest {

    @Override
    Semaphore newSemaphore(int value) {
        return new BoundedSemaphore(value);
    }

    @Override
    Semaphore newSemaphore() {
        return new BoundedSemaphore();
    }

    @Test
    @Override
    @DisplayName("SEM-06: release(7) admits exactly 7 waiters, release(6) exactly 6 (bounded: permits taken first)")
    void multiRelease() throws Exception {
        BoundedSemaphore s = new BoundedSemaphore(13);
        for (int i = 0; i < 13; i++) {
            assertThat(s.tryAcquire()).isTrue();
        }
        List<TestThread<Void>> threads = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            threads.add(TestThread.run("t" + i, s::acquire));
        }
        for (TestThread<Void> t : threads) {
            t.awaitBlocked();
        }
        s.release(7);
        org.awaitility.Awaitility.await().until(() -> threads.stream().filter(TestThread::isDone).count() == 7);
        assertThat(s.value()).isZero();
        s.release(6);
        for (TestThread<Void> t : threads) {
            t.join();
        }
        assertThat(s.tryAcquire()).isFalse();
    }

    @Test
    @DisplayName("BSEM-01: releasing above the initial value is IllegalStateException, fresh and after acquire+release")
    void releaseUnacquired() {
        BoundedSemaphore s = new BoundedSemaphore(3);
        assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Semaphore released too many times: value=3/3, release(1)");
        assertThat(s.tryAcquire()).isTrue();
        s.release();
        assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class);
        assertThat(s.value()).isEqualTo(3);
    }

    @Test
    @DisplayName("BSEM-02: limit threads acquire, limit other threads release, then one more release fails (limits 1..9)")
    void limit() throws Exception {
        for (int limit = 1; limit <= 9; limit++) {
            BoundedSemaphore s = new BoundedSemaphore(limit);
            List<TestThread<Void>> takers = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                takers.add(TestThread.run("taker-" + i, s::acquire));
            }
            for (TestThread<Void> t : takers) {
                t.join();
            }
            List<TestThread<Void>> givers = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                givers.add(TestThread.run("giver-" + i, s::release));
            }
            for (TestThread<Void> t : givers) {
                t.join();
            }
            assertThat(s.value()).isEqualTo(limit);
            assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("BSEM-03: release(n) past the bound fails as a whole, before any change")
    void releaseNChecksWhole() {
        BoundedSemaphore s = new BoundedSemaphore(5);
        for (int i = 0; i < 3; i++) {
            s.tryAcquire();
        }
        assertThatThrownBy(() -> s.release(4)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Semaphore released too many times: value=2/5, release(4)");
        assertThat(s.value()).isEqualTo(2);
        s.release(3);
        assertThat(s.value()).isEqualTo(5);
    }

    @Test
    @DisplayName("BSEM-04: toString shows value/initial: 3/3, then 2/3 after acquire")
    void repr() {
        BoundedSemaphore s = new BoundedSemaphore(3);
        assertThat(s).hasToString("BoundedSemaphore[value=3/3]");
        s.tryAcquire();
        assertThat(s).hasToString("BoundedSemaphore[value=2/3]");
    }
}
