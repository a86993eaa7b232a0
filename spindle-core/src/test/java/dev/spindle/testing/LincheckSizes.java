package dev.spindle.testing;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck sizes for CI on 2 cores, shared by every Lincheck test and overridable with
 * {@code -Dlincheck.iterations=N} and {@code -Dlincheck.invocations=N} (the root pom passes its
 * defaults to the test JVM; raise them locally for a deeper search).
 *
 * <p>Lincheck instantiates the test class reflectively: it must be {@code public} with a public
 * no-argument constructor, and its {@code @Operation} methods public.
 */
public final class LincheckSizes {

    /** Scenarios per strategy. */
    public static final int ITERATIONS = Integer.getInteger("lincheck.iterations", 20);

    /** Runs (stress) or interleavings (model checking) per scenario. */
    public static final int INVOCATIONS = Integer.getInteger("lincheck.invocations", 1000);

    private LincheckSizes() {}

    /** Model checking: 2 threads of 3 operations, 2 before and 2 after. */
    public static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions().iterations(ITERATIONS).invocationsPerIteration(INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(2);
    }

    /** Stress: 2 threads of 3 operations, 2 before and 2 after. */
    public static StressOptions stress() {
        return new StressOptions().iterations(ITERATIONS).invocationsPerIteration(INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(2);
    }
}
