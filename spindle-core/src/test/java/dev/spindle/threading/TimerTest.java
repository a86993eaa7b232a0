package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimerTest {

    @Test
    @DisplayName("TIMER-01: each timer runs its own function; two timers do not share anything")
    void ownFunction() throws Exception {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        Timer t1 = new Timer(Duration.ofMillis(1), a::incrementAndGet);
        Timer t2 = new Timer(Duration.ofMillis(1), () -> b.addAndGet(10));
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        assertThat(a).hasValue(1);
        assertThat(b).hasValue(10);
        assertThat(t1.getName()).isNotEqualTo(t2.getName()).startsWith("Timer-");
    }

    @Test
    @DisplayName("TIMER-02: cancel before the interval ends: the function never runs and the thread ends at once")
    void cancelBefore() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Timer timer = new Timer(Duration.ofHours(1), runs::incrementAndGet);
        timer.start();
        await().until(() -> timer.getState() == Thread.State.TIMED_WAITING);
        timer.cancel();
        assertThat(timer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(runs).hasValue(0);
        assertThat(timer.isFinished()).isTrue();
    }

    @Test
    @DisplayName("TIMER-03: cancel after the function ran, or while it runs, does nothing and throws nothing")
    void cancelAfter() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Timer timer = new Timer(Duration.ZERO, () -> {
            runs.incrementAndGet();
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        timer.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        timer.cancel();   // while it runs
        release.countDown();
        timer.join();
        timer.cancel();   // after it ran
        assertThat(runs).hasValue(1);
    }

    @Test
    @DisplayName("TIMER-04 THREAD-17: a Timer is a Thread (start twice fails, isAlive, daemon) and drops its function when done")
    void isAThread() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Payload payload = timerHolding(ran);
        Timer timer = payload.timer();
        WeakReference<Object> ref = payload.ref();
        assertThat(timer).isInstanceOf(Thread.class);
        assertThat(timer.isAlive()).isFalse();
        timer.setDaemon(true);
        timer.start();
        assertThat(timer.isDaemon()).isTrue();
        assertThatThrownBy(timer::start).isInstanceOf(IllegalThreadStateException.class);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        timer.join();
        assertThat(timer.isAlive()).isFalse();
        assertThat(timer.interval()).isEqualTo(Duration.ofMillis(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
    }

    private record Payload(Timer timer, WeakReference<Object> ref) {}

    /** A timer whose function holds the only strong reference to an object. */
    private static Payload timerHolding(CountDownLatch ran) {
        Object payload = new Object();
        Timer timer = new Timer(Duration.ofMillis(5), new Runnable() {
            final Object held = payload;

            @Override
            public void run() {
                assertThat(held).isNotNull();
                ran.countDown();
            }
        });
        return new Payload(timer, new WeakReference<>(payload));
    }

    @Test
    @DisplayName("a null interval or function is NullPointerException naming it")
    void nulls() {
        assertThatThrownBy(() -> new Timer(null, () -> {})).isInstanceOf(NullPointerException.class).hasMessage("interval");
        assertThatThrownBy(() -> new Timer(Duration.ZERO, null)).isInstanceOf(NullPointerException.class).hasMessage("function");
    }
}
