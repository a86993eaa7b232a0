package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spindle.testing.LogCapture;
import dev.spindle.testing.TestThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deadlock detection at acquire time: what is reported, by whom, and what is not. */
@Timeout(60)
class DeadlockDetectionTest {

    private final java.util.Set<Thread> waitingBefore = new java.util.HashSet<>(WaitForGraph.WAITING.keySet());

    @AfterEach
    void restorePolicy() {
        Deadlocks.setPolicy(Deadlocks.Policy.THROW);
        assertThat(WaitForGraph.WAITING.keySet()).as("no wait record outlives its wait")
                .allSatisfy(t -> assertThat(waitingBefore).contains(t));
    }

    /** The outcome of one party of a cycle: "done", or the DeadlockException it caught. */
    record Outcome(String thread, DeadlockException exception, boolean heldFirstAfterward, boolean gotSecond) {}

    /**
     * Takes {@code first}, waits until every party holds its first lock, then takes {@code second}.
     * On DeadlockException it records what it still holds, then backs off.
     */
    private static TestThread<Outcome> party(String name, java.util.concurrent.locks.Lock first,
                                             java.util.concurrent.locks.Lock second, Barrier allHoldOne) {
        return TestThread.start(name, () -> {
            first.lockInterruptibly();
            try {
                allHoldOne.await(Duration.ofSeconds(20));
                try {
                    second.lockInterruptibly();
                } catch (DeadlockException e) {
                    boolean holdsFirst = first instanceof RLock r ? r.holdCount() == 1 : ((Lock) first).isLocked();
                    boolean gotSecond = second instanceof RLock r && r.isHeldByCurrentThread();
                    return new Outcome(name, e, holdsFirst, gotSecond);
                }
                second.unlock();
                return new Outcome(name, null, true, true);
            } finally {
                first.unlock();
            }
        });
    }

    @RepeatedTest(20)
    @DisplayName("two threads, two RLocks, opposite orders: exactly one gets DeadlockException, unchanged, and the other finishes")
    void twoThreadCycle() throws Exception {
        RLock a = new RLock("a");
        RLock b = new RLock("b");
        Barrier barrier = new Barrier(2);
        TestThread<Outcome> t1 = party("t1", a, b, barrier);
        TestThread<Outcome> t2 = party("t2", b, a, barrier);
        List<Outcome> outcomes = List.of(t1.join(), t2.join());
        List<Outcome> failed = outcomes.stream().filter(o -> o.exception() != null).toList();
        assertThat(failed).as("exactly one thread of the cycle throws").hasSize(1);
        Outcome loser = failed.get(0);
        assertThat(loser.heldFirstAfterward()).as("its holdings are unchanged").isTrue();
        assertThat(loser.gotSecond()).as("it did not acquire").isFalse();
        assertThat(loser.exception().cycle()).hasSize(2);
        assertThat(loser.exception().cycle().get(0).waiter().getName()).isEqualTo(loser.thread());
        assertThat(a.isLocked()).isFalse();
        assertThat(b.isLocked()).isFalse();
    }

    @RepeatedTest(10)
    @DisplayName("three threads in a cycle: exactly one throws; the other two continue once it backs off")
    void threeThreadCycle() throws Exception {
        RLock a = new RLock("a");
        RLock b = new RLock("b");
        RLock c = new RLock("c");
        Barrier barrier = new Barrier(3);
        List<TestThread<Outcome>> parties = List.of(
                party("t1", a, b, barrier), party("t2", b, c, barrier), party("t3", c, a, barrier));
        List<Outcome> outcomes = new ArrayList<>();
        for (TestThread<Outcome> p : parties) {
            outcomes.add(p.join());
        }
        assertThat(outcomes.stream().filter(o -> o.exception() != null)).hasSize(1);
        DeadlockException e = outcomes.stream().filter(o -> o.exception() != null).findFirst().orElseThrow().exception();
        assertThat(e.cycle()).hasSize(3);
        assertThat(e.cycle()).extracting(DeadlockException.Edge::lock).containsExactlyInAnyOrder(a, b, c);
        // each edge's owner is the next edge's waiter, and the last leads back to the first
        for (int i = 0; i < 3; i++) {
            assertThat(e.cycle().get(i).owner()).isSameAs(e.cycle().get((i + 1) % 3).waiter());
        }
        assertThat(e.getSuppressed()).hasSize(2)
                .allSatisfy(s -> assertThat(s.getMessage()).startsWith("stack of thread \"t").endsWith("(part of the cycle)"));
    }

