package dev.spindle.threading.lincheck;

import dev.spindle.threading.Lock;
import dev.spindle.testing.LincheckSizes;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck: {@link Lock}'s operations are linearizable against a sequential boolean flag.
 */
@Timeout(300)
public class LockLincheckTest {

    private final Lock lock = new Lock();

    @Operation
    public boolean tryAcquire() {
        return lock.tryAcquire();
    }

    @Operation
    public String release() {
        try {
            lock.release();
            return "released";
        } catch (IllegalMonitorStateException e) {
            return "unlocked";
        }
    }

    @Operation
    public boolean isLocked() {
        return lock.isLocked();
    }

    @Test
    @DisplayName("LOCK-04 LOCK-12 LOCK-14: tryAcquire/release/isLocked are linearizable (model checking)")
    void modelChecking() {
        LincheckSizes.modelChecking().check(getClass());
    }

    @Test
    @DisplayName("LOCK-04 LOCK-12 LOCK-14: tryAcquire/release/isLocked are linearizable (stress)")
    void stress() {
        LincheckSizes.stress().check(getClass());
    }
}
