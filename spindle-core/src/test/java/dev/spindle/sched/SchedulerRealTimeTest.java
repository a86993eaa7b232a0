package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default scheduler: a monotonic clock in seconds and a real-time wait that wakes early when
 * the next event changes. Timing checks are lower bounds, with generous upper bounds.
 */
@Timeout(60)
class SchedulerRealTimeTest {

    private static final long GENEROUS = Duration.ofSeconds(10).toNanos();

    private final Scheduler scheduler = new Scheduler();
    private BackgroundRun runner;

    @AfterEach
    void stopRunner() throws InterruptedException {
        if (runner != null) {
            runner.close();
        }
    }

    /** Starts run() in another thread and waits until it is in its timed wait for the next event. */
    private void startRunnerAndAwaitItsWait() {
        runner = BackgroundRun.start(scheduler);
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.thread().getState() == Thread.State.TIMED_WAITING);
    }

    @Test
    @DisplayName("SCHED-17: the default timefunc is monotonic seconds, and enter(delay) adds the delay to the time at the call")
    void monotonicSeconds() throws InterruptedException {
        double before = scheduler.time();
        Scheduler.Event event = scheduler.enter(0.2, 1, () -> { });
        double after = scheduler.time();
        assertThat(event.time()).isBetween(before + 0.2, after + 0.2);

        // A second of the scheduler's clock is a second of System.nanoTime().
        double[] ranAt = new double[1];
        long start = System.nanoTime();
        double t0 = scheduler.time();
        scheduler.enter(0.1, 1, () -> ranAt[0] = scheduler.time());
        scheduler.run();
        double elapsed = (System.nanoTime() - start) / 1e9;
        assertThat(ranAt[0] - t0).isGreaterThanOrEqualTo(0.1).isLessThanOrEqualTo(elapsed + 0.001);
    }

    @Test
    @DisplayName("SCHED-17 SCHED-01: the default scheduler waits in real time: events entered with delays 0.05..0.01 run in order, none early")
    void waitsInRealTime() throws InterruptedException {
        List<Double> order = new CopyOnWriteArrayList<>();
        List<Boolean> onTime = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (double x : new double[] {0.05, 0.04, 0.03, 0.02, 0.01}) {
            Scheduler.Event[] self = new Scheduler.Event[1];
            self[0] = scheduler.enter(x, 1, () -> {
                order.add(x);
                onTime.add(scheduler.time() >= self[0].time());
            });
        }
        scheduler.run();
        long elapsed = System.nanoTime() - start;
        assertThat(order).containsExactly(0.01, 0.02, 0.03, 0.04, 0.05);
        assertThat(onTime).containsOnly(true).hasSize(5);
        assertThat(elapsed).isBetween(Duration.ofMillis(50).toNanos(), GENEROUS);
    }

    @Test
    @DisplayName("the default wait wakes early: an event entered for before the awaited one runs on time")
    void earlierEventWakesTheWait() throws InterruptedException {
        Scheduler.Event far = scheduler.enter(600.0, 1, () -> { });
        startRunnerAndAwaitItsWait();
        CountDownLatch ran = new CountDownLatch(1);
        long entered = System.nanoTime();
        scheduler.enter(0.05, 1, ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("the earlier event should run long before 600 s").isTrue();
        assertThat(System.nanoTime() - entered).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(scheduler.queue()).containsExactly(far);
        scheduler.cancel(far);
        runner.awaitNormalEnd();
    }

    @Test
    @DisplayName("the default wait wakes when the awaited event is cancelled: run() returns at once if nothing is left")
    void cancelWakesTheWait() throws InterruptedException {
        Scheduler.Event far = scheduler.enter(600.0, 1, () -> { });
        startRunnerAndAwaitItsWait();
        long cancelled = System.nanoTime();
        scheduler.cancel(far);
        runner.awaitNormalEnd();   // long before 600 s
        assertThat(System.nanoTime() - cancelled).isLessThan(GENEROUS);
        assertThat(scheduler.empty()).isTrue();
    }

    @Test
    @DisplayName("SCHED-11: run(false) on the default scheduler returns the delay to the next event, in seconds")
    void nonBlockingDelay() throws InterruptedException {
        double before = scheduler.time();
        scheduler.enterabs(before + 30.0, 1, () -> { });
        double delay = scheduler.run(false).orElseThrow();
        assertThat(delay).isLessThanOrEqualTo(30.0).isGreaterThan(30.0 - 10.0);
    }
}
