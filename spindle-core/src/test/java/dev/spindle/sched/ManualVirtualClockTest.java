package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A manual {@link VirtualClock}: sleepers wait until {@code advance} lets time run. */
@Timeout(30)
class ManualVirtualClockTest {

    private final VirtualClock clock = VirtualClock.manual();

    @Test
    @DisplayName("a sleep waits until advance allows its whole length; time moves with it up to the limit")
    void sleepWaitsForAdvance() throws InterruptedException {
        Thread sleeper = Thread.ofPlatform().start(() -> clock.sleep(3.0));
        clock.advance(1.0);
        clock.awaitTime(1.0);                           // the sleeper moved time to the limit...
        assertThat(clock.awaitTime(1.5, Duration.ZERO)).isFalse();   // ...and no further
        assertThat(sleeper.isAlive()).isTrue();         // it needs time 3.0, only 1.0 is allowed
        clock.advance(2.0);
        sleeper.join();
        assertThat(clock.time()).isEqualTo(3.0);
    }

    @Test
    @DisplayName("advance with nobody sleeping only raises the limit; later sleeps use it without waiting")
    void advanceIsAnAllowance() {
        clock.advance(5.0);
        assertThat(clock.time()).isEqualTo(0.0);
        clock.sleep(2.0);
        assertThat(clock.time()).isEqualTo(2.0);
        clock.sleep(3.0);
        assertThat(clock.time()).isEqualTo(5.0);
        assertThat(clock).hasToString("VirtualClock[manual, time=5.0, limit=5.0]");
    }

    @Test
    @DisplayName("a sleeper never overshoots when time is allowed before it starts sleeping")
    void noOvershoot() throws InterruptedException {
        // The race CPython's Timer fixture avoids: the sleeper read the time (0.0) and computed a
        // delay of 1.0, but the test advances before the sleep starts. The sleep still ends at 1.0.
        clock.advance(1.0);
        Thread sleeper = Thread.ofPlatform().start(() -> clock.sleep(1.0));
        sleeper.join();
        assertThat(clock.time()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("an interrupted sleep returns early with the interrupt status set; time stays at the limit")
    void interruptedSleepReturnsEarly() throws InterruptedException {
        clock.advance(0.5);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread sleeper = Thread.ofPlatform().start(() -> {
            clock.sleep(2.0);
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        clock.awaitTime(0.5);                           // it is sleeping, and needs 1.5 more
        sleeper.interrupt();
        sleeper.join();
        assertThat(interrupted).isTrue();
        assertThat(clock.time()).isEqualTo(0.5);
    }
}
