package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SimpleQueue under many producers and consumers: CPython's test_order and test_many_threads*. */
@Timeout(120)
class SimpleQueueManyThreadsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    @DisplayName("SQUEUE-03: one producer and one consumer keep the order")
    void order() throws Exception {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        int n = 50_000;
        int[] got = new int[n];
        Workers workers = new Workers();
        workers.start("producer", () -> {
            for (int i = 0; i < n; i++) {
                if ((i & 1) == 0) {
                    q.put(i);
                } else {
                    q.putNowait(i);
                }
            }
        });
        workers.start("consumer", () -> {
            for (int i = 0; i < n; i++) {
                got[i] = Gets.from(q, i / 3);
            }
        });
        workers.joinAll(PATIENCE);
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("SQUEUE-03: 50 producers and 50 consumers using blocking, non-blocking and timed gets (get, getNowait, get(timeout), take, poll(timeout)) neither lose nor duplicate items")
    void manyThreads() throws Exception {
        int producers = 50;
        int consumers = 50;
        int perProducer = 2_000;
        long total = (long) producers * perProducer;
        SimpleQueue<Integer> q = new SimpleQueue<>();
        Ledger ledger = new Ledger(producers, perProducer);
        AtomicLong claimed = new AtomicLong();
        Workers workers = new Workers();
        for (int p = 0; p < producers; p++) {
            int me = p;
            workers.start("producer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    q.put(ledger.next(me));
                    ledger.put(me);
                }
            });
        }
        for (int c = 0; c < consumers; c++) {
            int me = c;
            workers.start("consumer-" + c, () -> {
                // Each consumer first claims an item to get, so that together they get exactly `total`.
                for (int i = me; claimed.getAndIncrement() < total; i++) {
                    ledger.got(Gets.from(q, i));
                }
            });
        }
        workers.joinAll(PATIENCE);
        ledger.assertEachGotExactlyOnce();
        assertThat(ledger.gotCount()).isEqualTo(total);
        assertThat(q.empty()).isTrue();
    }
}
