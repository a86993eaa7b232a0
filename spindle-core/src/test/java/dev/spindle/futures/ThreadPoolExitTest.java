package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** The JVM exits after the pool's work, neither hanging nor failing: checked in a child JVM. */
@Timeout(120)
class ThreadPoolExitTest {

    record Run(int exitCode, String out, String err) {}

    private static Run runChild(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ExitChild.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not exit: " + String.join(" ", args));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip(),
                new String(err, StandardCharsets.UTF_8).strip());
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(strings = {"platform", "virtual"})
    @DisplayName("SHUT-07 SHUT-09: shutdown(wait=false) with a task running, then main returns: the JVM waits for the work ('apple') and exits cleanly")
    void exitWaitsForWork(String kind) throws Exception {
        Run run = runChild("shutdown-no-wait", kind);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("apple");
        assertThat(run.exitCode()).isZero();
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(strings = {"platform", "virtual"})
    @DisplayName("SHUT-11: shutdown(wait=false, cancelFutures=true) just before exit: no error; the task may or may not have run")
    void cancelFuturesNoWaitBeforeExit(String kind) throws Exception {
        Run run = runChild("cancel-no-wait", kind);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isIn("", "apple");
        assertThat(run.exitCode()).isZero();
    }
}
