package dev.spindle.queue.lincheck;

import dev.spindle.testing.LincheckSizes;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * {@link LincheckSizes} scaled for the four queue tests, which must together stay under about
 * 90 s on 2 cores: more scenarios with fewer runs of each, since a queue's one lock makes its
 * interesting interleavings few. {@code -Dlincheck.iterations} and {@code -Dlincheck.invocations}
 * still scale them.
 */
final class QueueLincheckSizes {

    private QueueLincheckSizes() {}

    /**
     * Model checking against {@code model}: two and a half times the shared number of scenarios,
     * with a twentieth of the interleavings each. With eight kinds of operation, a race needs many
     * scenarios to be generated at all, and few interleavings to be found once it is (a put that
     * checked fullness outside the lock was found this way in each of three runs).
     */
    static ModelCheckingOptions modelChecking(Class<?> model) {
        return LincheckSizes.modelChecking()
                .iterations(5 * LincheckSizes.ITERATIONS / 2)
                .invocationsPerIteration(Math.max(1, LincheckSizes.INVOCATIONS / 20))
                .sequentialSpecification(model);
    }

    /**
     * Stress against {@code model}: half the shared number of scenarios, with a twentieth of the
     * runs each; model checking is the one that finds races reliably, stress adds real timing.
     */
    static StressOptions stress(Class<?> model) {
        return LincheckSizes.stress()
                .iterations(Math.max(1, LincheckSizes.ITERATIONS / 2))
                .invocationsPerIteration(Math.max(1, LincheckSizes.INVOCATIONS / 20))
                .sequentialSpecification(model);
    }
}
