package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spindle.multiprocessing.testing.Gate;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child never outlives its parent; a parent waits for its non-daemon children and ends its
 * daemon ones. Each test runs a middle process A with a child G of its own, so that the test
 * JVM can watch G while A ends.
 */
@Timeout(90)
class LifetimeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A's task: start G (daemon or not) waiting at the gate, report G's pid, then do {@code then}. */
    static SerializableRunnable middle(boolean daemonChild, Connection gate, SharedLong childPid, SerializableRunnable then) {
        return () -> {
            JvmProcess g = new JvmProcess(() -> Gate.pass(gate));
            g.setDaemon(daemonChild);
            g.start();
            childPid.set(g.pid());
            then.run();
        };
    }

    static ProcessHandle awaitChild(SharedLong childPid) {
        await().atMost(PATIENCE).until(() -> childPid.get() != 0);
        Optional<ProcessHandle> g = ProcessHandle.of(childPid.get());
        assertThat(g).as("the grandchild runs").isPresent();
        return g.get();
    }

    @Test
    @DisplayName("MP-13 (Java meaning: a grandchild does not just see its parent not alive, it ends): a child ends when its parent is killed with SIGKILL")
    void childEndsWhenParentIsKilled() throws Exception {
        SharedLong gPid = new SharedLong();
        SharedLong aWaits = new SharedLong();
        try (Gate forG = new Gate(); Gate forA = new Gate()) {
            Connection aGate = forA.childEnd();
            JvmProcess a = new JvmProcess(middle(false, forG.childEnd(), gPid, () -> {
                aWaits.set(1);
                Gate.pass(aGate);
            }));
            a.start();
            ProcessHandle g = awaitChild(gPid);
            await().atMost(PATIENCE).until(() -> aWaits.get() == 1);
            a.kill();
            a.join();
            assertThat(a.exitCode()).isEqualTo(-9);
            assertThat(g.onExit()).succeedsWithin(PATIENCE);
        }
    }

    @Test
    @DisplayName("daemon children are terminated when their parent exits normally; the parent exits 0")
    void daemonChildrenEndWithTheirParent() throws Exception {
        SharedLong gPid = new SharedLong();
        try (Gate neverOpened = new Gate(); Gate forA = new Gate()) {
            Connection aGate = forA.childEnd();
            JvmProcess a = new JvmProcess(middle(true, neverOpened.childEnd(), gPid, () -> Gate.pass(aGate)));
            a.start();
            ProcessHandle g = awaitChild(gPid);
            forA.open();
            a.join();
            assertThat(a.exitCode()).isZero();
            assertThat(g.onExit()).succeedsWithin(PATIENCE);
        }
    }

    @Test
    @DisplayName("a parent whose run() returned waits for its non-daemon children before it exits, as Python's does")
    void parentWaitsForNonDaemonChildren() throws Exception {
        SharedLong gPid = new SharedLong();
        try (Gate forG = new Gate()) {
            JvmProcess a = new JvmProcess(middle(false, forG.childEnd(), gPid, () -> { }));
            a.start();
            ProcessHandle g = awaitChild(gPid);
            a.join(Duration.ofMillis(500));
            assertThat(a.isAlive()).as("A waits for G").isTrue();
            assertThat(g.isAlive()).isTrue();
            forG.open();
            a.join();
            assertThat(a.exitCode()).isZero();
            assertThat(g.onExit()).succeedsWithin(PATIENCE);
        }
    }

    @Test
    @DisplayName("MP-10: System.exit in a parent is its exit code and ends its running non-daemon children too")
    void systemExitEndsChildren() throws Exception {
        SharedLong gPid = new SharedLong();
        try (Gate forG = new Gate(); Gate forA = new Gate()) {
            Connection aGate = forA.childEnd();
            JvmProcess a = new JvmProcess(middle(false, forG.childEnd(), gPid, () -> {
                Gate.pass(aGate);
                System.exit(4);
            }));
            a.start();
            ProcessHandle g = awaitChild(gPid);
            forA.open();
            a.join();
            assertThat(a.exitCode()).isEqualTo(4);
            assertThat(g.onExit()).succeedsWithin(PATIENCE);
        }
    }
}
