package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code cancel}: the event never runs; an event no longer queued cannot be cancelled. */
@Timeout(30)
class SchedulerCancelTest {

    private final VirtualClock clock = new VirtualClock(100.0);
    private final Scheduler scheduler = clock.scheduler();
    private final List<Object> log = new ArrayList<>();

    @Test
    @DisplayName("SCHED-05: cancelling the first and last of five leaves [0.02, 0.03, 0.04]")
    void cancelFirstAndLast() throws InterruptedException {
        double now = clock.time();
        List<Scheduler.Event> events = new ArrayList<>();
        for (double x : new double[] {0.01, 0.02, 0.03, 0.04, 0.05}) {
            events.add(scheduler.enterabs(now + x, 1, () -> log.add(x)));
        }
        scheduler.cancel(events.get(0));
        scheduler.cancel(events.get(4));
        assertThat(scheduler.queue()).containsExactly(events.get(1), events.get(2), events.get(3));
        scheduler.run();
        assertThat(log).containsExactly(0.02, 0.03, 0.04);
    }

    @Test
    @DisplayName("SCHED-06: of three events with the same time and priority, cancel(b) removes exactly b (bpo-19270)")
    void cancelRemovesTheRightEvent() throws InterruptedException {
        scheduler.enterabs(1, 1, () -> log.add("a"));
        Scheduler.Event b = scheduler.enterabs(1, 1, () -> log.add("b"));
        scheduler.enterabs(1, 1, () -> log.add("c"));
        scheduler.cancel(b);
        scheduler.run();
        assertThat(log).containsExactly("a", "c");
    }

    @Test
    @DisplayName("cancel keeps the heap in order: cancelling from the middle of many events leaves the rest in run order")
    void cancelFromTheMiddle() throws InterruptedException {
        List<Scheduler.Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int time = (i * 37) % 101;   // a scrambled order of entry, with repeated times
            events.add(scheduler.enterabs(time, i % 3, () -> log.add(time)));
        }
        List<Scheduler.Event> kept = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (i % 3 == 1) {
                scheduler.cancel(events.get(i));
            } else {
                kept.add(events.get(i));
            }
        }
        kept.sort(null);
        assertThat(scheduler.queue()).containsExactlyElementsOf(kept);
        scheduler.run();
        assertThat(log).containsExactlyElementsOf(kept.stream().map(e -> (int) e.time()).toList());
    }

    @Test
    @DisplayName("SCHED-07: cancel of an event already cancelled, already run, or of another scheduler is IllegalStateException")
    void cancelWhenNotQueued() throws InterruptedException {
        Scheduler.Event cancelled = scheduler.enterabs(1, 1, () -> log.add("cancelled"));
        Scheduler.Event ran = scheduler.enterabs(2, 1, () -> log.add("ran"));
        Scheduler.Event kept = scheduler.enterabs(200, 1, () -> log.add("kept"));
        scheduler.cancel(cancelled);
        assertThatThrownBy(() -> scheduler.cancel(cancelled)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot cancel an event that is not queued (it ran or was cancelled): " + cancelled);
        scheduler.run(false);
        assertThat(log).containsExactly("ran");
        assertThatThrownBy(() -> scheduler.cancel(ran)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot cancel an event that is not queued (it ran or was cancelled): " + ran);

        Scheduler other = new VirtualClock().scheduler();
        Scheduler.Event foreign = other.enterabs(200, 1, () -> log.add("foreign"));
        assertThatThrownBy(() -> scheduler.cancel(foreign)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot cancel an event of another scheduler: " + foreign);
        assertThat(scheduler.queue()).containsExactly(kept);
        assertThat(other.queue()).containsExactly(foreign);
    }

    @Test
    @DisplayName("cancel(null) is NullPointerException")
    void cancelNull() {
        assertThatThrownBy(() -> scheduler.cancel(null)).isInstanceOf(NullPointerException.class).hasMessage("event");
    }
}
