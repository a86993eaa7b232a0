package dev.spindle.multiprocessing.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a child JVM running: after all its tests, every descendant of
 * the test JVM must end within {@link #GRACE} (a child that was joined has ended already; one
 * being terminated gets a moment). Survivors are killed, so that one class's leak cannot fail
 * the next, and the class fails naming them. Registered for every class of this module by
 * JUnit's extension autodetection (see {@code junit-platform.properties}).
 */
public final class NoOrphans implements AfterAllCallback {

    static final Duration GRACE = Duration.ofSeconds(15);

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            await().atMost(GRACE).pollInterval(Duration.ofMillis(50)).until(() -> alive().isEmpty());
        } catch (ConditionTimeoutException e) {
            List<ProcessHandle> left = alive();
            String names = left.stream()
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                    .collect(Collectors.joining("\n  "));
            left.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError(context.getDisplayName() + " left " + left.size()
                    + " child process(es) running after " + GRACE + ":\n  " + names);
        }
    }

    /** The live descendants of this JVM. */
    public static List<ProcessHandle> alive() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }
}
