package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SemaphoreTest extends SemaphoreContractTest {

    @Override
    Semaphore newSemaphore(int value) {
        return new Semaphore(value);
    }

    @Override
    Semaphore newSemaphore() {
        return new Semaphore();
    }

    @Test
    @DisplayName("SEM-12: an unbounded semaphore may go above its initial value: Semaphore(1) then release allows two acquires")
    void releaseAboveInitial() {
        Semaphore s = new Semaphore(1);
        s.release();
        assertThat(s.value()).isEqualTo(2);
        assertThat(s.tryAcquire()).isTrue();
        assertThat(s.tryAcquire()).isTrue();
        assertThat(s.tryAcquire()).isFalse();
    }

    @Test
    @DisplayName("SEM-13: toString shows the value: 3, then 2 after acquire, 4 after two releases")
    void repr() {
        Semaphore s = new Semaphore(3);
        assertThat(s).hasToString("Semaphore[value=3]");
        s.tryAcquire();
        assertThat(s).hasToString("Semaphore[value=2]");
        s.release();
        s.release();
        assertThat(s).hasToString("Semaphore[value=4]");
    }
}
