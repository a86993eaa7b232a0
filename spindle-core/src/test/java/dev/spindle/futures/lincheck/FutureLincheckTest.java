package dev.spindle.futures.lincheck;

import dev.spindle.futures.Future;
import dev.spindle.testing.LincheckSizes;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck: {@link Future}'s state machine (cancel, setRunningOrNotifyCancel, setResult,
 * setException, and the non-blocking reads, result with timeout 0 among them) is linearizable
 * against itself run sequentially.
 *
 * <p>Sizes: model checking, the systematic search, uses the shared iterations and invocations
 * with two operations per thread and one before and after (every race of this state machine is
 * between two operations; a third per thread doubled the time). Stress runs a quarter of the
 * shared invocations: its cost is Lincheck's per-run thread hand-over, about 3 ms a run on a
 * loaded 2-core machine, whatever the operations, and at full size it alone took about a minute
 * there. Both still scale with {@code -Dlincheck.iterations} and {@code -Dlincheck.invocations}.
 */
@Timeout(300)
public class FutureLincheckTest {

    private static final IllegalStateException BOOM = new IllegalStateException("boom");

    private final Future<Integer> future = new Future<>();

    @Operation
    public boolean cancel() {
        return future.cancel();
    }

    @Operation
    public String setRunningOrNotifyCancel() {
        try {
            return String.valueOf(future.setRunningOrNotifyCancel());
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Operation
    public String setResult() {
        try {
            future.setResult(1);
            return "set";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Operation
    public String setException() {
        try {
            future.setException(BOOM);
            return "set";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** result(timeout 0): the value, or what it throws. */
    @Operation
    public String resultNoWait() throws InterruptedException {
        try {
            return "result " + future.result(Duration.ZERO);
        } catch (TimeoutException e) {
            return "timeout";
        } catch (CancellationException e) {
            return "cancelled";
        } catch (CompletionException e) {
            return "failed " + e.getCause().getMessage();
        }
    }

    @Operation
    public String repr() {
        return future.toString();
    }

    @Operation
    public boolean done() {
        return future.done();
    }

    @Operation
    public boolean running() {
        return future.running();
    }

    @Operation
    public boolean cancelled() {
        return future.cancelled();
    }

    @Test
    @DisplayName("FUT-07 FUT-09 FUT-14 FUT-16 FUT-17: the state machine is linearizable (model checking)")
    void modelChecking() {
        LincheckSizes.modelChecking().actorsPerThread(2).actorsBefore(1).actorsAfter(1).check(getClass());
    }

    @Test
    @DisplayName("FUT-07 FUT-09 FUT-14 FUT-16 FUT-17: the state machine is linearizable (stress)")
    void stress() {
        LincheckSizes.stress().actorsBefore(1).actorsAfter(1)
                .invocationsPerIteration(Math.max(1, LincheckSizes.INVOCATIONS / 4)).check(getClass());
    }
}
