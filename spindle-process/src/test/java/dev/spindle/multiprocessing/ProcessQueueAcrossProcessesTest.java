package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spindle.testing.TestThread;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Process queues shared by children: order, task accounting, and owners that die. */
@Timeout(90)
class ProcessQueueAcrossProcessesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    @DisplayName("MPQ-04 MPQ-05: items put by the parent before start and by the child after it arrive in order; the child sees the parent's qsize")
    void fifoAcrossProcesses() throws Exception {
        ProcessQueue<Integer> q = new ProcessQueue<>();
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        JvmProcess child = new JvmProcess(() -> {
            try {
                int seen = q.qsize();
                for (int i = 5; i < 10; i++) {
                    q.put(i);
                }
                q.put(100 + seen);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        child.start();
        child.join();
        assertThat(child.exitCode()).isZero();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            got.add(q.get(PATIENCE));
        }
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 105);
        assertThat(q.empty()).isTrue();
    }

    @Test
    @DisplayName("MPQ-06: JoinableProcessQueue.join() returns after two worker processes have taskDone() every item")
    void workersMarkEveryItemDone() throws Exception {
        JoinableProcessQueue<Integer> jobs = new JoinableProcessQueue<>();
        ProcessQueue<Integer> results = new ProcessQueue<>();
        List<JvmProcess> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            JvmProcess worker = new JvmProcess(() -> {
                try {
                    for (int n = jobs.get(); n >= 0; n = jobs.get()) {
                        results.put(n * n);
                        jobs.taskDone();
                    }
                    jobs.taskDone();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (int n = 1; n <= 20; n++) {
            jobs.put(n);
        }
        jobs.join();
        assertThat(results.qsize()).as("every result is in when join returns").isEqualTo(20);
        jobs.put(-1);
        jobs.put(-1);
        jobs.join();
        for (JvmProcess w : workers) {
            w.join();
            assertThat(w.exitCode()).isZero();
        }
        long sum = 0;
        for (int i = 0; i < 20; i++) {
            sum += results.get(PATIENCE);
        }
        assertThat(sum).isEqualTo(2870);
    }

    @Test
    @DisplayName("a process blocked on a queue whose owner is killed gets UncheckedIOException instead of waiting forever")
    void ownerDies() throws Exception {
        ProcessQueue<ProcessQueue<String>> mailbox = new ProcessQueue<>();
        try (var gate = new dev.spindle.multiprocessing.testing.Gate()) {
            Connection in = gate.childEnd();
            JvmProcess owner = new JvmProcess(() -> {
                ProcessQueue<String> own = new ProcessQueue<>();
                try {
                    mailbox.put(own);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                dev.spindle.multiprocessing.testing.Gate.pass(in);
            });
            owner.start();
            ProcessQueue<String> remote = mailbox.get(PATIENCE);
            assertThat(remote.toString()).contains("owner=process " + owner.pid());
            assertThat(remote.qsize()).isZero();
            TestThread<String> getter = TestThread.start("getter", remote::get);
            getter.awaitBlocked();
            owner.kill();
            owner.join();
            assertThat(getter.joinFailure()).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("is gone");
        }
    }
}
