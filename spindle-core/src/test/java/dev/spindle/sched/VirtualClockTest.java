package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A free {@link VirtualClock}: time moves at once when slept or advanced. */
@Timeout(30)
class VirtualClockTest {

    @Test
    @DisplayName("a new clock reads 0.0, or the start it was given")
    void start() {
        assertThat(new VirtualClock().time()).isEqualTo(0.0);
        assertThat(new VirtualClock(-3.5).time()).isEqualTo(-3.5);
        assertThat(VirtualClock.manual(7.0).time()).isEqualTo(7.0);
    }

    @Test
    @DisplayName("sleep and advance move a free clock at once, each call adding its own seconds")
    void sleepAndAdvance() {
        VirtualClock clock = new VirtualClock(10.0);
        clock.sleep(2.5);
        assertThat(clock.time()).isEqualTo(12.5);
        clock.advance(0.5);
        assertThat(clock.time()).isEqualTo(13.0);
        clock.sleep(0.0);
        assertThat(clock.time()).isEqualTo(13.0);
        clock.sleep(1.0);
        clock.sleep(1.0);
        assertThat(clock.time()).isEqualTo(15.0);
    }

    @Test
    @DisplayName("sleeps from several threads add up on a free clock")
    void concurrentSleepsAddUp() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    clock.sleep(0.25);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(clock.time()).isEqualTo(1000.0);
    }

    @Test
    @DisplayName("negative, infinite and NaN seconds are rejected, naming the value; time does not move")
    void badSeconds() {
        VirtualClock clock = new VirtualClock(1.0);
        assertThatThrownBy(() -> clock.sleep(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'seconds' must be a finite non-negative number: -1.0");
        assertThatThrownBy(() -> clock.advance(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'seconds' must be a finite non-negative number: -0.5");
        assertThatThrownBy(() -> clock.sleep(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'seconds' must be a finite non-negative number: NaN");
        assertThatThrownBy(() -> clock.advance(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'seconds' must be a finite non-negative number: Infinity");
        assertThat(clock.time()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a start that is not finite is rejected, and so is a move past the largest double")
    void badStartAndOverflow() {
        assertThatThrownBy(() -> new VirtualClock(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'start' must be a finite number: NaN");
        assertThatThrownBy(() -> VirtualClock.manual(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'start' must be a finite number: -Infinity");
        VirtualClock clock = new VirtualClock(Double.MAX_VALUE);
        assertThatThrownBy(() -> clock.advance(Double.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'seconds' would move the time past the largest double: " + Double.MAX_VALUE);
        assertThat(clock.time()).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    @DisplayName("scheduler() runs a day of events in virtual time, each at its own time")
    void schedulerRunsADay() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        Scheduler scheduler = clock.scheduler();
        double[] ranAt = new double[24];
        for (int hour = 23; hour >= 0; hour--) {
            int h = hour;
            scheduler.enter(3600.0 * (h + 1), 1, () -> ranAt[h] = clock.time());
        }
        scheduler.run();
        for (int hour = 0; hour < 24; hour++) {
            assertThat(ranAt[hour]).isEqualTo(3600.0 * (hour + 1));
        }
        assertThat(clock.time()).isEqualTo(86_400.0);
        assertThat(scheduler.empty()).isTrue();
    }

    @Test
    @DisplayName("awaitTime returns once another thread has moved the clock that far")
    void awaitTime() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        AtomicReference<Double> seen = new AtomicReference<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                clock.awaitTime(5.0);
                seen.set(clock.time());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        clock.advance(3.0);
        assertThat(clock.awaitTime(5.0, Duration.ZERO)).isFalse();
        assertThat(clock.awaitTime(3.0, Duration.ZERO)).isTrue();
        clock.sleep(2.0);
        waiter.join();
        assertThat(seen.get()).isEqualTo(5.0);
    }

    @Test
    @DisplayName("awaitTime with a timeout returns false after about the timeout when the clock stays put")
    void awaitTimeTimesOut() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        long start = System.nanoTime();
        assertThat(clock.awaitTime(1.0, Duration.ofMillis(100))).isFalse();
        long elapsed = System.nanoTime() - start;
        assertThat(elapsed).isBetween(Duration.ofMillis(100).toNanos(), Duration.ofSeconds(10).toNanos());
        assertThat(clock.awaitTime(0.0, Duration.ofSeconds(-1))).isTrue();
    }

    @Test
    @DisplayName("awaitTime rejects NaN and a null timeout, and throws InterruptedException when interrupted")
    void awaitTimeMisuse() {
        VirtualClock clock = new VirtualClock();
        assertThatThrownBy(() -> clock.awaitTime(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'time' must be a number: NaN");
        assertThatThrownBy(() -> clock.awaitTime(1.0, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("timeout");
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> clock.awaitTime(1.0)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    @DisplayName("toString shows the time, and for a manual clock the limit")
    void toStringShowsState() {
        VirtualClock clock = new VirtualClock(2.0);
        assertThat(clock).hasToString("VirtualClock[time=2.0]");
        VirtualClock manual = VirtualClock.manual();
        manual.advance(3.0);
        assertThat(manual).hasToString("VirtualClock[manual, time=0.0, limit=3.0]");
    }
}
