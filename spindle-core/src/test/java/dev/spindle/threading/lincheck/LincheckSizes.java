package dev.spindle.threading.lincheck;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck sizes for CI on 2 cores, overridable with {@code -Dlincheck.iterations=N} and
 * {@code -Dlincheck.invocations=N} (the root pom passes its defaults).
 */
final class LincheckSizes {

    static final int ITERATIONS = Integer.getInteger("lincheck.iterations", 20);
    static final int INVOCATIONS = Integer.getInteger("lincheck.invocations", 1000);

    private LincheckSizes() {}

    static ModelCheckingOptions apply(ModelCheckingOptions options) {
        return options.iterations(ITERATIONS).invocationsPerIteration(INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(2);
    }

    static StressOptions apply(StressOptions options) {
        return options.iterations(ITERATIONS).invocationsPerIteration(INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(2);
    }
}
