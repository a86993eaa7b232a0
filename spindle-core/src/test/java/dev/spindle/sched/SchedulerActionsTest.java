package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Actions may use the scheduler that runs them; several threads may run one scheduler. */
@Timeout(60)
class SchedulerActionsTest {

    private final VirtualClock clock = new VirtualClock();
    private final Scheduler scheduler = clock.scheduler();
    private final List<String> log = new ArrayList<>();

    @Test
    @DisplayName("an action may enter events: a due one runs in the same run(), a later one at its time")
    void actionEnters() throws InterruptedException {
        scheduler.enterabs(1.0, 1, () -> {
            log.add("first at " + clock.time());
            scheduler.enter(0.0, 1, () -> log.add("entered for now, ran at " + clock.time()));
            scheduler.enter(2.0, 1, () -> log.add("entered for later, ran at " + clock.time()));
        });
        scheduler.enterabs(2.0, 1, () -> log.add("second at " + clock.time()));
        scheduler.run();
        assertThat(log).containsExactly("first at 1.0", "entered for now, ran at 1.0", "second at 2.0",
                "entered for later, ran at 3.0");
    }

    @Test
    @DisplayName("an action may cancel a later event, which then never runs; cancelling its own event is IllegalStateException")
    void actionCancels() throws InterruptedException {
        Scheduler.Event[] events = new Scheduler.Event[2];
        AtomicReference<Throwable> selfCancel = new AtomicReference<>();
        events[0] = scheduler.enterabs(1.0, 1, () -> {
            scheduler.cancel(events[1]);
            try {
                scheduler.cancel(events[0]);
            } catch (IllegalStateException e) {
                selfCancel.set(e);
            }
            log.add("canceller");
        });
        events[1] = scheduler.enterabs(2.0, 1, () -> log.add("cancelled"));
        scheduler.enterabs(3.0, 1, () -> log.add("kept"));
        scheduler.run();
        assertThat(log).containsExactly("canceller", "kept");
        assertThat(selfCancel.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot cancel an event that is not queued (it ran or was cancelled): " + events[0]);
        assertThatThrownBy(() -> scheduler.cancel(events[1])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("several threads running one scheduler while others enter: every event runs exactly once")
    void everyEventRunsOnce() throws Exception {
        int perEnterer = 5_000;
        int enterers = 2;
        int runners = 2;
        AtomicIntegerArray runs = new AtomicIntegerArray(perEnterer * enterers);
        CyclicBarrier start = new CyclicBarrier(enterers + runners);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int e = 0; e < enterers; e++) {
            int base = e * perEnterer;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perEnterer; i++) {
                        int id = base + i;
                        scheduler.enterabs(0.0, id % 7, () -> runs.incrementAndGet(id));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        for (int r = 0; r < runners; r++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 100; i++) {   // the queue may run dry before the enterers finish
                        scheduler.run();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        scheduler.run();   // whatever the runners left behind
        for (int id = 0; id < runs.length(); id++) {
            assertThat(runs.get(id)).as("runs of event %d", id).isEqualTo(1);
        }
        assertThat(scheduler.empty()).isTrue();
    }
}
