package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.testing.TestThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BarrierTest {

    private static final int N = 5;

    /** Starts n-1 parties that each pass the barrier {@code cycles} times, returning their indexes. */
    private static List<TestThread<List<Integer>>> parties(Barrier b, int count, int cycles) {
        List<TestThread<List<Integer>>> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add(TestThread.start("party-" + i, () -> {
                List<Integer> indexes = new ArrayList<>();
                for (int c = 0; c < cycles; c++) {
                    indexes.add(b.await());
                }
                return indexes;
            }));
        }
        return threads;
    }

    @Test
    @DisplayName("BARRIER-01: parties 0 and -1 are IllegalArgumentException naming the value")
    void constructor() {
        assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("parties must be >= 1: 0");
        assertThatThrownBy(() -> new Barrier(-1)).isInstanceOf(IllegalArgumentException.class).hasMessage("parties must be >= 1: -1");
    }

    @Test
    @DisplayName("BARRIER-02 BARRIER-03: N threads pass together for 10 cycles, each cycle indexes 0..N-1; then waiting()==0, not broken")
    void tenCycles() throws Exception {
        Barrier b = new Barrier(N);
        AtomicInteger passed = new AtomicInteger();
        ConcurrentHashMap<Integer, List<Integer>> perCycle = new ConcurrentHashMap<>();
        List<TestThread<Void>> threads = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            threads.add(TestThread.run("party-" + i, () -> {
                for (int c = 0; c < 10; c++) {
                    int before = passed.get();
                    assertThat(before).as("nobody passes cycle %d before all arrive", c).isGreaterThanOrEqualTo(c * N);
                    int index = b.await();
                    perCycle.computeIfAbsent(c, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(index);
                    passed.incrementAndGet();
                    b.await();   // keep cycles apart so `passed` is checked per cycle
                }
            }));
        }
        for (TestThread<Void> t : threads) {
            t.join();
        }
        assertThat(passed).hasValue(10 * N);
        for (List<Integer> indexes : perCycle.values()) {
            assertThat(indexes).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        }
        assertThat(b.waiting()).isZero();
        assertThat(b.isBroken()).isFalse();
    }

    @Test
    @DisplayName("BARRIER-02: no party passes until the last one arrives")
    void noneBeforeAll() throws Exception {
        Barrier b = new Barrier(3);
        List<TestThread<List<Integer>>> two = parties(b, 2, 1);
        for (TestThread<List<Integer>> t : two) {
            t.awaitBlocked();
        }
        await().until(() -> b.waiting() == 2);
        assertThat(two).noneMatch(TestThread::isDone);
        assertThat(b.await()).isEqualTo(2);   // the last arrival gets parties - 1
        for (TestThread<List<Integer>> t : two) {
            assertThat(t.join()).singleElement().isIn(0, 1);
        }
    }

    @Test
    @DisplayName("BARRIER-04: the action runs once per cycle, in one party's thread, before any waiter is released")
    void action() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<String> actionThreads = java.util.Collections.synchronizedList(new ArrayList<>());
        Barrier b = new Barrier(N, () -> {
            runs.incrementAndGet();
            actionThreads.add(Thread.currentThread().getName());
        });
        List<TestThread<List<Integer>>> threads = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            threads.add(TestThread.start("party-" + i, () -> {
                List<Integer> seen = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    b.await();
                    seen.add(runs.get());   // the next cycle's action needs this thread again
                }
                return seen;
            }));
        }
        for (TestThread<List<Integer>> t : threads) {
            assertThat(t.join()).containsExactly(1, 2, 3);
        }
        assertThat(runs).hasValue(3);
        assertThat(actionThreads).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("party-"));
    }

    @Test
    @DisplayName("BARRIER-05: abort breaks the barrier for threads waiting and every later await")
    void abort() throws Exception {
        Barrier b = new Barrier(3);
        List<TestThread<List<Integer>>> two = parties(b, 2, 1);
        await().until(() -> b.waiting() == 2);
        b.abort();
        for (TestThread<List<Integer>> t : two) {
            assertThat(t.joinFailure()).isInstanceOf(BrokenBarrierException.class);
        }
        assertThat(b.isBroken()).isTrue();
        assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class);
    }

    @Test
    @DisplayName("BARRIER-06: reset wakes current waiters with BrokenBarrierException; then all N pass again")
    void reset() throws Exception {
        Barrier b = new Barrier(3);
        List<TestThread<List<Integer>>> two = parties(b, 2, 1);
        await().until(() -> b.waiting() == 2);
        b.reset();
        for (TestThread<List<Integer>> t : two) {
            assertThat(t.joinFailure()).isInstanceOf(BrokenBarrierException.class);
        }
        assertThat(b.isBroken()).isFalse();
        List<TestThread<List<Integer>>> again = parties(b, 3, 2);
        for (TestThread<List<Integer>> t : again) {
            assertThat(t.join()).hasSize(2);
        }
    }

    @Test
    @DisplayName("BARRIER-07: reset after abort clears the broken state; the next full cycle succeeds")
    void abortAndReset() throws Exception {
        Barrier b = new Barrier(3);
        b.abort();
        assertThat(b.isBroken()).isTrue();
        b.reset();
        assertThat(b.isBroken()).isFalse();
        for (TestThread<List<Integer>> t : parties(b, 3, 1)) {
            assertThat(t.join()).hasSize(1);
        }
    }

    @Test
    @DisplayName("BARRIER-08: a wait that times out breaks the barrier; every party gets BrokenBarrierException, late arrivers too")
    void timeout() throws Exception {
        Barrier b = new Barrier(3);
        TestThread<Integer> patient = TestThread.start("patient", b::await).awaitBlocked();
        TestThread<Integer> hasty = TestThread.start("hasty", () -> b.await(Duration.ofMillis(100)));
        assertThat(hasty.joinFailure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(patient.joinFailure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(b.isBroken()).isTrue();
        assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class);
    }

    @Test
    @DisplayName("BARRIER-09: the constructor's timeout applies to await(); one caller of two breaks it after at least that")
    void defaultTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(150);
        Barrier b = new Barrier(2, null, timeout);
        long t0 = System.nanoTime();
        assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo((long) (timeout.toNanos() * 0.6));
        assertThat(b.isBroken()).isTrue();
    }

    @Test
    @DisplayName("BARRIER-10: Barrier(1).await returns at once, every time")
    void singleThread() throws Exception {
        Barrier b = new Barrier(1);
        for (int i = 0; i < 5; i++) {
            assertThat(b.await()).isZero();
        }
    }

    @Test
    @DisplayName("BARRIER-11 BARRIER-12: toString shows waiters=0/3, 2/3 while 2 wait, 0/3 after release, and broken after abort")
    void repr() throws Exception {
        Barrier b = new Barrier(3);
        assertThat(b).hasToString("Barrier[waiters=0/3]");
        List<TestThread<List<Integer>>> two = parties(b, 2, 1);
        await().until(() -> b.waiting() == 2);
        assertThat(b).hasToString("Barrier[waiters=2/3]");
        b.await();
        for (TestThread<List<Integer>> t : two) {
            t.join();
        }
        assertThat(b).hasToString("Barrier[waiters=0/3]");
        assertThat(b.waiting()).isZero();
        b.abort();
        assertThat(b).hasToString("Barrier[broken]");
        assertThat(b.parties()).isEqualTo(3);
    }

    @Test
    @DisplayName("BARRIER-13: an action that throws breaks the barrier; its exception reaches the thread that ran it, the others get BrokenBarrierException")
    void failingAction() throws Exception {
        Barrier b = new Barrier(3, () -> {
            throw new IllegalStateException("action failed");
        });
        List<TestThread<List<Integer>>> two = parties(b, 2, 1);
        await().until(() -> b.waiting() == 2);
        assertThatThrownBy(b::await).isInstanceOf(IllegalStateException.class).hasMessage("action failed");
        for (TestThread<List<Integer>> t : two) {
            assertThat(t.joinFailure()).isInstanceOf(BrokenBarrierException.class);
        }
        assertThat(b.isBroken()).isTrue();
    }

    @Test
    @DisplayName("BARRIER-14: a timeout <= 0 is already expired: it breaks the barrier unless the call is the last arrival")
    void nonPositiveTimeout() throws Exception {
        Barrier b = new Barrier(2);
        assertThatThrownBy(() -> b.await(Duration.ofSeconds(-1))).isInstanceOf(BrokenBarrierException.class);
        assertThat(b.isBroken()).isTrue();
        b.reset();
        TestThread<Integer> first = TestThread.start("first", b::await).awaitBlocked();
        await().until(() -> b.waiting() == 1);
        assertThat(b.await(Duration.ZERO)).isEqualTo(1);   // the last arrival passes
        assertThat(first.join()).isZero();
    }

    @Test
    @DisplayName("an interrupted waiter breaks the barrier and throws InterruptedException; the others get BrokenBarrierException")
    void interrupted() throws Exception {
        Barrier b = new Barrier(3);
        TestThread<Integer> victim = TestThread.start("victim", b::await).awaitBlocked();
        TestThread<Integer> other = TestThread.start("other", b::await).awaitBlocked();
        victim.thread().interrupt();
        assertThat(victim.joinFailure()).isInstanceOf(InterruptedException.class);
        assertThat(other.joinFailure()).isInstanceOf(BrokenBarrierException.class);
        assertThat(b.isBroken()).isTrue();
    }
}
