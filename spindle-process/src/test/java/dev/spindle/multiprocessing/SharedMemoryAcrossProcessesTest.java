package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spindle.multiprocessing.testing.Gate;
import dev.spindle.testing.TestThread;
import dev.spindle.threading.Held;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shared memory used by several processes at once: atomicity, the lock, and a holder that dies. */
@Timeout(90)
class SharedMemoryAcrossProcessesTest {

    @Test
    @DisplayName("two children adding 10,000 each to a SharedLong and an array element lose no update; the parent sees the writes after join")
    void atomicAcrossProcesses() throws Exception {
        SharedLong counter = new SharedLong();
        SharedIntArray cells = new SharedIntArray(3);
        List<JvmProcess> children = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            int me = c;
            JvmProcess p = new JvmProcess(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counter.addAndGet(1);
                    cells.getAndAdd(2, 1);
                }
                cells.set(me, 7 + me);
            });
            p.start();
            children.add(p);
        }
        for (JvmProcess p : children) {
            p.join();
            assertThat(p.exitCode()).isZero();
        }
        assertThat(counter.get()).isEqualTo(20_000);
        assertThat(cells.toArray()).containsExactly(7, 8, 20_000);
    }

    /** One withdrawal: read, check, write; {@code arrived} makes both processes pass the check before either writes. */
    static SerializableRunnable withdraw(SharedLong balance, SharedLong approved, SharedLong arrived, boolean locked) {
        return () -> {
            try {
                if (locked) {
                    try (Held held = balance.lock()) {
                        draw(balance, approved, null);
                    }
                } else {
                    draw(balance, approved, arrived);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    static void draw(SharedLong balance, SharedLong approved, SharedLong arrived) {
        long seen = balance.get();
        if (seen >= 800) {
            if (arrived != null) {
                arrived.addAndGet(1);
                while (arrived.get() < 2) {
                    Thread.onSpinWait();    // both checks pass before either update
                }
            }
            balance.set(seen - 800);
            approved.addAndGet(1);
        }
    }

    @Test
    @DisplayName("the seed's bank account in two processes: without the lock both withdrawals pass (lost update); with it exactly one does")
    void bankAccount() throws Exception {
        for (boolean locked : new boolean[] {false, true}) {
            SharedLong balance = new SharedLong(1000);
            SharedLong approved = new SharedLong();
            SharedLong arrived = new SharedLong();
            JvmProcess a = new JvmProcess(withdraw(balance, approved, arrived, locked));
            JvmProcess b = new JvmProcess(withdraw(balance, approved, arrived, locked));
            a.start();
            b.start();
            a.join();
            b.join();
            if (locked) {
                assertThat(approved.get()).isEqualTo(1);
                assertThat(balance.get()).isEqualTo(200);
            } else {
                assertThat(approved.get()).as("both passed the check").isEqualTo(2);
                assertThat(balance.get()).as("one update lost").isEqualTo(200);
            }
        }
    }

    @Test
    @DisplayName("MP-24: a lock held by another process excludes this one; if that process is killed holding it, a waiter takes it over")
    void holderDies() throws Exception {
        SharedLong v = new SharedLong();
        SharedLong holding = new SharedLong();
        try (Gate never = new Gate()) {
            Connection in = never.childEnd();
            JvmProcess holder = new JvmProcess(() -> {
                try {
                    v.lock();
                    v.set(13);
                    holding.set(1);
                    Gate.pass(in);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            holder.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> holding.get() == 1);
            TestThread<Void> waiter = TestThread.run("waiter", () -> v.lock().close());
            waiter.awaitBlocked();
            assertThat(waiter.isDone()).as("the other process holds the lock").isFalse();
            holder.kill();
            waiter.join();
            holder.join();
            try (Held held = v.lock()) {
                assertThat(v.get()).as("the data as the dead holder left it").isEqualTo(13);
                v.set(14);
            }
            assertThat(v.get()).isEqualTo(14);
        }
    }
}
