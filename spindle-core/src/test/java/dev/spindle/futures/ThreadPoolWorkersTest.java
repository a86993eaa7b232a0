package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How many platform threads the pool makes, when, and what they are called: TPE-01..05. */
@Timeout(60)
class ThreadPoolWorkersTest {

    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<ThreadPoolExecutor> pools = new ArrayList<>();

    private ThreadPoolExecutor pool(ThreadPoolExecutor.Builder b) {
        ThreadPoolExecutor p = b.build();
        pools.add(p);
        return p;
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        gate.countDown();
        for (ThreadPoolExecutor p : pools) {
            p.shutdownNow();
            assertThat(p.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Set<String> liveThreadNames(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix + "_")).collect(Collectors.toSet());
    }

    private List<Future<String>> submitBlocked(ThreadPoolExecutor p, int n, CountDownLatch started) {
        List<Future<String>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(p.submit(() -> {
                started.countDown();
                gate.await();
                return Thread.currentThread().getName();
            }));
        }
        return fs;
    }

    @Test
    @DisplayName("TPE-01: the default maxWorkers is min(32, availableProcessors + 4)")
    void defaultWorkers() {
        int expected = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        assertThat(pool(ThreadPoolExecutor.builder()).maxWorkers()).isEqualTo(expected);
        ThreadPoolExecutor p = new ThreadPoolExecutor();
        pools.add(p);
        assertThat(p.maxWorkers()).isEqualTo(expected);
        ThreadPoolExecutor four = new ThreadPoolExecutor(4);
        pools.add(four);
        assertThat(four.maxWorkers()).isEqualTo(4);
    }

    @Test
    @DisplayName("TPE-02: threads are made lazily, one per submit while none is idle: none before, 3 blocked tasks give exactly 3, and they end at shutdown")
    void threadsMadeLazily() throws Exception {
        ThreadPoolExecutor p = pool(ThreadPoolExecutor.builder().maxWorkers(5).threadNamePrefix("lazy"));
        assertThat(liveThreadNames("lazy")).isEmpty();
        assertThat(p).hasToString("ThreadPoolExecutor[state=running, threads=0/5, queued=0]");
        CountDownLatch started = new CountDownLatch(3);
        List<Future<String>> fs = submitBlocked(p, 3, started);
        started.await();
        assertThat(liveThreadNames("lazy")).containsExactlyInAnyOrder("lazy_0", "lazy_1", "lazy_2");
        assertThat(p).hasToString("ThreadPoolExecutor[state=running, threads=3/5, queued=0]");
        gate.countDown();
        p.shutdown(true, false);
        assertThat(fs).allSatisfy(f -> assertThat(f.resultNow()).startsWith("lazy_"));
        assertThat(liveThreadNames("lazy")).isEmpty();
        assertThat(p).hasToString("ThreadPoolExecutor[state=terminated, threads=0/5, queued=0]");
    }

    @Test
    @DisplayName("TPE-03: 15 x maxWorkers blocked submissions make exactly maxWorkers threads; the rest wait in the queue")
    void saturation() throws Exception {
        ThreadPoolExecutor p = pool(ThreadPoolExecutor.builder().maxWorkers(4).threadNamePrefix("saturated"));
        CountDownLatch started = new CountDownLatch(4);
        List<Future<String>> fs = submitBlocked(p, 15 * 4, started);
        started.await();
        assertThat(liveThreadNames("saturated")).hasSize(4);
        assertThat(p).hasToString("ThreadPoolExecutor[state=running, threads=4/4, queued=56]");
        gate.countDown();
        for (Future<String> f : fs) {
            assertThat(f.result()).startsWith("saturated_");
        }
        assertThat(liveThreadNames("saturated")).hasSize(4);
    }

    @Test
    @DisplayName("TPE-04: an idle thread is reused: sequential submit().result() calls leave exactly 1 thread (3, then 500 more)")
    void idleThreadReuse() throws Exception {
        ThreadPoolExecutor p = pool(ThreadPoolExecutor.builder().maxWorkers(8).threadNamePrefix("reuse"));
        assertThat(p.submit(() -> 21 * 2).result()).isEqualTo(42);
        assertThat(p.submit(() -> 6 * 7).result()).isEqualTo(42);
        assertThat(p.submit(() -> 3 * 14).result()).isEqualTo(42);
        assertThat(liveThreadNames("reuse")).containsExactly("reuse_0");
        for (int i = 0; i < 500; i++) {
            assertThat(p.submit(() -> Thread.currentThread().getName()).result()).isEqualTo("reuse_0");
        }
        assertThat(liveThreadNames("reuse")).containsExactly("reuse_0");
    }

    @Test
    @DisplayName("TPE-04: a thread is reused even when the next submit races with the end of the previous task")
    void reuseRightAfterCompletion() throws Exception {
        ThreadPoolExecutor p = pool(ThreadPoolExecutor.builder().maxWorkers(8).threadNamePrefix("race"));
        for (int i = 0; i < 300; i++) {
            Future<Integer> first = p.submit(() -> 1);
            first.result();
            p.submit(() -> 2).result();
        }
        assertThat(liveThreadNames("race")).containsExactly("race_0");
    }

    @Test
    @DisplayName("TPE-05: threadNamePrefix 'SpecialPool' names the threads SpecialPool_0 to SpecialPool_4")
    void threadNamesAssigned() throws Exception {
        ThreadPoolExecutor p = pool(ThreadPoolExecutor.builder().maxWorkers(5).threadNamePrefix("SpecialPool"));
        CountDownLatch allStarted = new CountDownLatch(5);
        List<Future<String>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fs.add(p.submit(() -> {
                allStarted.countDown();
                allStarted.await();
                return Thread.currentThread().getName();
            }));
        }
        List<String> names = new ArrayList<>();
        for (Future<String> f : fs) {
            names.add(f.result());
        }
        assertThat(names).containsExactlyInAnyOrder("SpecialPool_0", "SpecialPool_1", "SpecialPool_2",
                "SpecialPool_3", "SpecialPool_4");
    }

    @Test
    @DisplayName("TPE-05: the default names are ThreadPoolExecutor-<n>_<i>, n counting pools; an empty prefix means the default")
    void threadNamesDefault() throws Exception {
        ThreadPoolExecutor a = pool(ThreadPoolExecutor.builder().maxWorkers(2));
        ThreadPoolExecutor b = pool(ThreadPoolExecutor.builder().maxWorkers(2).threadNamePrefix(""));
        String nameA = a.submit(() -> Thread.currentThread().getName()).result(Duration.ofSeconds(30));
        String nameB = b.submit(() -> Thread.currentThread().getName()).result(Duration.ofSeconds(30));
        assertThat(nameA).matches("ThreadPoolExecutor-\\d+_0");
        assertThat(nameB).matches("ThreadPoolExecutor-\\d+_0");
        int n = Integer.parseInt(nameA.substring("ThreadPoolExecutor-".length(), nameA.indexOf('_')));
        assertThat(nameB).isEqualTo("ThreadPoolExecutor-" + (n + 1) + "_0");
    }

    @Test
    @DisplayName("worker threads are non-daemon platform threads, as the JDK's default thread factory makes them")
    void nonDaemon() throws Exception {
        ThreadPoolExecutor p = pool(ThreadPoolExecutor.builder().maxWorkers(1));
        Thread t = p.submit(Thread::currentThread).result();
        assertThat(t.isDaemon()).isFalse();
        assertThat(t.isVirtual()).isFalse();
    }
}