    @Test
    @DisplayName("the message names every thread and lock of the cycle")
    void message() throws Exception {
        RLock accounts = new RLock("accounts");
        RLock audit = new RLock("audit");
        accounts.acquire();
        try {
            TestThread<Void> report = TestThread.run("report", () -> {
                try (Held held = audit.hold()) {
                    accounts.acquire();   // parks: main holds it
                    accounts.release();
                }
            });
            await().until(() -> WaitForGraph.WAITING.containsKey(report.thread()));
            String me = Thread.currentThread().getName();
            try {
                audit.acquire();
                throw new AssertionError("expected DeadlockException");
            } catch (DeadlockException e) {
                assertThat(e).hasMessage("deadlock: 2 threads would wait for each other forever:\n"
                        + "  thread \"" + me + "\" waits for RLock 'audit', held by thread \"report\"\n"
                        + "  thread \"report\" waits for RLock 'accounts', held by thread \"" + me + "\"");
                assertThat(e.cycle()).containsExactly(
                        new DeadlockException.Edge(Thread.currentThread(), audit, report.thread()),
                        new DeadlockException.Edge(report.thread(), accounts, Thread.currentThread()));
                assertThat(e).isInstanceOf(IllegalStateException.class);
                assertThat(audit.isHeldByCurrentThread()).isFalse();
                assertThat(accounts.holdCount()).isEqualTo(1);
            }
            accounts.release();
            report.join();
        } finally {
            while (accounts.isHeldByCurrentThread()) {
                accounts.release();
            }
        }
    }

    @Test
    @DisplayName("unnamed and plain locks are named by type and number; lock() (the JDK method) detects too")
    void unnamedAndPlain() throws Exception {
        Lock plain = new Lock();
        RLock reentrant = new RLock();
        plain.lock();
        TestThread<Void> other = TestThread.run("other", () -> {
            reentrant.lock();
            try {
                plain.lock();
                plain.unlock();
            } finally {
                reentrant.unlock();
            }
        });
        try {
            await().until(() -> WaitForGraph.WAITING.containsKey(other.thread()));
            try {
                reentrant.lock();
                throw new AssertionError("expected DeadlockException");
            } catch (DeadlockException e) {
                assertThat(e.getMessage()).contains("waits for " + reentrant.name() + ", held by thread \"other\"")
                        .contains("thread \"other\" waits for " + plain.name() + ",");
                assertThat(reentrant.name()).matches("RLock-\\d+");
                assertThat(plain.name()).matches("Lock-\\d+");
            }
        } finally {
            plain.unlock();
        }
        other.join();
    }

    @Test
    @DisplayName("a Condition waiter holding a lock the notifier needs: the notifier gets DeadlockException, not a hang")
    void conditionCycle() throws Exception {
        RLock outer = new RLock("outer");
        Condition ready = new Condition(new RLock("inner"));
        TestThread<Boolean> waiter = TestThread.start("waiter", () -> {
            try (Held o = outer.hold(); Held i = ready.hold()) {
                return ready.await(Duration.ofSeconds(20));   // holds outer while it waits: a bug
            }
        });
        await().until(() -> WaitForGraph.WAITING.containsKey(waiter.thread()));
        TestThread<String> notifier = TestThread.start("notifier", () -> {
            try (Held i = ready.hold()) {
                try {
                    outer.acquire();   // the waiter holds it and needs `inner`, which we hold
                    outer.release();
                    return "acquired";
                } catch (DeadlockException e) {
                    ready.signal();    // back off: wake the waiter instead
                    return e.getMessage();
                }
            }
        });
        assertThat(notifier.join()).contains("thread \"notifier\" waits for RLock 'outer', held by thread \"waiter\"")
                .contains("thread \"waiter\" waits for RLock 'inner', held by thread \"notifier\"");
        assertThat(waiter.join()).isTrue();
    }

