package dev.spindle.threading.lincheck;

import dev.spindle.testing.LincheckSizes;
import dev.spindle.threading.Event;
import java.time.Duration;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lincheck: {@link Event}'s set, clear, isSet and zero-timeout await are linearizable against a flag. */
@Timeout(300)
public class EventLincheckTest {

    private final Event event = new Event();

    @Operation
    public void set() {
        event.set();
    }

    @Operation
    public void clear() {
        event.clear();
    }

    @Operation
    public boolean isSet() {
        return event.isSet();
    }

    @Operation
    public boolean awaitZero() throws InterruptedException {
        return event.await(Duration.ZERO);
    }

    @Test
    @DisplayName("EVENT-01 EVENT-03: set/clear/isSet/await(0) are linearizable (model checking)")
    void modelChecking() {
        LincheckSizes.modelChecking().check(getClass());
    }

    @Test
    @DisplayName("EVENT-01 EVENT-03: set/clear/isSet/await(0) are linearizable (stress)")
    void stress() {
        LincheckSizes.stress().check(getClass());
    }
}
