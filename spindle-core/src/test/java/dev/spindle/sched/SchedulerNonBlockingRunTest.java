package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code run(false)}: runs what is due and returns the delay to the next event. */
@Timeout(30)
class SchedulerNonBlockingRunTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<Double> delays = new ArrayList<>();
    private final Scheduler scheduler = new Scheduler(clock::time, d -> {
        delays.add(d);
        clock.sleep(d);
    });
    private final List<Object> log = new ArrayList<>();

    @Test
    @DisplayName("SCHED-11: with every event in the future run(false) runs nothing, waits not at all, and returns the delay")
    void nothingDue() throws InterruptedException {
        for (int x : new int[] {10, 9, 8, 7, 6}) {
            scheduler.enter(x, 1, () -> log.add(x));
        }
        assertThat(scheduler.run(false)).isEqualTo(OptionalDouble.of(6.0));
        assertThat(log).isEmpty();
        assertThat(delays).isEmpty();
        assertThat(clock.time()).isEqualTo(0.0);
        assertThat(scheduler.queue()).hasSize(5);
    }

    @Test
    @DisplayName("SCHED-11: run(false) runs only the events already due and returns next_time - now")
    void runsDueEventsOnly() throws InterruptedException {
        scheduler.enterabs(1.0, 1, () -> log.add(1));
        scheduler.enterabs(2.0, 1, () -> log.add(2));
        scheduler.enterabs(4.5, 1, () -> log.add(4.5));
        clock.advance(2.25);
        assertThat(scheduler.run(false)).isEqualTo(OptionalDouble.of(2.25));
        assertThat(log).containsExactly(1, 2);
        assertThat(delays).containsExactly(0.0, 0.0);   // delayfunc(0) after each action, as Python
        assertThat(clock.time()).isEqualTo(2.25);
    }

    @Test
    @DisplayName("SCHED-11: run(false) returns empty (Python's None) once the queue is empty, and on an empty scheduler")
    void emptyWhenNothingLeft() throws InterruptedException {
        assertThat(scheduler.run(false)).isEmpty();
        scheduler.enterabs(0.0, 1, () -> log.add("due"));
        assertThat(scheduler.run(false)).isEmpty();
        assertThat(log).containsExactly("due");
        assertThat(scheduler.empty()).isTrue();
    }

    @Test
    @DisplayName("SCHED-11: run(true) returns empty, having run everything")
    void blockingReturnsEmpty() throws InterruptedException {
        scheduler.enterabs(3.0, 1, () -> log.add(3));
        assertThat(scheduler.run(true)).isEmpty();
        assertThat(log).containsExactly(3);
        assertThat(clock.time()).isEqualTo(3.0);
    }
}