    @Test
    @DisplayName("a cycle through a timed wait is not a deadlock: nobody throws, and both finish")
    void timedWaiterIsNotADeadlock() throws Exception {
        RLock a = new RLock("a");
        RLock b = new RLock("b");
        Barrier barrier = new Barrier(2);
        TestThread<Boolean> timed = TestThread.start("timed", () -> {
            try (Held held = a.hold()) {
                barrier.await(Duration.ofSeconds(20));
                return b.tryAcquire(Duration.ofMillis(300));   // gives up: then releases a
            }
        });
        TestThread<String> blocking = TestThread.start("blocking", () -> {
            try (Held held = b.hold()) {
                barrier.await(Duration.ofSeconds(20));
                await().until(() -> timed.thread().getState() == Thread.State.TIMED_WAITING);
                a.acquire();   // waits for `timed`, whose wait is timed: no report
                a.release();
                return "acquired";
            }
        });
        assertThat(blocking.join()).isEqualTo("acquired");
        assertThat(timed.join()).isFalse();
    }

    @Test
    @DisplayName("no false positives: threads taking random sets of locks in one global order never get DeadlockException")
    void noFalsePositives() throws Exception {
        int lockCount = 6;
        List<java.util.concurrent.locks.Lock> locks = new ArrayList<>();
        for (int i = 0; i < lockCount; i++) {
            locks.add(i % 2 == 0 ? new RLock("r" + i) : new Lock("l" + i));
        }
        AtomicInteger rounds = new AtomicInteger();
        long walksBefore = WaitForGraph.walks();
        List<TestThread<Void>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = 42L + t;
            threads.add(TestThread.run("orderly-" + t, () -> {
                Random random = new Random(seed);
                for (int round = 0; round < 3_000; round++) {
                    List<java.util.concurrent.locks.Lock> taken = new ArrayList<>();
                    for (int i = 0; i < lockCount; i++) {
                        if (random.nextInt(3) == 0) {
                            java.util.concurrent.locks.Lock lock = locks.get(i);
                            lock.lockInterruptibly();   // a DeadlockException here fails the test
                            taken.add(lock);
                        }
                    }
                    Thread.onSpinWait();
                    for (int i = taken.size() - 1; i >= 0; i--) {
                        taken.get(i).unlock();
                    }
                    rounds.incrementAndGet();
                }
            }));
        }
        for (TestThread<Void> t : threads) {
            t.join();
        }
        assertThat(rounds).hasValue(4 * 3_000);
        assertThat(WaitForGraph.walks() - walksBefore).as("contended acquires went through detection").isPositive();
    }

    @Test
    @DisplayName("a plain Lock released by another thread becomes a signal and ends the walk: no report")
    void plainLockAsSignal() throws Exception {
        Lock signal = new Lock("signal");
        RLock mutex = new RLock("mutex");
        signal.acquire();
        TestThread.run("releaser", signal::release).join();   // a foreign release: from now on a signal
        signal.acquire();   // main "holds" the signal
        TestThread<String> waiter = TestThread.start("waiter", () -> {
            try (Held held = mutex.hold()) {
                signal.acquire();   // waits for someone to release the signal
                return "signalled";
            }
        });
        await().until(() -> WaitForGraph.WAITING.containsKey(waiter.thread()));
        TestThread<Boolean> mainLike = TestThread.start("helper", () -> mutex.tryAcquire(Duration.ofMillis(1)));
        assertThat(mainLike.join()).isFalse();
        signal.release();   // the signal fires
        assertThat(waiter.join()).isEqualTo("signalled");
    }

    /**
     * The classic cycle for the WARN and OFF policies, which do not throw: t1 holds a and waits
     * for b (interruptibly: the test ends the cycle by interrupting it), t2 holds b and waits for a.
     */
    private record Cycle(TestThread<String> t1, TestThread<String> t2, java.util.concurrent.CountDownLatch passedBarrier) {
        static Cycle start() {
            RLock a = new RLock("a");
            RLock b = new RLock("b");
            Barrier barrier = new Barrier(2);
            java.util.concurrent.CountDownLatch passed = new java.util.concurrent.CountDownLatch(2);
            TestThread<String> t1 = TestThread.start("t1", () -> {
                try (Held held = a.hold()) {
                    barrier.await(Duration.ofSeconds(20));
                    passed.countDown();
                    try {
                        b.acquire();
                        b.release();
                        return "acquired";
                    } catch (InterruptedException e) {
                        return "interrupted";
                    }
                }
            });
            TestThread<String> t2 = TestThread.start("t2", () -> {
                try (Held held = b.hold()) {
                    barrier.await(Duration.ofSeconds(20));
                    passed.countDown();
                    b.acquire();   // reentrant: fine
                    b.release();
                    a.acquire();
                    a.release();
                    return "acquired";
                }
            });
            return new Cycle(t1, t2, passed);
        }

        /** True once both hold their first lock, are past the barrier, and are parked (in the second acquire). */
        boolean bothBlocked() throws InterruptedException {
            return passedBarrier.await(0, java.util.concurrent.TimeUnit.SECONDS)
                    && t1.thread().getState() == Thread.State.WAITING && t2.thread().getState() == Thread.State.WAITING;
        }

        /** Interrupts t1 once past the barrier, so it backs off; t2 then gets its lock. */
        void breakAndCheck() throws InterruptedException {
            passedBarrier.await(20, java.util.concurrent.TimeUnit.SECONDS);
            t1.thread().interrupt();
            assertThat(t1.join()).isEqualTo("interrupted");
            assertThat(t2.join()).isEqualTo("acquired");
        }
    }

    @Test
    @DisplayName("policy WARN logs the cycle once and waits; an interrupt then ends the wait")
    void warnPolicy() throws Exception {
        Deadlocks.setPolicy(Deadlocks.Policy.WARN);
        try (LogCapture log = new LogCapture(Deadlocks.class.getName())) {
            Cycle cycle = Cycle.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> !log.records.isEmpty()
                        && WaitForGraph.WAITING.containsKey(cycle.t1().thread())
                        && WaitForGraph.WAITING.containsKey(cycle.t2().thread()));
                assertThat(log.records).hasSize(1);
                assertThat(log.records.get(0).getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(log.records.get(0).getMessage()).startsWith("deadlock: 2 threads would wait for each other forever")
                        .endsWith("(policy WARN: waiting anyway)");
            } finally {
                cycle.breakAndCheck();   // whatever happened above, end the cycle
            }
        }
    }

    @Test
    @DisplayName("policy OFF publishes nothing and reports nothing: the cycle hangs until an interrupt, as in Python")
    void offPolicy() throws Exception {
        Deadlocks.setPolicy(Deadlocks.Policy.OFF);
        Cycle cycle = Cycle.start();
        try {
            await().until(cycle::bothBlocked);
            assertThat(WaitForGraph.WAITING).isEmpty();
        } finally {
            cycle.breakAndCheck();
        }
    }

    @Test
    @DisplayName("policy is read from -Dspindle.deadlock values, case-insensitively, with THROW as the default")
    void parsePolicy() {
        assertThat(Deadlocks.parse(null, Deadlocks.Policy.THROW)).isEqualTo(Deadlocks.Policy.THROW);
        assertThat(Deadlocks.parse("warn", Deadlocks.Policy.THROW)).isEqualTo(Deadlocks.Policy.WARN);
        assertThat(Deadlocks.parse(" Off ", Deadlocks.Policy.THROW)).isEqualTo(Deadlocks.Policy.OFF);
        assertThat(Deadlocks.parse("sometimes", Deadlocks.Policy.THROW)).isEqualTo(Deadlocks.Policy.THROW);
        assertThat(Deadlocks.policy()).isEqualTo(Deadlocks.Policy.THROW);
    }
}
