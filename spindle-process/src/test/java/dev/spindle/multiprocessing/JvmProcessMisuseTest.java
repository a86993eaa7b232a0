package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.multiprocessing.testing.Gate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a process object refuses, with Python's messages. */
@Timeout(60)
class JvmProcessMisuseTest {

    @Test
    @DisplayName("MP-18: start twice, join before start, and setting the daemon flag or JVM options after start are refused with Python's messages")
    void startJoinAndSettersOutOfOrder() throws Exception {
        JvmProcess p = new JvmProcess(() -> { });
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class).hasMessage("can only join a started process");
        assertThatThrownBy(() -> p.join(java.time.Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessage("can only join a started process");
        assertThatThrownBy(p::pid).isInstanceOf(IllegalStateException.class).hasMessage("process not started");
        assertThatThrownBy(p::terminate).isInstanceOf(IllegalStateException.class).hasMessage("can only terminate a started process");
        p.start();
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class).hasMessage("cannot start a process twice");
        assertThatThrownBy(() -> p.setDaemon(true)).isInstanceOf(IllegalStateException.class).hasMessage("process has already started");
        assertThatThrownBy(() -> p.setJvmOptions(List.of("-Xmx64m"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("process has already started");
        p.join();
        assertThat(p.exitCode()).isZero();
    }

    @Test
    @DisplayName("MP-18: a process object this process did not create (a deserialized copy) cannot be tested, joined or started")
    void foreignProcessObject() throws Exception {
        JvmProcess original = new JvmProcess("original", () -> { });
        JvmProcess copy = (JvmProcess) Codec.deserialize(Codec.serialize(original));
        assertThat(copy.name()).isEqualTo("original");
        assertThatThrownBy(copy::isAlive).isInstanceOf(IllegalStateException.class).hasMessage("can only test a child process");
        assertThatThrownBy(copy::join).isInstanceOf(IllegalStateException.class).hasMessage("can only join a child process");
        assertThatThrownBy(copy::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("can only start a process object created by current process");
        assertThat(copy.exitCode()).isNull();
        assertThat(copy.toString()).contains("unknown");
    }

    @Test
    @DisplayName("MP-15: close() is refused while the child runs; after it, isAlive, join, terminate and kill are refused; a second close is fine")
    void close() throws Exception {
        try (Gate gate = new Gate()) {
            JvmProcess p = new JvmProcess(gate.task());
            p.start();
            assertThatThrownBy(p::close).isInstanceOf(IllegalStateException.class).hasMessage(
                    "Cannot close a process while it is still running. You should first call join() or terminate().");
            gate.open();
            p.join();
            p.close();
            assertThatThrownBy(p::isAlive).isInstanceOf(IllegalStateException.class).hasMessage("process object is closed");
            assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class).hasMessage("process object is closed");
            assertThatThrownBy(p::terminate).isInstanceOf(IllegalStateException.class).hasMessage("process object is closed");
            assertThatThrownBy(p::kill).isInstanceOf(IllegalStateException.class).hasMessage("process object is closed");
            assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class).hasMessage("process object is closed");
            p.close();
            assertThat(p.exitCode()).isZero();
        }
        JvmProcess never = new JvmProcess(() -> { });
        never.close();
        assertThatThrownBy(never::start).isInstanceOf(IllegalStateException.class).hasMessage("process object is closed");
    }

    @Test
    @DisplayName("MP-17 MP-02: in a daemon child, new process objects are daemons by default and start() is refused")
    void daemonHasNoChildren() throws Exception {
        ProcessQueue<String> report = new ProcessQueue<>();
        JvmProcess p = new JvmProcess(() -> {
            JvmProcess grandchild = new JvmProcess(() -> { });
            try {
                report.put("daemon by default: " + grandchild.isDaemon());
                grandchild.start();
                report.put("started");
            } catch (IllegalStateException e) {
                putQuietly(report, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        p.setDaemon(true);
        p.start();
        assertThat(report.get(java.time.Duration.ofSeconds(30))).isEqualTo("daemon by default: true");
        assertThat(report.get(java.time.Duration.ofSeconds(30))).isEqualTo("daemonic processes are not allowed to have children");
        p.join();
        assertThat(p.exitCode()).isZero();
    }

    static void putQuietly(ProcessQueue<String> q, String s) {
        try {
            q.put(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
