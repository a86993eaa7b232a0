package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** cancel() and the JDK's cancel(true) on the pool's futures: no running task is cancelled, and interrupts never leak. */
@Timeout(60)
class ThreadPoolCancelTest {

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("FUT-07: cancel(true) on a running task returns false and interrupts it; the future ends with what the task did")
    void cancelTrueInterruptsRunning(boolean virtual) throws Exception {
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(1).virtualThreads(virtual).build()) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            Future<String> f = p.submit(() -> {
                running.countDown();
                never.await();
                return "not interrupted";
            });
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(f.cancel(false)).isFalse();
            assertThat(f.running()).as("cancel(false) does nothing to a running task").isTrue();
            assertThat(f.cancel(true)).isFalse();
            assertThat(f.exception()).isInstanceOf(InterruptedException.class);
            assertThat(f.cancelled()).isFalse();
        }
    }

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("cancel(true) on a queued task cancels it (true) and it never runs")
    void cancelTrueQueued(boolean virtual) throws Exception {
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(1).virtualThreads(virtual).build()) {
            CountDownLatch gate = new CountDownLatch(1);
            Future<Integer> blocker = p.submit(() -> {
                gate.await();
                return 1;
            });
            CountDownLatch ran = new CountDownLatch(1);
            Future<?> queued = p.submit(ran::countDown);
            assertThat(queued.cancel(true)).isTrue();
            gate.countDown();
            assertThat(blocker.result()).isOne();
            p.shutdown(true, false);
            assertThat(ran.getCount()).isOne();
            assertThat(queued.cancelled()).isTrue();
        }
    }

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("an interrupt from cancel(true) racing with the end of a task never reaches the next task (2000 rounds)")
    void interruptNeverLeaks(boolean virtual) throws Exception {
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(1).virtualThreads(virtual).build()) {
            for (int i = 0; i < 2000; i++) {
                Future<Integer> f = p.submit(() -> {
                    Thread.onSpinWait();
                    return 1;
                });
                f.cancel(true);
                Future<Boolean> next = p.submit(() -> Thread.currentThread().isInterrupted());
                assertThat(next.result()).as("round %d", i).isFalse();
            }
        }
    }
}
