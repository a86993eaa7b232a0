package dev.spindle.multiprocessing;

import dev.spindle.futures.Executor;
import dev.spindle.futures.ExecutorContractTest;
import dev.spindle.futures.ExecutorMapContractTest;
import dev.spindle.futures.ExecutorShutdownContractTest;
import dev.spindle.futures.TaskKit;
import dev.spindle.multiprocessing.testing.ProcessTaskKit;
import dev.spindle.multiprocessing.testing.Watchdog;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The executor contract (EXEC, MAP, SHUT), the same tests the thread pool passes, run against
 * {@link ProcessPoolExecutor}: tasks go to worker JVMs and meet the test through a
 * {@link ProcessTaskKit}.
 *
 * <p>The contract's deadlines (a 200 ms {@code invokeAll}, a 300 ms {@code map}) are sized for
 * threads; a worker JVM takes longer than that to start. So a pool without an initializer is
 * handed to the test warm, every worker started and idle, as a long-lived pool is; a pool with
 * one is handed over cold, since the initializer tests watch the workers start.
 */
@ExtendWith(Watchdog.class)
@Watchdog.Limit(seconds = 90)
@Timeout(120)
class ProcessPoolContractTest {

    static Executor pool(int workers, Runnable initializer) {
        ProcessPoolExecutor.Builder b = ProcessPoolExecutor.builder().maxWorkers(workers);
        if (initializer != null) {
            if (!(initializer instanceof Serializable)) {
                throw new IllegalArgumentException("the contract's initializers are serializable: " + initializer);
            }
            b.initializer(initializer::run);
            return b.build();
        }
        ProcessPoolExecutor pool = b.build();
        warm(pool, workers);
        return pool;
    }

    /** Runs rounds of {@code workers} trivial tasks until they ran in {@code workers} processes: all started, all idle. */
    static void warm(ProcessPoolExecutor pool, int workers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            for (;;) {
                List<dev.spindle.futures.Future<Long>> round = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    round.add(pool.submit(() -> ProcessHandle.current().pid()));
                }
                Set<Long> pids = new HashSet<>();
                for (dev.spindle.futures.Future<Long> f : round) {
                    pids.add(f.result(Duration.ofSeconds(60)));
                }
                if (pids.size() == workers) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the pool's " + workers + " workers did not all start within 60 s: " + pool);
                }
            }
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("warming " + pool, e);
        }
    }

    @Nested
    @DisplayName("submit")
    class Submit extends ExecutorContractTest {
        @AutoClose
        private final ProcessTaskKit kit = new ProcessTaskKit();

        @Override
        protected TaskKit kit() {
            return kit;
        }

        @Override
        protected Executor create(int workers, Runnable initializer) {
            return pool(workers, initializer);
        }
    }

    @Nested
    @DisplayName("map")
    class Map extends ExecutorMapContractTest {
        @AutoClose
        private final ProcessTaskKit kit = new ProcessTaskKit();

        @Override
        protected TaskKit kit() {
            return kit;
        }

        @Override
        protected Executor create(int workers, Runnable initializer) {
            return pool(workers, initializer);
        }
    }

    @Nested
    @DisplayName("shutdown")
    class Shutdown extends ExecutorShutdownContractTest {
        @AutoClose
        private final ProcessTaskKit kit = new ProcessTaskKit();

        @Override
        protected TaskKit kit() {
            return kit;
        }

        @Override
        protected Executor create(int workers, Runnable initializer) {
            return pool(workers, initializer);
        }
    }
}
