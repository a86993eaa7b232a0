package dev.spindle.threading.lincheck;

import dev.spindle.testing.LincheckSizes;
import dev.spindle.threading.RLock;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck: {@link RLock} gives mutual exclusion, also when re-entered and when taken with a
 * timeout. Each operation updates a plain, unsynchronized counter under the lock; the results
 * are linearizable only if no two critical sections interleave. (An RLock's state queries
 * depend on the calling thread, which Lincheck's sequential specification does not model, so
 * they are checked in {@code RLockTest} instead.)
 */
@Timeout(300)
public class RLockLincheckTest {

    private final RLock lock = new RLock();
    private int counter;   // guarded by lock, deliberately not volatile

    @Operation
    public int increment() {
        lock.lock();
        try {
            return ++counter;
        } finally {
            lock.unlock();
        }
    }

    @Operation
    public int incrementReentrant() throws InterruptedException {
        lock.acquire();
        try {
            lock.acquire();
            try {
                int c = counter;
                counter = c + 1;
                return counter;
            } finally {
                lock.release();
            }
        } finally {
            lock.release();
        }
    }

    @Operation
    public int read() {
        lock.lock();
        try {
            return counter;
        } finally {
            lock.unlock();
        }
    }

    @Test
    @DisplayName("RLOCK-02: mutual exclusion under re-entry is linearizable (model checking)")
    void modelChecking() {
        // Two operations per thread: each one re-enters the lock, and the interleavings of AQS's
        // queue under three of them made this class 10x slower than any other (25-85 s on 2 cores).
        LincheckSizes.modelChecking().actorsPerThread(2).check(getClass());
    }

    @Test
    @DisplayName("RLOCK-02: mutual exclusion under re-entry is linearizable (stress)")
    void stress() {
        LincheckSizes.stress().check(getClass());
    }
}
