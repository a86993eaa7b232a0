package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/**
 * No future is ever left pending: four threads submit up to 1500 tasks each and, after 500, a
 * barrier releases them together with the thread that shuts the pool down, so submits race the
 * shutdown while tasks run and queue up. In each way of shutting down, every accepted future
 * ends (finished, or cancelled and notified) and the pool terminates.
 */
@Timeout(120)
class AllFuturesEndTest {

    enum Way { WAIT, NO_WAIT, CANCEL_WAIT, CANCEL_NO_WAIT, CLOSE, JDK_SHUTDOWN, SHUTDOWN_NOW }

    static List<Arguments> ways() {
        List<Arguments> out = new ArrayList<>();
        for (boolean virtual : new boolean[] {false, true}) {
            for (Way way : Way.values()) {
                out.add(Arguments.of(way, virtual));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, virtual threads: {1}")
    @MethodSource("ways")
    @DisplayName("every accepted future ends, whichever way the pool shuts down while 4 threads submit (up to 6000 tasks) and tasks run")
    void everyFutureEnds(Way way, boolean virtual) throws Exception {
        ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(4).virtualThreads(virtual).build();
        ConcurrentLinkedQueue<Future<Integer>> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger submitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        CyclicBarrier race = new CyclicBarrier(5);      // 4 submitters and this thread, which shuts down
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            submitters.add(Thread.ofPlatform().name("submitter-" + s).start(() -> {
                for (int i = 0; i < 1500; i++) {    // or until the shutdown rejects a submit
                    int n = i;
                    if (i == 500) {
                        try {
                            race.await();
                        } catch (InterruptedException | BrokenBarrierException e) {
                            throw new AssertionError(e);
                        }
                    }
                    try {
                        accepted.add(pool.submit(() -> work(n)));
                        submitted.incrementAndGet();
                    } catch (RejectedExecutionException e) {
                        rejected.incrementAndGet();
                        return;
                    }
                }
            }));
        }
        race.await(60, TimeUnit.SECONDS);
        List<Runnable> drained = List.of();
        switch (way) {
            case WAIT -> pool.shutdown(true, false);
            case NO_WAIT -> pool.shutdown(false, false);
            case CANCEL_WAIT -> pool.shutdown(true, true);
            case CANCEL_NO_WAIT -> pool.shutdown(false, true);
            case CLOSE -> pool.close();
            case JDK_SHUTDOWN -> pool.shutdown();
            case SHUTDOWN_NOW -> drained = pool.shutdownNow();
        }
        for (Thread t : submitters) {
            t.join();
        }
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("%s terminates", pool).isTrue();
        assertThat(accepted).hasSize(submitted.get()).hasSizeGreaterThanOrEqualTo(2000);
        assertThat(rejected.get()).as("a submitter stops at its first rejection").isLessThanOrEqualTo(4);
        DoneAndNotDone<Integer> all = Futures.wait(accepted, Duration.ofSeconds(60));
        assertThat(all.notDone()).as("pending futures").isEmpty();
        for (Future<Integer> f : accepted) {
            assertThat(f.state()).isNotEqualTo(java.util.concurrent.Future.State.RUNNING);
        }
        for (Runnable r : drained) {
            assertThat(((Future<?>) r).cancelled()).isTrue();
        }
    }

    /** A little work: a sum, now and then a failure or a yield. */
    private static int work(int n) throws Exception {
        if (n % 97 == 0) {
            throw new Exception("task " + n + " fails on purpose");
        }
        if (n % 13 == 0) {
            Thread.yield();
        }
        int sum = 0;
        for (int i = 0; i < 5000; i++) {
            sum += i ^ n;
        }
        return sum;
    }
}
