package dev.spindle.futures;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** The executor contract (EXEC, MAP, SHUT), run against ThreadPoolExecutor in both modes. */
@ParameterizedClass(name = "ThreadPoolExecutor, virtual threads: {0}")
@ValueSource(booleans = {false, true})
class ThreadPoolContractTest {

    @Parameter
    boolean virtual;

    Executor pool(int workers, Runnable initializer) {
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
            return pool(workers, initializer);
        }
    }

    @Nested
    @DisplayName("map")
    class Map extends ExecutorMapContractTest {
        @Override
        protected Executor create(int workers, Runnable initializer) {
            return pool(workers, initializer);
        }
    }

    @Nested
    @DisplayName("shutdown")
    class Shutdown extends ExecutorShutdownContractTest {
        @Override
        protected Executor create(int workers, Runnable initializer) {
            return pool(workers, initializer);
        }
    }
}
