package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Events run in order of time, then priority, then entry (test_sched's test_enter, test_enterabs, test_priority). */
@Timeout(30)
class SchedulerOrderTest {

    private final VirtualClock clock = new VirtualClock();
    private final Scheduler scheduler = clock.scheduler();
    private final List<Object> log = new ArrayList<>();

    @Test
    @DisplayName("SCHED-01: events entered with delays 0.5..0.1 run in time order, each at its time")
    void enterRunsInTimeOrder() throws InterruptedException {
        List<Double> ranAt = new ArrayList<>();
        for (double x : new double[] {0.5, 0.4, 0.3, 0.2, 0.1}) {
            scheduler.enter(x, 1, () -> {
                log.add(x);
                ranAt.add(clock.time());
            });
        }
        scheduler.run();
        assertThat(log).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5);
        assertThat(ranAt).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5);
    }

    @Test
    @DisplayName("SCHED-02: absolute times run in ascending order, whatever the order of entry")
    void enterabsRunsInAscendingOrder() throws InterruptedException {
        for (double x : new double[] {0.05, 0.02, 0.04, 0.01, 0.03}) {
            scheduler.enterabs(x, 1, () -> log.add(x));
        }
        scheduler.run();
        assertThat(log).containsExactly(0.01, 0.02, 0.03, 0.04, 0.05);
        assertThat(clock.time()).isEqualTo(0.05);
    }

    @Test
    @DisplayName("SCHED-03: at equal times lower priorities run first, equal priorities in entry order; empty() afterwards")
    void priorityThenEntryOrder() throws InterruptedException {
        int[][][] cases = {
            {{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}},
            {{5, 4, 3, 2, 1}, {1, 2, 3, 4, 5}},
            {{2, 5, 3, 1, 4}, {1, 2, 3, 4, 5}},
            {{1, 2, 3, 2, 1}, {1, 1, 2, 2, 3}},
        };
        for (int[][] c : cases) {
            List<Integer> ran = new ArrayList<>();
            for (int priority : c[0]) {
                scheduler.enterabs(0.01, priority, () -> ran.add(priority));
            }
            scheduler.run();
            assertThat(ran).as("priorities %s", List.of(c[0])).containsExactly(boxed(c[1]));
            assertThat(scheduler.empty()).isTrue();
        }
        // Equal time and priority: entry order, told apart by what each action logs.
        for (String name : new String[] {"a", "b", "c", "d"}) {
            scheduler.enterabs(1.0, 7, () -> log.add(name));
        }
        scheduler.run();
        assertThat(log).containsExactly("a", "b", "c", "d");
    }

    @Test
    @DisplayName("SCHED-04: the ordering key is (time, priority, sequence); sequence counts entries per scheduler")
    void orderingKey() {
        Runnable action = () -> { };
        Scheduler.Event late = scheduler.enterabs(2.0, 0, action);
        Scheduler.Event lowPriority = scheduler.enterabs(1.0, 5, action);
        Scheduler.Event first = scheduler.enterabs(1.0, 1, action);
        Scheduler.Event second = scheduler.enter(1.0, 1, action);   // clock at 0.0: also time 1.0

        assertThat(List.of(late, lowPriority, first, second)).extracting(Scheduler.Event::sequence)
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(first.time()).isEqualTo(1.0);
        assertThat(first.priority()).isEqualTo(1);
        assertThat(first.action()).isSameAs(action);

        assertThat(first).isLessThan(second);           // same time and priority: sequence decides
        assertThat(second).isLessThan(lowPriority);     // same time: priority decides
        assertThat(lowPriority).isLessThan(late);       // time decides before priority
        assertThat(first.compareTo(first)).isZero();
        assertThat(scheduler.queue()).containsExactly(first, second, lowPriority, late);

        Scheduler other = new VirtualClock().scheduler();
        assertThat(other.enterabs(0.0, 0, action).sequence()).isZero();
    }

    @Test
    @DisplayName("SCHED-04: -0.0 and 0.0 are the same time, so priority orders them, as Python's == does")
    void negativeZeroIsZero() throws InterruptedException {
        scheduler.enterabs(0.0, 2, () -> log.add("zero, priority 2"));
        scheduler.enterabs(-0.0, 1, () -> log.add("minus zero, priority 1"));
        scheduler.run();
        assertThat(log).containsExactly("minus zero, priority 1", "zero, priority 2");
    }

    private static Integer[] boxed(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
