package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.testing.TestThread;
import dev.spindle.threading.Held;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shared values and arrays within one process: the operations, bounds and the lock. */
@Timeout(60)
class SharedMemoryTest {

    @Test
    @DisplayName("SharedLong: get, set, getAndAdd, addAndGet and compareAndSet, as AtomicLong's")
    void sharedLong() {
        SharedLong v = new SharedLong(5);
        assertThat(new SharedLong().get()).isZero();
        assertThat(v.get()).isEqualTo(5);
        assertThat(v.getAndAdd(3)).isEqualTo(5);
        assertThat(v.addAndGet(2)).isEqualTo(10);
        assertThat(v.compareAndSet(9, 0)).isFalse();
        assertThat(v.compareAndSet(10, Long.MIN_VALUE)).isTrue();
        assertThat(v.get()).isEqualTo(Long.MIN_VALUE);
        v.set(42);
        assertThat(v).hasToString("SharedLong[42]");
    }

    @Test
    @DisplayName("SharedDouble: get, set, and compareAndSet on the bits (NaN matches NaN, 0.0 does not match -0.0)")
    void sharedDouble() {
        SharedDouble d = new SharedDouble(1.5);
        assertThat(d.get()).isEqualTo(1.5);
        d.set(Double.NaN);
        assertThat(d.compareAndSet(Double.NaN, 0.0)).isTrue();
        assertThat(d.compareAndSet(-0.0, 1.0)).isFalse();
        assertThat(d.compareAndSet(0.0, 2.5)).isTrue();
        assertThat(d).hasToString("SharedDouble[2.5]");
    }

    @Test
    @DisplayName("shared arrays: length, element operations, bounds checks, of(...), toArray and toString")
    void arrays() {
        SharedIntArray ints = SharedIntArray.of(1, 2, 3);
        assertThat(ints.length()).isEqualTo(3);
        assertThat(ints.getAndAdd(1, 10)).isEqualTo(2);
        assertThat(ints.addAndGet(2, 1)).isEqualTo(4);
        assertThat(ints.compareAndSet(0, 1, -1)).isTrue();
        assertThat(ints.toArray()).containsExactly(-1, 12, 4);
        assertThat(ints).hasToString("SharedIntArray[-1, 12, 4]");
        assertThatThrownBy(() -> ints.get(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("index 3 out of bounds for length 3");
        assertThatThrownBy(() -> ints.set(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);

        SharedLongArray longs = new SharedLongArray(25);
        longs.set(24, Long.MAX_VALUE);
        assertThat(longs.addAndGet(0, 7)).isEqualTo(7);
        assertThat(longs.toArray()).hasSize(25).startsWith(7L).endsWith(Long.MAX_VALUE);
        assertThat(longs.toString()).endsWith(", ... (25 elements)]");

        SharedDoubleArray doubles = SharedDoubleArray.of(0.5, 1.5);
        assertThat(doubles.compareAndSet(1, 1.5, 3.0)).isTrue();
        assertThat(doubles.toArray()).containsExactly(0.5, 3.0);
        assertThat(new SharedDoubleArray(0).length()).isZero();
        assertThatThrownBy(() -> new SharedIntArray(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a deserialized handle maps the same memory, and is of the same kind")
    void handlesShareMemory() throws Exception {
        SharedLongArray a = new SharedLongArray(2);
        SharedLongArray b = (SharedLongArray) Codec.deserialize(Codec.serialize(a));
        b.set(1, 99);
        assertThat(a.get(1)).isEqualTo(99);
        a.addAndGet(0, 5);
        assertThat(b.get(0)).isEqualTo(5);
        SharedDouble d = (SharedDouble) Codec.deserialize(Codec.serialize(new SharedDouble(3.25)));
        assertThat(d.get()).isEqualTo(3.25);
    }

    @Test
    @DisplayName("MP-24: lock() is reentrant for its holder and excludes others until released; releasing it unheld is IllegalMonitorStateException")
    void lock() throws Exception {
        SharedLong v = new SharedLong();
        Held outer = v.lock();
        Held inner = v.lock();
        TestThread<Void> other = TestThread.run("other", () -> {
            try (Held h = v.lock()) {
                v.set(2);
            }
        });
        other.awaitBlocked();
        inner.close();
        assertThat(other.isDone()).as("still held once").isFalse();
        v.set(1);
        outer.close();
        other.join();
        assertThat(v.get()).isEqualTo(2);
        assertThatThrownBy(outer::close).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot release un-acquired lock");
    }

    @Test
    @DisplayName("a thread interrupted while waiting for the lock throws InterruptedException and does not hold it")
    void interruptedLock() throws Exception {
        SharedLong v = new SharedLong();
        try (Held held = v.lock()) {
            TestThread<Void> waiter = TestThread.run("waiter", () -> v.lock().close());
            waiter.awaitBlocked();
            waiter.thread().interrupt();
            assertThat(waiter.joinFailure()).isInstanceOf(InterruptedException.class);
        }
        try (Held again = v.lock()) {
            v.set(1);
        }
        assertThat(v.get()).isEqualTo(1);
    }
}
