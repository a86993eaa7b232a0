package dev.spindle.futures;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The executor contract, run against ThreadPoolExecutor with a virtual thread per task. */
@DisplayName("ThreadPoolExecutor (virtual threads)")
class VirtualThreadPoolContractTest {

    @Nested
    @DisplayName("submit")
    class Submit extends ExecutorContractTest {
        @Override
        protected Executor create(int workers, Runnable initializer) {
            return PlatformThreadPoolContractTest.create(workers, initializer, true);
        }
    }

    @Nested
    @DisplayName("map")
    class Map extends ExecutorMapContractTest {
        @Override
        protected Executor create(int workers, Runnable initializer) {
            return PlatformThreadPoolContractTest.create(workers, initializer, true);
        }
    }

    @Nested
    @DisplayName("shutdown")
    class Shutdown extends ExecutorShutdownContractTest {
        @Override
        protected Executor create(int workers, Runnable initializer) {
            return PlatformThreadPoolContractTest.create(workers, initializer, true);
        }
    }
}
