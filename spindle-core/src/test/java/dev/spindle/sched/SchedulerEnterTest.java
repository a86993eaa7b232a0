package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code enter}: a delay from the time read at the call, in seconds or as a {@link Duration}. */
@Timeout(30)
class SchedulerEnterTest {

    private final VirtualClock clock = new VirtualClock(10.0);
    private final Scheduler scheduler = clock.scheduler();
    private final Runnable nothing = () -> { };

    @Test
    @DisplayName("SCHED-17: enter(delay) computes timefunc() + delay at the moment of the call")
    void delayFromTheCall() {
        Scheduler.Event first = scheduler.enter(5.0, 1, nothing);
        clock.advance(2.0);
        Scheduler.Event second = scheduler.enter(5.0, 1, nothing);
        assertThat(first.time()).isEqualTo(15.0);
        assertThat(second.time()).isEqualTo(17.0);
        assertThat(scheduler.time()).isEqualTo(12.0);
    }

    @Test
    @DisplayName("SCHED-17: the timefunc given is the one used, in its own units")
    void suppliedTimefunc() throws InterruptedException {
        long[] ticks = {1000};
        List<Long> ranAt = new ArrayList<>();
        Scheduler ticking = new Scheduler(() -> ticks[0], d -> ticks[0] += (long) d);
        ticking.enter(250, 1, () -> ranAt.add(ticks[0]));
        ticking.enterabs(1100, 1, () -> ranAt.add(ticks[0]));
        ticking.run();
        assertThat(ranAt).containsExactly(1100L, 1250L);
    }

    @Test
    @DisplayName("enter(Duration) is a delay in seconds; a negative one is due at once; a huge one saturates")
    void durationDelay() throws InterruptedException {
        assertThat(scheduler.enter(Duration.ofMillis(1500), 1, nothing).time()).isEqualTo(11.5);
        assertThat(scheduler.enter(Duration.ofNanos(1), 1, nothing).time()).isCloseTo(10.0, within(1e-9));
        assertThat(scheduler.enter(Duration.ofSeconds(Long.MAX_VALUE), 1, nothing).time())
                .isEqualTo(10.0 + Timeouts.MAX_WAIT_NANOS / 1e9);
        List<String> log = new ArrayList<>();
        scheduler.enter(Duration.ofSeconds(-3), 1, () -> log.add("past"));
        scheduler.enter(-3.0, 1, () -> log.add("past too"));
        scheduler.run(false);
        assertThat(log).containsExactly("past", "past too");
        assertThat(clock.time()).isEqualTo(10.0);
    }
}
