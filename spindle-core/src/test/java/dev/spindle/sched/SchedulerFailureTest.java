package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exceptions from actions and delay functions, and bad arguments. */
@Timeout(30)
class SchedulerFailureTest {

    private final VirtualClock clock = new VirtualClock();
    private final Scheduler scheduler = clock.scheduler();
    private final List<Object> log = new ArrayList<>();

    @Test
    @DisplayName("SCHED-16: an action's exception propagates from run() with its event removed; run() again runs the rest")
    void actionThrows() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        scheduler.enterabs(1.0, 1, () -> log.add(1));
        Scheduler.Event failing = scheduler.enterabs(2.0, 1, () -> {
            throw boom;
        });
        Scheduler.Event later = scheduler.enterabs(3.0, 1, () -> log.add(3));
        assertThatThrownBy(scheduler::run).isSameAs(boom);
        assertThat(log).containsExactly(1);
        assertThat(scheduler.queue()).containsExactly(later);
        assertThatThrownBy(() -> scheduler.cancel(failing)).isInstanceOf(IllegalStateException.class);
        assertThat(clock.time()).isEqualTo(2.0);
        scheduler.run();
        assertThat(log).containsExactly(1, 3);
        assertThat(scheduler.empty()).isTrue();
    }

    @Test
    @DisplayName("SCHED-16: a delay function's exception propagates from run(); the event stays queued for the next run()")
    void delayfuncThrows() throws InterruptedException {
        boolean[] failNext = {true};
        Scheduler failingDelay = new Scheduler(clock::time, d -> {
            if (d > 0 && failNext[0]) {
                failNext[0] = false;
                throw new IllegalStateException("no sleep for you");
            }
            clock.sleep(d);
        });
        Scheduler.Event event = failingDelay.enterabs(5.0, 1, () -> log.add(5));
        assertThatThrownBy(failingDelay::run).isInstanceOf(IllegalStateException.class).hasMessage("no sleep for you");
        assertThat(failingDelay.queue()).containsExactly(event);
        failingDelay.run();
        assertThat(log).containsExactly(5);
        assertThat(clock.time()).isEqualTo(5.0);
    }

    @Test
    @DisplayName("an infinite or NaN time or delay is IllegalArgumentException naming the argument and value; nothing is entered")
    void notFinite() {
        assertThatThrownBy(() -> scheduler.enterabs(Double.NaN, 1, log::clear)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'time' must be a finite number: NaN");
        assertThatThrownBy(() -> scheduler.enterabs(Double.POSITIVE_INFINITY, 1, log::clear))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'time' must be a finite number: Infinity");
        assertThatThrownBy(() -> scheduler.enterabs(Double.NEGATIVE_INFINITY, 1, log::clear))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'time' must be a finite number: -Infinity");
        assertThatThrownBy(() -> scheduler.enter(Double.NaN, 1, log::clear)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'delay' must be a finite number: NaN");
        assertThatThrownBy(() -> scheduler.enter(Double.POSITIVE_INFINITY, 1, log::clear))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'delay' must be a finite number: Infinity");
        assertThat(scheduler.empty()).isTrue();
        assertThat(scheduler.enterabs(0.0, 1, log::clear).sequence()).as("no sequence number was used up").isZero();
    }

    @Test
    @DisplayName("a null action, delay, timefunc or delayfunc is NullPointerException naming it")
    void nulls() {
        assertThatThrownBy(() -> scheduler.enterabs(1.0, 1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("action");
        assertThatThrownBy(() -> scheduler.enter(1.0, 1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("action");
        assertThatThrownBy(() -> scheduler.enter((Duration) null, 1, log::clear)).isInstanceOf(NullPointerException.class)
                .hasMessage("delay");
        assertThatThrownBy(() -> scheduler.enter(Duration.ofSeconds(1), 1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("action");
        assertThatThrownBy(() -> new Scheduler(null, clock::sleep)).isInstanceOf(NullPointerException.class)
                .hasMessage("timefunc");
        assertThatThrownBy(() -> new Scheduler(clock::time, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("delayfunc");
        assertThat(scheduler.empty()).isTrue();
    }
}
