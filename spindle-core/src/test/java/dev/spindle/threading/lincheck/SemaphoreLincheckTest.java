package dev.spindle.threading.lincheck;

import dev.spindle.testing.LincheckSizes;
import dev.spindle.threading.Semaphore;
import java.time.Duration;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lincheck: {@link Semaphore}'s non-blocking operations are linearizable against a counter. */
@Timeout(300)
@Param(name = "n", gen = IntGen.class, conf = "1:3")
public class SemaphoreLincheckTest {

    private final Semaphore semaphore = new Semaphore(2);

    @Operation
    public boolean tryAcquire() {
        return semaphore.tryAcquire();
    }

    @Operation
    public boolean tryAcquireZeroTimeout() throws InterruptedException {
        return semaphore.tryAcquire(Duration.ZERO);
    }

    @Operation
    public void release() {
        semaphore.release();
    }

    @Operation
    public void releaseN(@Param(name = "n") int n) {
        semaphore.release(n);
    }

    @Operation
    public int value() {
        return semaphore.value();
    }

    @Test
    @DisplayName("SEM-03 SEM-06 SEM-10 SEM-12: tryAcquire, release(n) and value are linearizable (model checking)")
    void modelChecking() {
        LincheckSizes.modelChecking().check(getClass());
    }

    @Test
    @DisplayName("SEM-03 SEM-06 SEM-10 SEM-12: tryAcquire, release(n) and value are linearizable (stress)")
    void stress() {
        LincheckSizes.stress().check(getClass());
    }
}
