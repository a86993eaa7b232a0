package dev.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each demo runs, ends by itself and prints what it claims. */
@Timeout(60)
class DemosTest {

    static String run(String name, String... args) throws Exception {
        Demo demo = Demos.find(name).orElseThrow(() -> new AssertionError("no demo " + name));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            demo.run(out, List.of(args));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("every demo has a unique name and a title")
    void namesAreUnique() {
        assertThat(Demos.all()).extracting(Demo::name).doesNotHaveDuplicates();
        assertThat(Demos.all()).allSatisfy(d -> assertThat(d.title()).isNotBlank());
    }

    @Test
    @DisplayName("threads: workers, a subclass, join with timeout, a daemon, isAlive before and after")
    void threads() throws Exception {
        String out = run("threads");
        assertThat(out).contains("worker-A: working on task 1", "worker-B: working on task 2",
                "greeter: hello from a Thread subclass", "before start: worker-A isAlive=false",
                "after join:   worker-A isAlive=false, worker-B isAlive=false",
                "isDaemon=true, isAlive=true", "returns with isAlive=true", "after it is told to stop: isAlive=false",
                "IllegalThreadStateException");
    }

    @Test
    @DisplayName("bank: without a lock both withdrawals pass and the balance goes negative; with an RLock one does")
    void bank() throws Exception {
        String out = run("bank");
        assertThat(out).contains("without a lock: 2 withdrawals approved, balance = -600")
                .contains("with an RLock:  1 withdrawal approved,  balance = 200");
    }

    @Test
    @DisplayName("deadlock: one thread gets DeadlockException naming both locks, the other finishes")
    void deadlock() throws Exception {
        String out = run("deadlock");
        assertThat(out).containsOnlyOnce("DeadlockException")
                .contains("waits for RLock 'audit'", "waits for RLock 'accounts'")
                .containsOnlyOnce("holds ").contains("both threads ended");
    }

    @Test
    @DisplayName("the command line lists the demos and rejects an unknown demo or demo argument with status 2")
    void commandLine() {
        assertThat(Main.commandLine().execute("demo", "no-such-demo")).isEqualTo(2);
        assertThat(Main.commandLine().execute("demo", "sched", "--nope")).as("a demo's bad argument").isEqualTo(2);
        assertThat(Main.commandLine().execute("demo")).isZero();
    }
}
