package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spindle.multiprocessing.testing.Gate;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How a child ends, and the exit code its parent sees: Python's exitcode rules. */
@Timeout(60)
class JvmProcessExitCodeTest {

    @Test
    @DisplayName("MP-10: return gives 0, System.exit(8) gives 8, System.exit(0) gives 0, System.exit(259) gives 3 (the OS keeps 8 bits)")
    void exitStatuses() throws Exception {
        Map<Integer, JvmProcess> byCode = new LinkedHashMap<>();
        byCode.put(0, new JvmProcess(() -> { }));
        byCode.put(8, new JvmProcess(() -> System.exit(8)));
        byCode.put(-1, new JvmProcess(() -> System.exit(0)));
        byCode.put(3, new JvmProcess(() -> System.exit(259)));
        byCode.values().forEach(JvmProcess::start);
        for (JvmProcess p : byCode.values()) {
            p.join();
        }
        assertThat(byCode.get(0).exitCode()).isZero();
        assertThat(byCode.get(8).exitCode()).isEqualTo(8);
        assertThat(byCode.get(-1).exitCode()).isZero();
        assertThat(byCode.get(3).exitCode()).isEqualTo(3);
    }

    @Test
    @DisplayName("MP-11: an uncaught exception gives exit code 1 and writes 'Process <name>:' and the stack trace to the child's stderr")
    void uncaughtException(@TempDir Path dir) throws Exception {
        String err = dir.resolve("stderr.txt").toString();
        JvmProcess p = new JvmProcess("failing", () -> {
            redirectStderr(err);
            throw new IllegalStateException("boom in the child");
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).isEqualTo(1);
        List<String> lines = Files.readAllLines(Path.of(err));
        assertThat(lines.get(0)).isEqualTo("Process failing:");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: boom in the child");
        assertThat(lines.get(2)).startsWith("\tat ");
    }

    @Test
    @DisplayName("MP-07 MP-23: terminate() ends a running child with SIGTERM: exit code -15, shown as stopped[SIGTERM]; later calls do nothing")
    void terminate() throws Exception {
        JvmProcess p = endWhileRunning(JvmProcess::terminate);
        assertThat(p.exitCode()).isEqualTo(-15);
        assertThat(p.toString()).contains("stopped[SIGTERM]");
        p.terminate();
        p.kill();
        assertThat(p.exitCode()).isEqualTo(-15);
    }

    @Test
    @DisplayName("MP-08: kill() ends a running child with SIGKILL: exit code -9, shown as stopped[SIGKILL]")
    void kill() throws Exception {
        JvmProcess p = endWhileRunning(JvmProcess::kill);
        assertThat(p.exitCode()).isEqualTo(-9);
        assertThat(p.toString()).contains("stopped[SIGKILL]");
    }

    /** Starts a child that runs until ended, ends it with {@code end} once it runs, and joins it. */
    static JvmProcess endWhileRunning(java.util.function.Consumer<JvmProcess> end) throws Exception {
        SharedLong running = new SharedLong();
        try (Gate gate = new Gate()) {
            JvmProcess p = new JvmProcess(runningThenGate(running, gate));
            p.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> running.get() == 1);
            end.accept(p);
            p.join();
            return p;
        }
    }

    @Test
    @DisplayName("MP-12: terminate() right after start() gives -15, whether the child's JVM had started or not")
    void terminateAtOnce() throws Exception {
        JvmProcess p = new JvmProcess(() -> { });
        p.start();
        p.terminate();
        p.join();
        // If the child had already finished on its own, its exit code is 0; it almost never has.
        assertThat(p.exitCode()).isIn(-15, 0);
        try (Gate gate = new Gate()) {
            JvmProcess q = new JvmProcess(gate.task());
            q.start();
            q.terminate();
            q.join();
            assertThat(q.exitCode()).isEqualTo(-15);
        }
    }

    @Test
    @DisplayName("MP-19: the child exits only once its non-daemon threads have ended; a blocked daemon thread does not delay it")
    void waitsForNonDaemonThreads() throws Exception {
        SharedLong runReturned = new SharedLong();
        SharedLong threadFinished = new SharedLong();
        try (Gate gate = new Gate(); Gate never = new Gate()) {
            Connection in = gate.childEnd();
            Connection blocked = never.childEnd();
            JvmProcess p = new JvmProcess(() -> {
                Thread.ofPlatform().daemon(true).start(() -> Gate.pass(blocked));
                Thread.ofPlatform().daemon(false).start(() -> {
                    Gate.pass(in);
                    threadFinished.set(1);
                });
                runReturned.set(1);
            });
            p.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> runReturned.get() == 1);
            p.join(Duration.ofMillis(300));
            assertThat(p.isAlive()).as("alive while its non-daemon thread waits").isTrue();
            gate.open();
            p.join();
            assertThat(p.exitCode()).isZero();
            assertThat(threadFinished.get()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("MP-20: a child that closes its stdout and stderr and then prints still exits 0")
    void closedStreams() throws Exception {
        JvmProcess p = new JvmProcess(() -> {
            System.out.close();
            System.err.close();
            System.out.println("into a closed stream");
            System.err.println("into a closed stream");
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).isZero();
    }

    /** A task that says it runs (sets {@code running} to 1), then waits at the gate. */
    static SerializableRunnable runningThenGate(SharedLong running, Gate gate) {
        Connection in = gate.childEnd();
        return () -> {
            running.set(1);
            Gate.pass(in);
        };
    }

    static void redirectStderr(String file) {
        try {
            System.setErr(new PrintStream(new FileOutputStream(file), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
