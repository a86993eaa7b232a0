package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spindle.testing.TestThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The opt-in lock-order check. Runs in its own surefire execution with
 * {@code -Dspindle.lockorder=throw} (the check is a start-up constant).
 */
@Timeout(30)
class LockOrderTest {

    @BeforeAll
    static void checkIsOn() {
        // Only the 'lockorder' surefire execution sets -Dspindle.lockorder=throw; a -Dtest=... run
        // also offers this class to the default execution, which must pass it by.
        assumeTrue(LockOrder.MODE == LockOrder.Mode.THROW, "needs -Dspindle.lockorder=throw");
    }

    @Test
    @DisplayName("two locks taken in both orders, by different threads: the second order throws before acquiring, naming both")
    void twoLocks() throws Exception {
        RLock a = new RLock("a");
        RLock b = new RLock("b");
        TestThread.run("first", () -> {
            try (Held ha = a.hold(); Held hb = b.hold()) {
                assertThat(b.isHeldByCurrentThread()).isTrue();
            }
        }).join();
        try (Held hb = b.hold()) {
            assertThatThrownBy(a::acquire).isInstanceOfSatisfying(LockOrderException.class, e -> {
                assertThat(e).hasMessage("potential deadlock: thread \"" + Thread.currentThread().getName()
                        + "\" acquires RLock 'a' while holding RLock 'b', but they were taken in the other order before: "
                        + "RLock 'a' -> RLock 'b'");
                assertThat(e.path()).containsExactly("RLock 'a'", "RLock 'b'");
            });
            assertThat(a.isLocked()).as("not acquired").isFalse();
        }
    }

    @Test
    @DisplayName("an order contrary to a chain (a -> b -> c, then c before a) is reported with the whole path")
    void transitive() throws Exception {
        Lock a = new Lock("a");
        Lock b = new Lock("b");
        Lock c = new Lock("c");
        try (Held ha = a.hold(); Held hb = b.hold()) {
            assertThat(b.isLocked()).isTrue();
        }
        try (Held hb = b.hold(); Held hc = c.hold()) {
            assertThat(c.isLocked()).isTrue();
        }
        try (Held hc = c.hold()) {
            assertThatThrownBy(a::lock).isInstanceOfSatisfying(LockOrderException.class,
                    e -> assertThat(e.path()).containsExactly("Lock 'a'", "Lock 'b'", "Lock 'c'"));
        }
        assertThat(a.isLocked()).isFalse();
    }

    @Test
    @DisplayName("one consistent order, re-entry and repeated use never report")
    void consistentOrder() throws Exception {
        RLock a = new RLock("a");
        RLock b = new RLock("b");
        RLock c = new RLock("c");
        for (int i = 0; i < 3; i++) {
            try (Held ha = a.hold(); Held hb = b.hold(); Held hc = c.hold(); Held again = a.hold()) {
                assertThat(a.holdCount()).isEqualTo(2);
            }
            try (Held ha = a.hold(); Held hc = c.hold()) {
                assertThat(c.isHeldByCurrentThread()).isTrue();
            }
        }
    }
}
