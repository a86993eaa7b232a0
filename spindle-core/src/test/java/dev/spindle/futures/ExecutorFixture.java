package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * What the executor contract tests share: a factory for the executor under test, a gate that
 * tasks wait on while a test needs them running or queued, and clean-up. Subclasses for another
 * executor (a process pool, later) implement {@link #create}.
 */
abstract class ExecutorFixture {

    private final List<Executor> executors = new CopyOnWriteArrayList<>();

    /** Tasks that must "run for a while" wait here; the test opens it (tear-down always does). */
    protected final CountDownLatch gate = new CountDownLatch(1);

    /**
     * Creates the executor under test.
     *
     * @param workers the most threads (or processes) running tasks at once
     * @param initializer run in each worker before its first task, or null for none
     */
    protected abstract Executor create(int workers, Runnable initializer);

    protected final Executor newExecutor(int workers) {
        return newExecutor(workers, null);
    }

    protected final Executor newExecutor(int workers, Runnable initializer) {
        Executor executor = create(workers, initializer);
        executors.add(executor);
        return executor;
    }

    /** Waits on the gate; for tasks. */
    protected final void passGate() throws InterruptedException {
        if (!gate.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the test never opened the gate");
        }
    }

    /** {@link #passGate()} for a {@code Function}, which cannot throw InterruptedException. */
    protected final void passGateUnchecked() {
        try {
            passGate();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted at the gate", e);
        }
    }

    @AfterEach
    final void shutDownEveryExecutor() throws InterruptedException {
        gate.countDown();
        for (Executor executor : executors) {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).as("%s terminates", executor).isTrue();
        }
    }
}
