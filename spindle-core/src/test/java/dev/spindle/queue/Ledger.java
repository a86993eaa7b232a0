package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts items through a queue so that a test can prove none was lost or duplicated. Producer
 * {@code p} puts items {@code p * perProducer + 0, 1, 2, ...} and records each put that
 * returned normally; consumers record every item they get.
 */
final class Ledger {

    private final int producers;
    private final int perProducer;
    private final int[] putCounts;
    private final AtomicIntegerArray seen;
    private final AtomicLong got = new AtomicLong();

    /** A ledger for {@code producers} producers that put at most {@code perProducer} items each. */
    Ledger(int producers, int perProducer) {
        this.producers = producers;
        this.perProducer = perProducer;
        this.putCounts = new int[producers];
        this.seen = new AtomicIntegerArray(producers * perProducer);
    }

    /** True once producer {@code p} has put its most items. */
    boolean done(int p) {
        return putCounts[p] == perProducer;
    }

    /** The next item producer {@code p} should put; fails once it has put its most items. */
    int next(int p) {
        if (done(p)) {
            throw new AssertionError("producer " + p + " ran past " + perProducer + " items");
        }
        return p * perProducer + putCounts[p];
    }

    /** Records that producer {@code p}'s item from {@link #next(int)} was put; only p's thread calls it. */
    void put(int p) {
        putCounts[p]++;
    }

    /** Records that a consumer got {@code item}. */
    void got(int item) {
        seen.incrementAndGet(item);
        got.incrementAndGet();
    }

    /** Items got so far, by all consumers. */
    long gotCount() {
        return got.get();
    }

    /** Items put, by all producers; read after the producers have been joined. */
    long putCount() {
        long total = 0;
        for (int count : putCounts) {
            total += count;
        }
        return total;
    }

    /** Every item put was got exactly once, and nothing else was got. Call after joining every thread. */
    void assertEachGotExactlyOnce() {
        check(true);
    }

    /** No item was got twice, and nothing was got that was not put. Call after joining every thread. */
    void assertNoneGotTwice() {
        check(false);
    }

    private void check(boolean all) {
        for (int p = 0; p < producers; p++) {
            for (int i = 0; i < perProducer; i++) {
                int count = seen.get(p * perProducer + i);
                if (i < putCounts[p]) {
                    if (all ? count != 1 : count > 1) {
                        assertThat(count).as("times producer %d's item %d was got", p, i).isEqualTo(1);
                    }
                } else if (count != 0) {
                    assertThat(count).as("times producer %d's item %d, never put, was got", p, i).isZero();
                }
            }
        }
    }
}
