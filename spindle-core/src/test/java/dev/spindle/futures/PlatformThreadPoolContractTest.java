package dev.spindle.futures;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The executor contract, run against ThreadPoolExecutor with platform threads. */
@DisplayName("ThreadPoolExecutor (platform threads)")
class PlatformThreadPoolContractTest {

    static Executor create(int workers, Runnable initializer, boolean virtual) {
        ThreadPoolExecutor.Builder b = ThreadPoolExecutor.builder().maxWorkers(workers).virtualThreads(virtual);
        if (initializer != null) {
            b.initializer(initializer);
        }
        return b.build();
    }

    @Nested
    @DisplayName("submit")
    class Submit extends ExecutorContractTest {
        @Override
        protected Executor create(int workers, Runnable initializer) {
            return PlatformThreadPoolContractTest.create(workers, initializer, false);
        }
    }

    @Nested
    @DisplayName("map")
    class Map extends ExecutorMapContractTest {
        @Override
        protected Executor create(int workers, Runnable initializer) {
            return PlatformThreadPoolContractTest.create(workers, initializer, false);
        }
    }

    @Nested
    @DisplayName("shutdown")
    class Shutdown extends ExecutorShutdownContractTest {
        @Override
        protected Executor create(int workers, Runnable initializer) {
            return PlatformThreadPoolContractTest.create(workers, initializer, false);
        }
    }
}
