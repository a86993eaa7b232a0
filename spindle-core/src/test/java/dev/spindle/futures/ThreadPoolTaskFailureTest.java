package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a task that throws does to the pool: TPE-07, and execute's uncaught-exception path. */
@Timeout(60)
class ThreadPoolTaskFailureTest {

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("TPE-07: any Throwable a task throws, errors included, goes into its future and the pool keeps working")
    void anyThrowable(boolean virtual) throws Exception {
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(1).virtualThreads(virtual).build()) {
            for (Throwable t : List.of(new StackOverflowError("deep"), new AssertionError("assert"),
                    new OutOfMemoryError("simulated"), new Exception("checked"), new RuntimeException("unchecked"))) {
                Future<Object> f = p.submit(() -> {
                    if (t instanceof Exception e) {
                        throw e;
                    }
                    throw (Error) t;
                });
                assertThat(f.exception()).isSameAs(t);
            }
            assertThat(p.submit(() -> "still here").result()).isEqualTo("still here");
        }
    }

    @Test
    @DisplayName("TPE-07: the worker survives a failing task: the next task runs on the same platform thread")
    void workerSurvives() throws Exception {
        try (ThreadPoolExecutor p = new ThreadPoolExecutor(1)) {
            Future<Thread> failing = p.submit(() -> {
                throw new LinkageError("broken class");
            });
            assertThat(failing.exception()).isInstanceOf(LinkageError.class);
            Thread before = p.submit(Thread::currentThread).result();
            Future<Object> again = p.submit(() -> {
                throw new IllegalStateException();
            });
            again.exception();
            assertThat(p.submit(Thread::currentThread).result()).isSameAs(before);
        }
    }

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("execute(): a failing command goes to the thread's uncaught-exception handler, and the pool keeps working")
    void executeReportsUncaught(boolean virtual) throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        CountDownLatch reportedOnce = new CountDownLatch(1);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            reported.add(e);
            reportedOnce.countDown();
        });
        try (ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(1).virtualThreads(virtual).build()) {
            p.execute(() -> {
                throw new IllegalArgumentException("from execute");
            });
            assertThat(reportedOnce.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(reported).hasSize(1);
            assertThat(reported.get(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("from execute");
            assertThat(p.submit(() -> 1).result()).isOne();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
