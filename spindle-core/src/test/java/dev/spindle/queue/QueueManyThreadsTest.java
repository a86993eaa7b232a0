package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many producers and consumers at once, with every way to put and get: no item is lost or
 * duplicated, with or without a shutdown in the middle.
 */
@Timeout(120)
class QueueManyThreadsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** Puts {@code item} in one of four ways, retrying the non-blocking and timed ones until it is in. */
    static void put(Queue<Integer> q, int item, int style) throws InterruptedException {
        switch (style & 3) {
            case 0 -> q.put(item);
            case 1 -> {
                for (;;) {
                    try {
                        q.putNowait(item);
                        return;
                    } catch (QueueFullException full) {
                        Thread.yield();
                    }
                }
            }
            case 2 -> {
                for (;;) {
                    try {
                        q.put(item, Gets.TICK);
                        return;
                    } catch (QueueFullException full) {
                        // try again
                    }
                }
            }
            default -> {
                while (!q.offer(item, 1, TimeUnit.MILLISECONDS)) {
                    // try again
                }
            }
        }
    }

    /**
     * Starts {@code n} producers; producer {@code p} puts {@code items} items (or until the queue
     * is shut down), each in one of the four ways, recording every put that returned.
     */
    private static void startProducers(Workers workers, Queue<Integer> q, Ledger ledger, int n, int items,
            AtomicInteger endedOnShutDown) {
        for (int p = 0; p < n; p++) {
            int me = p;
            workers.start("producer-" + p, () -> {
                try {
                    for (int i = 0; i < items; i++) {
                        put(q, ledger.next(me), i + me);
                        ledger.put(me);
                    }
                } catch (QueueShutDownException end) {
                    endedOnShutDown.incrementAndGet();
                }
            });
        }
    }

    /**
     * Starts {@code n} consumers that get in all five ways, record each item, mark it done and
     * run {@code afterEach}, until the queue is shut down and empty.
     */
    private static void startConsumers(Workers workers, Queue<Integer> q, Ledger ledger, int n,
            AtomicInteger endedOnShutDown, Runnable afterEach) {
        for (int c = 0; c < n; c++) {
            int me = c;
            workers.start("consumer-" + c, () -> {
                try {
                    for (int i = me;; i++) {
                        ledger.got(Gets.from(q, i));
                        q.taskDone();
                        afterEach.run();
                    }
                } catch (QueueShutDownException end) {
                    endedOnShutDown.incrementAndGet();
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("4 producers and 4 consumers through a queue of 8, with blocking, non-blocking and timed calls: every item is got exactly once and join() sees them all done")
    void everyItemExactlyOnce(QueueKind kind) throws Exception {
        int producers = 4;
        int consumers = 4;
        int perProducer = 5_000;
        Queue<Integer> q = kind.create(8);
        Ledger ledger = new Ledger(producers, perProducer);
        Workers workers = new Workers();
        AtomicInteger producersShutDown = new AtomicInteger();
        startProducers(workers, q, ledger, producers, perProducer, producersShutDown);
        AtomicInteger endedOnShutDown = new AtomicInteger();
        startConsumers(workers, q, ledger, consumers, endedOnShutDown, () -> { });
        // Every item has been put and marked done once join() returns after the producers end.
        await(ledger, producers, perProducer);
        q.join();
        assertThat(ledger.gotCount()).isEqualTo((long) producers * perProducer);
        q.shutdown();
        workers.joinAll(PATIENCE);
        ledger.assertEachGotExactlyOnce();
        assertThat(endedOnShutDown.get()).isEqualTo(consumers);
        assertThat(producersShutDown.get()).as("producers that finished before the shutdown").isZero();
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).isZero();
    }

    /** Waits until the consumers have got as many items as all producers together put. */
    private static void await(Ledger ledger, int producers, int perProducer) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5))
                .until(() -> ledger.gotCount() >= (long) producers * perProducer);
    }

    static Stream<Arguments> kindsAndShutdowns() {
        return Arrays.stream(QueueKind.values())
                .flatMap(kind -> Stream.of(Arguments.of(kind, false), Arguments.of(kind, true)));
    }

    @ParameterizedTest(name = "{0} immediate={1}")
    @MethodSource("kindsAndShutdowns")
    @DisplayName("QUEUE-25: shutdown under 4 producers, 6 consumers and 2 joiners (64k messages): every reader ends on ShutDown, every producer sees it, joiners return, nothing is got twice (or lost, unless immediate), an immediate shutdown leaves the queue empty")
    void shutdownUnderLoad(QueueKind kind, boolean immediate) throws Exception {
        int producers = 4;
        int consumers = 6;
        int messages = 64 * 1024;
        Queue<Integer> q = kind.create(100);
        Ledger ledger = new Ledger(producers, 1 << 18);
        CountDownLatch enoughMessages = new CountDownLatch(1);
        AtomicInteger producersShutDown = new AtomicInteger();
        AtomicInteger consumersShutDown = new AtomicInteger();
        AtomicInteger joinersReturned = new AtomicInteger();
        Workers workers = new Workers();
        startProducers(workers, q, ledger, producers, Integer.MAX_VALUE, producersShutDown);
        startConsumers(workers, q, ledger, consumers, consumersShutDown, () -> {
            if (ledger.gotCount() >= messages) {
                enoughMessages.countDown();
            }
        });
        for (int j = 0; j < 2; j++) {
            workers.start("joiner-" + j, () -> {
                q.join();
                joinersReturned.incrementAndGet();
            });
        }
        workers.start("shutdown", () -> {
            if (!enoughMessages.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("only " + ledger.gotCount() + " messages moved");
            }
            q.shutdown(immediate);
        });
        workers.joinAll(PATIENCE);

        assertThat(producersShutDown.get()).isEqualTo(producers);
        assertThat(consumersShutDown.get()).isEqualTo(consumers);
        assertThat(joinersReturned.get()).isEqualTo(2);
        assertThat(ledger.gotCount()).isGreaterThanOrEqualTo(messages);
        if (immediate) {
            ledger.assertNoneGotTwice();
        } else {
            ledger.assertEachGotExactlyOnce();
            assertThat(ledger.gotCount()).isEqualTo(ledger.putCount());
        }
        assertThat(q.empty()).isTrue();
        assertThat(q.unfinishedTasks()).isZero();
    }

    @Test
    @DisplayName("one producer and one consumer through a FIFO Queue of 3 keep the order, whatever calls they use")
    void oneProducerOneConsumerKeepOrder() throws Exception {
        Queue<Integer> q = new Queue<>(3);
        int n = 20_000;
        int[] got = new int[n];
        Workers workers = new Workers();
        workers.start("producer", () -> {
            for (int i = 0; i < n; i++) {
                put(q, i, i / 7);
            }
        });
        workers.start("consumer", () -> {
            for (int i = 0; i < n; i++) {
                got[i] = Gets.from(q, i / 5);
            }
        });
        workers.joinAll(PATIENCE);
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).isEqualTo(i);
        }
    }
}
