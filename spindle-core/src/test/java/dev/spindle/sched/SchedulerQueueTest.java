package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code empty()}, {@code queue()} and {@code toString()}: what is pending. */
@Timeout(30)
class SchedulerQueueTest {

    private final VirtualClock clock = new VirtualClock();
    private final Scheduler scheduler = clock.scheduler();
    private final Runnable nothing = () -> { };

    @Test
    @DisplayName("SCHED-08: empty() is true at first, false after enterabs, true once run() has finished")
    void empty() throws InterruptedException {
        assertThat(scheduler.empty()).isTrue();
        for (double x : new double[] {0.05, 0.04, 0.03, 0.02, 0.01}) {
            scheduler.enterabs(x, 1, nothing);
        }
        assertThat(scheduler.empty()).isFalse();
        scheduler.run();
        assertThat(scheduler.empty()).isTrue();
    }

    @Test
    @DisplayName("SCHED-09: queue() lists pending events in the order they will run, not the order of entry")
    void queueInRunOrder() {
        double now = clock.time();
        Scheduler.Event e5 = scheduler.enterabs(now + 0.05, 1, nothing);
        Scheduler.Event e1 = scheduler.enterabs(now + 0.01, 1, nothing);
        Scheduler.Event e2 = scheduler.enterabs(now + 0.02, 1, nothing);
        Scheduler.Event e4 = scheduler.enterabs(now + 0.04, 1, nothing);
        Scheduler.Event e3 = scheduler.enterabs(now + 0.03, 1, nothing);
        assertThat(scheduler.queue()).containsExactly(e1, e2, e3, e4, e5);
    }

    @Test
    @DisplayName("SCHED-09: queue() is a snapshot that cannot be modified; later changes do not show in it")
    void queueIsASnapshot() throws InterruptedException {
        Scheduler.Event a = scheduler.enterabs(1, 1, nothing);
        Scheduler.Event b = scheduler.enterabs(2, 1, nothing);
        List<Scheduler.Event> snapshot = scheduler.queue();
        scheduler.enterabs(0.5, 1, nothing);
        scheduler.cancel(b);
        assertThat(snapshot).containsExactly(a, b);
        assertThatThrownBy(() -> snapshot.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        scheduler.run();
        assertThat(scheduler.queue()).isEmpty();
    }

    @Test
    @DisplayName("toString shows the state in Python's words: the events pending and the next time")
    void toStringShowsState() {
        assertThat(scheduler).hasToString("Scheduler[empty]");
        scheduler.enterabs(3.0, 1, nothing);
        assertThat(scheduler).hasToString("Scheduler[1 event, next at 3.0]");
        Runnable printTime = new Runnable() {
            @Override
            public void run() { }

            @Override
            public String toString() {
                return "print_time";
            }
        };
        Scheduler.Event event = scheduler.enterabs(2.5, 4, printTime);
        assertThat(scheduler).hasToString("Scheduler[2 events, next at 2.5]");
        assertThat(event).hasToString("Event[time=2.5, priority=4, sequence=1, action=print_time]");
    }
}
