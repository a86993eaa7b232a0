package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pluggable delay function is called as Python calls it, without the scheduler's lock. */
@Timeout(60)
class SchedulerDelayfuncTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<Double> delays = new ArrayList<>();
    private final List<Object> log = Collections.synchronizedList(new ArrayList<>());
    private Scheduler scheduler;

    /** A scheduler on the free clock whose delay function first records its argument, then runs {@code then}. */
    private Scheduler recording(DoubleConsumer then) {
        scheduler = new Scheduler(clock::time, d -> {
            delays.add(d);
            then.accept(d);
        });
        return scheduler;
    }

    @Test
    @DisplayName("SCHED-15: delayfunc(time - now) when the head is not due, delayfunc(0) after each action")
    void delayCalls() throws InterruptedException {
        recording(clock::sleep);
        scheduler.enterabs(1.0, 1, () -> log.add(1));
        scheduler.enterabs(3.0, 1, () -> log.add(3));
        scheduler.enterabs(3.0, 2, () -> log.add("3b"));
        scheduler.run();
        assertThat(delays).containsExactly(1.0, 0.0, 2.0, 0.0, 0.0);
        assertThat(log).containsExactly(1, 3, "3b");
    }

    @Test
    @DisplayName("SCHED-15: after an early return the event is still queued and run() asks again for the rest")
    void earlyReturnRechecks() throws InterruptedException {
        List<Integer> queuedDuringDelay = new ArrayList<>();
        recording(d -> {
            queuedDuringDelay.add(scheduler.queue().size());
            clock.sleep(Math.min(d, 1.0));   // never more than one second at a time
        });
        scheduler.enterabs(3.0, 1, () -> log.add(clock.time()));
        scheduler.run();
        assertThat(delays).containsExactly(3.0, 2.0, 1.0, 0.0);
        assertThat(queuedDuringDelay).containsExactly(1, 1, 1, 0);
        assertThat(log).containsExactly(3.0);
    }

    @Test
    @DisplayName("SCHED-13 SCHED-15: an earlier event entered during the delay runs once the whole delay has returned")
    void earlierEventEnteredDuringDelay() throws InterruptedException {
        recording(d -> {
            if (delays.size() == 1) {
                scheduler.enterabs(0.5, 1, () -> log.add("early, ran at " + clock.time()));
            }
            clock.sleep(d);
        });
        scheduler.enterabs(1.0, 1, () -> log.add("late, ran at " + clock.time()));
        scheduler.run();
        assertThat(log).containsExactly("early, ran at 1.0", "late, ran at 1.0");
        assertThat(delays).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    @DisplayName("SCHED-15: delayfunc and actions are called without the scheduler's lock: another thread can enter meanwhile")
    void lockReleasedDuringDelayAndAction() throws InterruptedException {
        List<Boolean> otherThreadGotIn = new ArrayList<>();
        recording(d -> {
            if (d > 0) {
                otherThreadGotIn.add(enterFromAnotherThread());
            }
            clock.sleep(d);
        });
        scheduler.enterabs(1.0, 1, () -> otherThreadGotIn.add(enterFromAnotherThread()));
        scheduler.run();
        // delayfunc(1.0), the action at 1.0, delayfunc(99.0): each let another thread enter.
        assertThat(otherThreadGotIn).containsExactly(true, true, true);
        assertThat(log).containsExactly("entered from another thread", "entered from another thread",
                "entered from another thread");
        assertThat(clock.time()).isEqualTo(100.0);
    }

    /** Enters an event at 100.0 from a new thread; true if that thread got the lock and ended. */
    private boolean enterFromAnotherThread() {
        Thread other = Thread.ofPlatform().start(() -> scheduler.enterabs(100.0, 1, () -> log.add("entered from another thread")));
        try {
            return other.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
