package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code run()} in a worker thread, stepped by the test through a manual {@link VirtualClock}
 * (test_sched's test_enter_concurrent and test_cancel_concurrent). The delay function records
 * each call before sleeping, so the test knows when {@code run()} is waiting and for how long.
 */
@Timeout(60)
class SchedulerConcurrentTest {

    /** What an action reports: which event ran, and at what virtual time. */
    record Fired(int event, double at) {}

    private final VirtualClock clock = VirtualClock.manual();
    private final BlockingQueue<Double> delays = new LinkedBlockingQueue<>();
    private final Scheduler scheduler = new Scheduler(clock::time, d -> {
        delays.add(d);
        clock.sleep(d);
    });
    private final BlockingQueue<Fired> fired = new LinkedBlockingQueue<>();
    private BackgroundRun runner;

    @AfterEach
    void stopRunner() throws InterruptedException {
        if (runner != null) {
            runner.close();
        }
    }

    private Runnable put(int event) {
        return () -> fired.add(new Fired(event, clock.time()));
    }

    private void startRunner() {
        runner = BackgroundRun.start(scheduler);
    }

    /** The next event to run, waiting for it in real time. */
    private Fired next() throws InterruptedException {
        Fired f = fired.poll(10, TimeUnit.SECONDS);
        assertThat(f).as("an event should have run").isNotNull();
        return f;
    }

    /** Waits until run() calls delayfunc with a non-zero delay, and checks that delay. */
    private void expectWaitOf(double delay) throws InterruptedException {
        for (;;) {
            Double d = delays.poll(10, TimeUnit.SECONDS);
            assertThat(d).as("run() should have called delayfunc(%s)", delay).isNotNull();
            if (d != 0.0) {
                assertThat(d).isEqualTo(delay);
                return;
            }
        }
    }

    @Test
    @DisplayName("SCHED-12: with a supplied fake clock, run() in a worker thread runs each event as the clock is advanced")
    void runsAsTheClockAdvances() throws InterruptedException {
        scheduler.enter(1, 1, put(1));
        scheduler.enter(3, 1, put(3));
        startRunner();
        expectWaitOf(1.0);
        assertThat(fired).isEmpty();
        clock.advance(1);
        assertThat(next()).isEqualTo(new Fired(1, 1.0));
        expectWaitOf(2.0);
        clock.advance(1);
        clock.awaitTime(2.0);                   // the runner's sleep has used the allowance...
        assertThat(fired).isEmpty();            // ...and event 3 cannot run before 3.0
        clock.advance(1);
        assertThat(next()).isEqualTo(new Fired(3, 3.0));
        runner.awaitNormalEnd();
        assertThat(clock.time()).isEqualTo(3.0);
    }

    @Test
    @DisplayName("SCHED-13: events entered while run() is in delayfunc are seen when it returns; overdue ones run in (time, priority) order")
    void enterWhileWaiting() throws InterruptedException {
        scheduler.enter(1, 1, put(1));
        scheduler.enter(3, 1, put(3));
        startRunner();
        expectWaitOf(1.0);
        clock.advance(1);
        assertThat(next()).isEqualTo(new Fired(1, 1.0));
        assertThat(fired).isEmpty();
        expectWaitOf(2.0);                      // run() is in delayfunc, waiting for event 3
        for (int x : new int[] {4, 5, 2}) {
            scheduler.enter(x - 1, 1, put(x));   // at 4.0, 5.0 and 2.0
        }
        clock.advance(2);
        // Event 2 was seen only when the delay for event 3 returned: it runs late, at 3.0, then 3.
        assertThat(next()).isEqualTo(new Fired(2, 3.0));
        assertThat(next()).isEqualTo(new Fired(3, 3.0));
        expectWaitOf(1.0);
        assertThat(fired).isEmpty();
        clock.advance(1);
        assertThat(next()).isEqualTo(new Fired(4, 4.0));
        expectWaitOf(1.0);
        assertThat(fired).isEmpty();
        clock.advance(1);
        assertThat(next()).isEqualTo(new Fired(5, 5.0));
        runner.awaitNormalEnd();
        assertThat(fired).isEmpty();
        assertThat(clock.time()).isEqualTo(5.0);
    }

    @Test
    @DisplayName("SCHED-14: cancel() from another thread while run() waits: the events are skipped and run() ends at the last one (time 4, not 5)")
    void cancelWhileWaiting() throws InterruptedException {
        double now = clock.time();
        scheduler.enterabs(now + 1, 1, put(1));
        Scheduler.Event event2 = scheduler.enterabs(now + 2, 1, put(2));
        scheduler.enterabs(now + 4, 1, put(4));
        Scheduler.Event event5 = scheduler.enterabs(now + 5, 1, put(5));
        scheduler.enterabs(now + 3, 1, put(3));
        startRunner();
        expectWaitOf(1.0);
        clock.advance(1);
        assertThat(next()).isEqualTo(new Fired(1, 1.0));
        assertThat(fired).isEmpty();
        expectWaitOf(1.0);                      // run() is in delayfunc, waiting for event 2
        scheduler.cancel(event2);
        scheduler.cancel(event5);
        clock.advance(1);
        expectWaitOf(1.0);                      // at 2.0, it found event 2 gone and waits for 3
        assertThat(fired).isEmpty();
        clock.advance(1);
        assertThat(next()).isEqualTo(new Fired(3, 3.0));
        expectWaitOf(1.0);
        assertThat(fired).isEmpty();
        clock.advance(1);
        assertThat(next()).isEqualTo(new Fired(4, 4.0));
        runner.awaitNormalEnd();                // without any more time: it never waited for event 5
        assertThat(fired).isEmpty();
        assertThat(delays).containsExactly(0.0);   // only the delayfunc(0) after event 4 is left
        clock.advance(1000);
        assertThat(clock.time()).isEqualTo(4.0);
    }
}
