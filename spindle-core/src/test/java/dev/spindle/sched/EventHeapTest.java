package dev.spindle.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler's heap against a sorted set: same next event, same contents, through lazy cancels and compaction. */
@Timeout(60)
class EventHeapTest {

    private final Runnable nothing = () -> { };
    private long nextSequence;

    private Scheduler.Event event(double time, int priority) {
        return new Scheduler.Event(null, time, priority, nextSequence++, nothing);
    }

    @Test
    @DisplayName("SCHED-04: random adds, cancels and takes match a sorted reference, ties and compaction included")
    void matchesReference() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            EventHeap heap = new EventHeap();
            TreeSet<Scheduler.Event> reference = new TreeSet<>();
            List<Scheduler.Event> queued = new ArrayList<>();
            int distinctTimes = seed % 2 == 0 ? 5 : 1_000_000;   // few times: mostly ties
            for (int step = 0; step < 5_000; step++) {
                int op = random.nextInt(10);
                if (op < 5 || reference.isEmpty()) {
                    Scheduler.Event e = event(random.nextInt(distinctTimes) / 4.0, random.nextInt(3));
                    boolean first = heap.add(e);
                    reference.add(e);
                    queued.add(e);
                    assertThat(first).isEqualTo(reference.first() == e);
                } else if (op < 8) {
                    Scheduler.Event e = queued.remove(random.nextInt(queued.size()));
                    boolean wasFirst = reference.first() == e;
                    assertThat(heap.cancel(e)).isEqualTo(wasFirst);
                    reference.remove(e);
                    assertThat(e.state).isEqualTo(Scheduler.Event.CANCELLED);
                } else {
                    Scheduler.Event e = heap.takeTop();
                    assertThat(e).isSameAs(reference.pollFirst());
                    assertThat(e.state).isEqualTo(Scheduler.Event.TAKEN);
                    queued.remove(e);
                }
                assertThat(heap.isEmpty()).isEqualTo(reference.isEmpty());
                assertThat(heap.queued()).isEqualTo(reference.size());
                assertThat(heap.entries()).as("cancelled entries are compacted away").isLessThanOrEqualTo(2 * heap.queued() + 1);
                if (!reference.isEmpty()) {
                    assertThat(heap.top()).isSameAs(reference.first());
                    assertThat(heap.topTime()).isEqualTo(reference.first().time());
                }
                if (step % 250 == 0) {
                    assertThat(heap.snapshot()).containsExactlyElementsOf(reference);
                }
            }
            while (!reference.isEmpty()) {
                assertThat(heap.takeTop()).isSameAs(reference.pollFirst());
            }
            assertThat(heap.isEmpty()).isTrue();
        }
    }

    @Test
    @DisplayName("cancelled entries left behind by taking the queued ones are compacted away too")
    void takingLeavesNoPileOfCancelled() {
        EventHeap heap = new EventHeap();
        List<Scheduler.Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(event(i, 0));
            heap.add(events.get(i));
        }
        for (int i = 50; i < 100; i++) {
            heap.cancel(events.get(i));   // the latest half: none reaches the top
        }
        for (int i = 0; i < 49; i++) {
            assertThat(heap.takeTop()).isSameAs(events.get(i));
        }
        assertThat(heap.queued()).isEqualTo(1);
        assertThat(heap.entries()).isLessThanOrEqualTo(3);
        assertThat(heap.takeTop()).isSameAs(events.get(49));
        assertThat(heap.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("cancelling most events compacts the heap; what is left still comes out in order")
    void heavyCancellation() {
        EventHeap heap = new EventHeap();
        List<Scheduler.Event> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Scheduler.Event e = event((i * 7919) % 10_007, i % 4);
            events.add(e);
            heap.add(e);
        }
        TreeSet<Scheduler.Event> kept = new TreeSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (i % 10 == 3) {
                kept.add(events.get(i));
            } else {
                heap.cancel(events.get(i));
            }
        }
        assertThat(heap.queued()).isEqualTo(kept.size());
        assertThat(heap.entries()).isLessThanOrEqualTo(2 * kept.size() + 1);
        assertThat(heap.snapshot()).containsExactlyElementsOf(kept);
        for (Scheduler.Event e : kept) {
            assertThat(heap.takeTop()).isSameAs(e);
        }
        assertThat(heap.isEmpty()).isTrue();
    }
}
