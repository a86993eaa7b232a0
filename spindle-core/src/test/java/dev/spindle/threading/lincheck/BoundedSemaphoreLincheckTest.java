package dev.spindle.threading.lincheck;

import dev.spindle.testing.LincheckSizes;
import dev.spindle.threading.BoundedSemaphore;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck: {@link BoundedSemaphore}'s bound check is atomic: an over-release fails as a whole,
 * and linearizably, against a counter capped at its initial value.
 */
@Timeout(300)
@Param(name = "n", gen = IntGen.class, conf = "1:2")
public class BoundedSemaphoreLincheckTest {

    private final BoundedSemaphore semaphore = new BoundedSemaphore(2);

    @Operation
    public boolean tryAcquire() {
        return semaphore.tryAcquire();
    }

    @Operation
    public String release(@Param(name = "n") int n) {
        try {
            semaphore.release(n);
            return "released";
        } catch (IllegalStateException e) {
            return "too many";
        }
    }

    @Operation
    public int value() {
        return semaphore.value();
    }

    @Test
    @DisplayName("BSEM-01 BSEM-03: bounded release(n) fails as a whole, linearizably (model checking)")
    void modelChecking() {
        LincheckSizes.modelChecking().check(getClass());
    }

    @Test
    @DisplayName("BSEM-01 BSEM-03: bounded release(n) fails as a whole, linearizably (stress)")
    void stress() {
        LincheckSizes.stress().check(getClass());
    }
}
