package dev.spindle.futures;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What the tasks of the executor contract tests share with the test, wherever the executor runs
 * them: in this JVM (a thread pool, {@link LocalTaskKit}) or in another one (a process pool,
 * whose kit works across processes). Every object here is {@link Serializable}, so that a
 * serializable task may capture it; in another JVM it still reaches the test's original.
 */
public interface TaskKit {

    /** How long a task waits at a gate or a latch before it fails the test. */
    Duration PATIENCE = Duration.ofSeconds(60);

    /** A gate the test opens; tasks wait at it to "run for a while". */
    Gate gate();

    /** A latch of {@code count}: tasks count down, the test (or other tasks) wait. */
    Latch latch(int count);

    /** A list tasks append to and the test reads. */
    <T> Log<T> log();

    /** Tells tasks which worker runs them. */
    Probe probe();

    /**
     * Waits until the worker that {@link Probe#current()} returned has ended (its thread, or its
     * process), failing the test if it is still alive after a generous wait.
     */
    void awaitGone(Object worker) throws InterruptedException;

    /** True if tasks run in this JVM, so that an object they return or throw is the very same. */
    boolean sameJvm();

    /** A gate: closed until the test opens it. */
    interface Gate extends Serializable {
        /**
         * In a task: waits until the gate opens.
         *
         * @throws InterruptedException if the task is interrupted while it waits
         * @throws AssertionError if the gate is still closed after {@link TaskKit#PATIENCE}
         */
        void pass() throws InterruptedException;

        /** {@link #pass()} for a {@code Function}, which cannot throw InterruptedException. */
        default void passUnchecked() {
            try {
                pass();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate", e);
            }
        }

        /** Opens the gate for good. */
        void open();
    }

    /** A count-down latch. */
    interface Latch extends Serializable {
        void countDown();

        /** Waits at most {@code timeout} for the count to reach zero; true if it did. */
        boolean await(Duration timeout) throws InterruptedException;

        /** Waits for zero, failing the test after {@link TaskKit#PATIENCE}. */
        default void await() throws InterruptedException {
            if (!await(PATIENCE)) {
                throw new AssertionError("the latch never reached zero");
            }
        }
    }

    /** An append-only list. */
    interface Log<T> extends Serializable {
        void add(T item);

        /** Everything added so far, in the order it arrived. */
        List<T> snapshot();
    }

    /** Worker identity, seen from inside a task or an initializer. */
    interface Probe extends Serializable {
        /** The worker running the caller: its thread, or its process id. */
        Object current();

        /** Records that the initializer ran in the current worker. */
        void markInitialized();

        /** True if {@link #markInitialized()} ran in the current worker. */
        boolean initialized();
    }
}
