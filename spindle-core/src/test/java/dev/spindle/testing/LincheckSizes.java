package dev.spindle.testing;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck sizes for CI on 2 cores, shared by every Lincheck test and overridable with
 * {@code -Dlincheck.iterations=N}, {@code -Dlincheck.invocations=N} (model checking) and
 * {@code -Dlincheck.stress.invocations=N} (the root pom passes its defaults to the test JVM; raise
 * them locally for a deeper search). Stress runs get fewer, since on 2 busy cores each stress
 * invocation costs far more than an explored interleaving, and find less.
 *
 * <p>Lincheck instantiates the test class reflectively: it must be {@code public} with a public
 * no-argument constructor, and its {@code @Operation} methods public.
 */
public final class LincheckSizes {

    /** Scenarios per strategy (stress runs two thirds as many). */
    public static final int ITERATIONS = Integer.getInteger("lincheck.iterations", 15);

    /** Interleavings explored per scenario by model checking. */
    public static final int INVOCATIONS = Integer.getInteger("lincheck.invocations", 500);

    /** Runs per scenario in stress mode. */
    public static final int STRESS_INVOCATIONS = Integer.getInteger("lincheck.stress.invocations", 300);

    private LincheckSizes() {}

    /** Model checking: 2 threads of 3 operations, 2 before and 2 after. */
    public static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions().iterations(ITERATIONS).invocationsPerIteration(INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(2);
    }

    /** Stress: 2 threads of 3 operations, 2 before and 2 after. */
    public static StressOptions stress() {
        return new StressOptions().iterations(Math.max(1, ITERATIONS * 2 / 3)).invocationsPerIteration(STRESS_INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(2);
    }
}
