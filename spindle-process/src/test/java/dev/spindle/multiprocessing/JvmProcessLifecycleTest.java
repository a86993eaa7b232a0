package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.multiprocessing.testing.Gate;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A process's life in its parent: start, run, join, the states between, and its name. */
@Timeout(60)
class JvmProcessLifecycleTest {

    @Test
    @DisplayName("MP-01 MP-13: current() in the main process is alive, not a daemon, named MainProcess, has a 32-byte key and no parent")
    void currentProcess() {
        JvmProcess main = JvmProcess.current();
        assertThat(main.isAlive()).isTrue();
        assertThat(main.isDaemon()).isFalse();
        assertThat(main.name()).isEqualTo("MainProcess");
        assertThat(main.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(main.exitCode()).isNull();
        assertThat(main.authkey()).hasSize(32).isNotEqualTo(new byte[32]);
        assertThat(main.authkey()).isEqualTo(main.authkey()).isNotSameAs(main.authkey());
        assertThat(JvmProcess.parent()).isEmpty();
        assertThat(main).isSameAs(JvmProcess.current());
        assertThat(main.toString()).isEqualTo("JvmProcess[name=MainProcess, pid=" + main.pid() + ", started]");
    }

    @Test
    @DisplayName("MP-02: a new process inherits the current process's daemon flag (false here); setDaemon sets it explicitly")
    void daemonFlag() {
        JvmProcess p = new JvmProcess(() -> { });
        assertThat(p.isDaemon()).isFalse();
        p.setDaemon(true);
        assertThat(p.isDaemon()).isTrue();
        p.setDaemon(false);
        assertThat(p.isDaemon()).isFalse();
    }

    @Test
    @DisplayName("MP-04 MP-22: not alive and not an active child before start; alive and active while running; exit code 0 and reaped after join")
    void lifecycle() throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = new JvmProcess(gate.task());
            assertThat(p.isAlive()).isFalse();
            assertThat(p.exitCode()).isNull();
            assertThat(JvmProcess.activeChildren()).doesNotContain(p);

            p.start();
            assertThat(p.isAlive()).isTrue();
            assertThat(p.exitCode()).isNull();
            assertThat(JvmProcess.activeChildren()).isInstanceOf(List.class).contains(p);

            gate.open();
            p.join();
            assertThat(p.exitCode()).isZero();
            assertThat(p.isAlive()).isFalse();
            assertThat(JvmProcess.activeChildren()).doesNotContain(p);
        }
    }

    @Test
    @DisplayName("MP-22: activeChildren() reaps a child that ended without being joined")
    void activeChildrenReaps() throws Exception {
        JvmProcess p = new JvmProcess(() -> { });
        p.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !JvmProcess.activeChildren().contains(p));
        assertThat(p.exitCode()).isZero();
    }

    @Test
    @DisplayName("MP-06: join(0) and join(-1) return at once while the child runs; a timed join waits about its timeout; join() returns once it exits")
    void joinWithTimeouts() throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = new JvmProcess(gate.task());
            p.start();
            long t0 = System.nanoTime();
            p.join(Duration.ZERO);
            p.join(Duration.ofSeconds(-1));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(p.isAlive()).isTrue();

            long t1 = System.nanoTime();
            p.join(Duration.ofMillis(300));
            assertThat(Duration.ofNanos(System.nanoTime() - t1)).isGreaterThanOrEqualTo(Duration.ofMillis(180));
            assertThat(p.isAlive()).isTrue();
            assertThat(p.exitCode()).isNull();

            gate.open();
            p.join();
            assertThat(p.exitCode()).isZero();
        }
    }

    @Test
    @DisplayName("MP-12: five quick processes started together all exit 0")
    void manyQuickProcesses() throws Exception {
        List<JvmProcess> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JvmProcess p = new JvmProcess(() -> { });
            p.start();
            all.add(p);
        }
        for (JvmProcess p : all) {
            p.join();
        }
        assertThat(all).extracting(JvmProcess::exitCode).containsOnly(0);
    }

    @Test
    @DisplayName("MP-14: onExit() is refused before start, pending while the child runs, and completes with the process once it has ended")
    void onExit() throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = new JvmProcess(gate.task());
            assertThatThrownBy(p::onExit).isInstanceOf(IllegalStateException.class).hasMessage("process not started");
            p.start();
            CompletableFuture<JvmProcess> exit = p.onExit();
            assertThat(exit).isNotDone();
            gate.open();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isSameAs(p);
            assertThat(p.exitCode()).isZero();
        }
    }

    @Test
    @DisplayName("MP-21: after start and join the process object no longer holds its target")
    void dropsTarget() throws Exception {
        Object payload = new String[] {"big"};
        SerializableRunnable target = () -> System.identityHashCode(payload);
        WeakReference<SerializableRunnable> ref = new WeakReference<>(target);
        JvmProcess p = new JvmProcess(target);
        target = null;
        p.start();
        p.join();
        assertThat(p.exitCode()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
    }

    @Test
    @DisplayName("MP-23: default names Process-N count up; a name may be set; the name must not be null; toString shows initial, started, stopped and daemon")
    void namesAndStates() throws Exception {
        JvmProcess a = new JvmProcess(() -> { });
        JvmProcess b = new JvmProcess(() -> { });
        assertThat(a.name()).matches("Process-\\d+");
        int na = Integer.parseInt(a.name().substring("Process-".length()));
        assertThat(b.name()).isEqualTo("Process-" + (na + 1));
        assertThat(new JvmProcess("worker", () -> { }).name()).isEqualTo("worker");
        b.setName("renamed");
        assertThat(b.name()).isEqualTo("renamed");
        assertThatThrownBy(() -> b.setName(null)).isInstanceOf(NullPointerException.class).hasMessage("name must be a string");

        long me = ProcessHandle.current().pid();
        assertThat(a.toString()).isEqualTo("JvmProcess[name=" + a.name() + ", parent=" + me + ", initial]");
        a.setDaemon(true);
        try (Gate gate = new Gate()) {
            JvmProcess running = new JvmProcess("gated", gate.task());
            running.setDaemon(true);
            running.start();
            assertThat(running.toString()).isEqualTo("JvmProcess[name=gated, pid=" + running.pid() + ", parent=" + me + ", started, daemon]");
            gate.open();
            running.join();
            assertThat(running.toString()).isEqualTo("JvmProcess[name=gated, pid=" + running.pid() + ", parent=" + me + ", stopped, daemon]");
            running.close();
            assertThat(running.toString()).contains("closed");
        }
    }
}
