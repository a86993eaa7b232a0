package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** SHUT-06: a pool nobody references shuts itself down once collected. */
@Timeout(60)
class ThreadPoolGcShutdownTest {

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("SHUT-06: a pool collected without a shutdown finishes the submitted work, then its threads end")
    void collectedPoolShutsDown(boolean virtual) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(2).virtualThreads(virtual).build();
        Future<Integer> f = pool.submit(() -> {
            worker.set(Thread.currentThread());
            running.countDown();
            gate.await();
            return 42;
        });
        CloseableIterator<Integer> mapped = pool.map(Math::abs, java.util.List.of(-5, -4, -3));
        running.await();
        WeakReference<ThreadPoolExecutor> ref = new WeakReference<>(pool);
        pool = null;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
        gate.countDown();
        assertThat(f.result()).isEqualTo(42);
        assertThat(mapped.next()).isEqualTo(5);
        assertThat(mapped.next()).isEqualTo(4);
        assertThat(mapped.next()).isEqualTo(3);
        Thread t = worker.get();
        t.join(Duration.ofSeconds(30));
        assertThat(t.isAlive()).as("the worker ended after the pool was collected").isFalse();
    }
}
