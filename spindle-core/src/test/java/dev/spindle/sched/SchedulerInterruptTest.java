package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An interrupted {@code run()} throws {@link InterruptedException} and leaves the rest queued. */
@Timeout(60)
class SchedulerInterruptTest {

    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("the default scheduler: an interrupt during the wait throws InterruptedException; the event stays queued")
    void defaultWaitInterrupted() throws InterruptedException {
        Scheduler scheduler = new Scheduler();
        Scheduler.Event far = scheduler.enter(600.0, 1, () -> log.add("far"));
        try (BackgroundRun runner = BackgroundRun.start(scheduler)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.thread().getState() == Thread.State.TIMED_WAITING);
            runner.thread().interrupt();
            assertThat(runner.awaitEnd()).isInstanceOf(InterruptedException.class);
        }
        assertThat(scheduler.queue()).containsExactly(far);
        assertThat(log).isEmpty();
    }

    @Test
    @DisplayName("a delayfunc that returns early with the interrupt status set makes run() throw InterruptedException")
    void delayfuncInterrupted() throws InterruptedException {
        VirtualClock clock = VirtualClock.manual();
        Scheduler scheduler = clock.scheduler();
        Scheduler.Event event = scheduler.enter(5.0, 1, () -> log.add("event"));
        try (BackgroundRun runner = BackgroundRun.start(scheduler)) {
            clock.advance(1.0);
            clock.awaitTime(1.0);               // the runner is in delayfunc(5.0), stuck at the limit
            runner.thread().interrupt();
            assertThat(runner.awaitEnd()).isInstanceOf(InterruptedException.class)
                    .hasMessage("interrupted while running the scheduler");
        }
        assertThat(scheduler.queue()).containsExactly(event);
        assertThat(clock.time()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("an action that interrupts its thread: its event has run, run() then throws, the rest stay queued")
    void actionInterrupts() {
        VirtualClock clock = new VirtualClock();
        Scheduler scheduler = clock.scheduler();
        scheduler.enterabs(1.0, 1, () -> {
            log.add("interrupting");
            Thread.currentThread().interrupt();
        });
        Scheduler.Event rest = scheduler.enterabs(1.0, 2, () -> log.add("rest"));
        try {
            scheduler.run();
            throw new AssertionError("run() should have thrown InterruptedException");
        } catch (InterruptedException expected) {
            assertThat(Thread.currentThread().isInterrupted()).as("the status is cleared as it is thrown").isFalse();
        }
        assertThat(log).containsExactly("interrupting");
        assertThat(scheduler.queue()).containsExactly(rest);
    }
}
