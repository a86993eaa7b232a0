package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** virtualThreads(true): a virtual thread per task, maxWorkers of them at once. */
@Timeout(60)
class ThreadPoolVirtualModeTest {

    @Test
    @DisplayName("every task runs on a virtual thread of its own, named prefix_i")
    void threadPerTask() throws Exception {
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().virtualThreads(true).maxWorkers(2)
                .threadNamePrefix("v").build()) {
            List<Future<Thread>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fs.add(p.submit(Thread::currentThread));
            }
            Set<Thread> threads = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (Future<Thread> f : fs) {
                Thread t = f.result();
                assertThat(t.isVirtual()).isTrue();
                threads.add(t);
                names.add(t.getName());
            }
            assertThat(threads).hasSize(20);
            assertThat(names).hasSize(20).allMatch(n -> n.matches("v_\\d+"));
        }
    }

    @Test
    @DisplayName("maxWorkers caps how many tasks run at once; the others wait in the queue")
    void maxWorkersCapsConcurrency() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch threeStarted = new CountDownLatch(3);
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().virtualThreads(true).maxWorkers(3).build()) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int index = i;
                fs.add(p.submit(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    threeStarted.countDown();
                    gate.await();
                    running.decrementAndGet();
                    return index;
                }));
            }
            threeStarted.await();
            assertThat(p.toString()).isEqualTo("ThreadPoolExecutor[state=running, virtual threads=3/3, queued=9]");
            assertThat(fs.stream().filter(Future::running)).hasSize(3);
            gate.countDown();
            for (int i = 0; i < fs.size(); i++) {
                assertThat(fs.get(i).result()).isEqualTo(i);
            }
        }
        assertThat(most).hasValue(3);
    }

    @Test
    @DisplayName("queued tasks start in submission order (one slot, so one runs at a time)")
    void fifo() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().virtualThreads(true).maxWorkers(1).build()) {
            p.submit(() -> {
                gate.await();
                return null;
            });
            for (int i = 0; i < 50; i++) {
                int index = i;
                p.submit(() -> order.add(index));
            }
            gate.countDown();
        }
        assertThat(order).hasSize(50).isSorted();
    }

    @Test
    @DisplayName("no ThreadLocal carries over from one task to the next, and the initializer runs before every task")
    void freshThreadEveryTask() throws Exception {
        ThreadLocal<Integer> local = ThreadLocal.withInitial(() -> 0);
        AtomicInteger initialized = new AtomicInteger();
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().virtualThreads(true).maxWorkers(1)
                .initializer(initialized::incrementAndGet).build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(p.submit(() -> {
                    local.set(local.get() + 1);
                    return local.get();
                }).result()).isOne();
            }
        }
        assertThat(initialized).hasValue(5);
    }
}
