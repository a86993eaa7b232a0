package dev.spindle.multiprocessing.testing;

import static dev.spindle.multiprocessing.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.futures.TaskKit;
import dev.spindle.multiprocessing.JvmProcess;
import dev.spindle.testing.TestThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ProcessTaskKit}'s objects captured by tasks of real child JVMs: each still reaches the
 * test's original. Children report through the kit's own log and their exit codes (0 when the
 * task returned).
 */
@Timeout(90)
@ExtendWith(Watchdog.class)
@Watchdog.Limit(seconds = 60)
class ProcessTaskKitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AutoClose
    private final ProcessTaskKit kit = new ProcessTaskKit();

    private static JvmProcess start(Tasks.Body body) {
        JvmProcess child = new JvmProcess(task(body));
        child.start();
        return child;
    }

    /** Waits for {@code child} and checks that its task returned. */
    private static void joinOk(JvmProcess child) throws InterruptedException {
        child.join(WAIT);
        assertThat(child.isAlive()).as("%s ended", child).isFalse();
        assertThat(child.exitCode()).as("%s exit code", child).isZero();
    }

    @Test
    @DisplayName("a child waits at a gate until the parent opens it")
    void gateOpenedByParent() throws Exception {
        TaskKit.Gate gate = kit.gate();
        TaskKit.Latch arrived = kit.latch(1);
        TaskKit.Log<String> log = kit.log();
        JvmProcess child = start(() -> {
            arrived.countDown();
            gate.pass();
            log.add("passed");
        });
        assertThat(arrived.await(WAIT)).isTrue();
        assertThat(child.isAlive()).as("waiting at the closed gate").isTrue();
        assertThat(log.snapshot()).isEmpty();
        assertThat(gate).hasToString("Gate[closed]");
        gate.open();
        joinOk(child);
        assertThat(log.snapshot()).containsExactly("passed");
        assertThat(gate).hasToString("Gate[open]");
    }

    @Test
    @DisplayName("a child thread interrupted while it waits at a gate gets InterruptedException; the gate stays closed")
    void interruptedAtGate() throws Exception {
        TaskKit.Gate gate = kit.gate();
        TaskKit.Log<String> log = kit.log();
        JvmProcess child = start(() -> {
            TestThread<Void> waiter = TestThread.run("waiter", gate::pass).awaitBlocked();
            waiter.thread().interrupt();
            Throwable thrown = waiter.joinFailure();
            log.add(thrown.getClass().getName());
        });
        joinOk(child);
        assertThat(log.snapshot()).containsExactly(InterruptedException.class.getName());
        assertThat(gate).hasToString("Gate[closed]");
    }

    @Test
    @DisplayName("a gate never opened fails the child's pass() with AssertionError after the kit's patience")
    void gatePatience() throws Exception {
        try (ProcessTaskKit impatient = new ProcessTaskKit(Duration.ofMillis(200), ProcessTaskKit.GONE_WITHIN)) {
            TaskKit.Gate gate = impatient.gate();
            TaskKit.Log<String> log = kit.log();
            JvmProcess child = start(() -> {
                try {
                    gate.pass();
                    log.add("passed");
                } catch (AssertionError e) {
                    log.add(e.getMessage());
                }
            });
            joinOk(child);
            assertThat(log.snapshot()).containsExactly("the test never opened the gate (waited PT0.2S)");
        }
    }

    @Test
    @DisplayName("a latch of 2 counted down by two children releases the parent; one is not enough")
    void latchCountedDownByChildren() throws Exception {
        TaskKit.Latch latch = kit.latch(2);
        JvmProcess first = start(latch::countDown);
        joinOk(first);
        assertThat(latch.await(Duration.ZERO)).as("one of two").isFalse();
        assertThat(latch).hasToString("Latch[count=1]");
        JvmProcess second = start(latch::countDown);
        assertThat(latch.await(WAIT)).isTrue();
        joinOk(second);
        latch.countDown();
        assertThat(latch).as("never below zero").hasToString("Latch[count=0]");
    }

    @Test
    @DisplayName("children waiting at a latch are released when the parent counts it down; until then a timed await is false")
    void latchAwaitedByChildren() throws Exception {
        TaskKit.Latch ready = kit.latch(2);
        TaskKit.Latch go = kit.latch(1);
        TaskKit.Log<String> log = kit.log();
        List<JvmProcess> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int me = i;
            children.add(start(() -> {
                boolean early = go.await(Duration.ofMillis(20));
                ready.countDown();
                go.await();
                log.add("child " + me + " released, early " + early);
            }));
        }
        assertThat(ready.await(WAIT)).isTrue();
        go.countDown();
        for (JvmProcess child : children) {
            joinOk(child);
        }
        assertThat(log.snapshot()).containsExactlyInAnyOrder("child 0 released, early false", "child 1 released, early false");
    }

    @Test
    @DisplayName("what a child adds to a log, between the parent's own entries, the parent's snapshot shows in order; a copy cannot read it")
    void logInOrder() throws Exception {
        TaskKit.Log<Object> log = kit.log();
        log.add("parent first");
        JvmProcess child = start(() -> {
            for (int i = 0; i < 100; i++) {
                log.add(i);
            }
            try {
                log.snapshot();
            } catch (IllegalStateException e) {
                log.add(e.getMessage().replaceAll("\\d+", "N"));
            }
        });
        joinOk(child);
        log.add("parent last");
        List<Object> expected = new ArrayList<>();
        expected.add("parent first");
        expected.addAll(IntStream.range(0, 100).boxed().toList());
        expected.add("a Log is read only through the object the kit returned, in process N; this is a copy, in process N");
        expected.add("parent last");
        assertThat(log.snapshot()).containsExactlyElementsOf(expected);
        assertThat(log.snapshot()).as("a second snapshot has everything again").containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a probe names the process running the caller, and initialized() is true only in the process that marked it")
    void probePerProcess() throws Exception {
        TaskKit.Probe probe = kit.probe();
        TaskKit.Probe other = kit.probe();
        TaskKit.Log<Object> log = kit.log();
        assertThat(probe.current()).isEqualTo(ProcessHandle.current().pid());
        probe.markInitialized();
        assertThat(probe.initialized()).isTrue();
        assertThat(other.initialized()).as("another probe").isFalse();
        JvmProcess child = start(() -> {
            log.add(probe.current());
            log.add(probe.initialized());
            probe.markInitialized();
            log.add(probe.initialized());
            log.add(other.initialized());
        });
        joinOk(child);
        assertThat(log.snapshot()).containsExactly(child.pid(), false, true, false);
        assertThat(other.initialized()).as("the child's mark stays in the child").isFalse();
        assertThat(kit.sameJvm()).isFalse();
    }

    @Test
    @DisplayName("awaitGone waits until the process a probe named has ended")
    void awaitGone() throws Exception {
        TaskKit.Probe probe = kit.probe();
        TaskKit.Gate gate = kit.gate();
        TaskKit.Latch arrived = kit.latch(1);
        TaskKit.Log<Object> log = kit.log();
        JvmProcess child = start(() -> {
            log.add(probe.current());
            arrived.countDown();
            gate.pass();
        });
        assertThat(arrived.await(WAIT)).isTrue();
        Object worker = log.snapshot().getFirst();
        TestThread<Void> waiting = TestThread.run("awaitGone", () -> kit.awaitGone(worker)).awaitBlocked();
        assertThat(waiting.isDone()).as("the child is at the gate").isFalse();
        gate.open();
        waiting.join();
        assertThat(child.isAlive()).isFalse();
        joinOk(child);
        kit.awaitGone(worker);
    }

    @Test
    @DisplayName("awaitGone fails naming the pid when the process outlives the wait; a worker that is not a pid is an IllegalArgumentException")
    void awaitGoneFails() throws Exception {
        TaskKit.Gate gate = kit.gate();
        TaskKit.Latch arrived = kit.latch(1);
        JvmProcess child = start(() -> {
            arrived.countDown();
            gate.pass();
        });
        try (ProcessTaskKit impatient = new ProcessTaskKit(TaskKit.PATIENCE, Duration.ofMillis(200))) {
            assertThat(arrived.await(WAIT)).isTrue();
            assertThatThrownBy(() -> impatient.awaitGone(child.pid())).isInstanceOf(AssertionError.class)
                    .hasMessage("process " + child.pid() + " is still alive after PT0.2S");
            assertThatThrownBy(() -> impatient.awaitGone(Thread.currentThread())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("'worker' must be a process id (a Long from Probe.current()): Thread[");
        } finally {
            gate.open();
        }
        joinOk(child);
    }

    @Test
    @DisplayName("close() opens every gate and zeroes every latch, so no child is left waiting; the kit then makes nothing more")
    void closeReleasesChildren() throws Exception {
        ProcessTaskKit own = new ProcessTaskKit();
        TaskKit.Gate gate = own.gate();
        TaskKit.Latch never = own.latch(5);
        TaskKit.Latch arrived = kit.latch(1);
        TaskKit.Log<String> report = kit.log();
        JvmProcess child = start(() -> {
            arrived.countDown();
            gate.pass();
            never.await();
            report.add("released");
        });
        assertThat(arrived.await(WAIT)).isTrue();
        own.close();
        joinOk(child);
        assertThat(report.snapshot()).containsExactly("released");
        assertThat(own).hasToString("ProcessTaskKit[0 objects, closed]");
        assertThatThrownBy(own::gate).isInstanceOf(IllegalStateException.class).hasMessage("the task kit is closed");
        own.close();
    }

    @Test
    @DisplayName("close() closes the test's handle of a log: snapshot() still returns what had arrived, add() is refused")
    void closeLog() {
        ProcessTaskKit own = new ProcessTaskKit();
        TaskKit.Log<String> log = own.log();
        log.add("before");
        own.close();
        assertThat(log.snapshot()).containsExactly("before");
        assertThatThrownBy(() -> log.add("after")).isInstanceOf(IllegalStateException.class).hasMessage("Queue is closed");
        assertThat(log.toString()).endsWith("1 items drained, closed]");
    }

    @Test
    @DisplayName("a negative latch count is an IllegalArgumentException naming it")
    void negativeCount() {
        assertThatThrownBy(() -> kit.latch(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'count' must be >= 0: -1");
    }
}
