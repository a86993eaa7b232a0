package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** A failing initializer breaks the pool: TPE-06 and what it means for queued work. */
@Timeout(60)
class ThreadPoolInitializerTest {

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("TPE-06: queued futures fail with BrokenThreadPoolException and Python's message, submit throws it, the threads end")
    void initializerFails(boolean virtual) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("error in initializer");
        ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(1).virtualThreads(virtual)
                .threadNamePrefix("broken").initializer(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw boom;
                }).build();
        try (LogCapture log = new LogCapture("dev.spindle.futures")) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fs.add(p.submit(() -> 1));
            }
            assertThat(p.isBroken()).isFalse();
            release.countDown();
            List<Throwable> causes = new ArrayList<>();
            for (Future<Integer> f : fs) {
                assertThatThrownBy(f::result).isInstanceOf(CompletionException.class).cause()
                        .isExactlyInstanceOf(BrokenThreadPoolException.class)
                        .hasMessage("A thread initializer failed, the thread pool is not usable anymore")
                        .cause().isSameAs(boom);
                causes.add(f.exception());
            }
            assertThat(causes).as("each future has its own exception").doesNotHaveDuplicates();
            assertThat(p.isBroken()).isTrue();
            assertThat(p.isShutdown()).isTrue();
            assertThatThrownBy(() -> p.submit(() -> 2)).isExactlyInstanceOf(BrokenThreadPoolException.class)
                    .hasMessage("A thread initializer failed, the thread pool is not usable anymore")
                    .cause().isSameAs(boom);
            assertThat(p.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.toString()).startsWith("ThreadPoolExecutor[state=terminated");
            assertThat(log.records).isNotEmpty().allSatisfy(r -> {
                assertThat(r.getMessage()).isEqualTo("Exception in initializer");
                assertThat(r.getThrown()).isSameAs(boom);
            });
        } finally {
            p.shutdownNow();
        }
    }

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("TPE-06: a future cancelled while queued is notified, not failed, when the pool breaks")
    void cancelledQueuedFutureWhenBroken(boolean virtual) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(1).virtualThreads(virtual).initializer(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("no");
        }).build();
        try (LogCapture log = new LogCapture("dev.spindle.futures")) {
            Future<Integer> first = p.submit(() -> 1);
            Future<Integer> second = p.submit(() -> 2);
            assertThat(second.cancel()).isTrue();
            release.countDown();
            assertThat(first.exception()).isInstanceOf(BrokenThreadPoolException.class);
            assertThat(Futures.wait(List.of(first, second)).notDone()).isEmpty();
            assertThat(second.cancelled()).isTrue();
        } finally {
            p.shutdownNow();
            assertThat(p.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
