package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spindle.multiprocessing.internal.Server;
import dev.spindle.multiprocessing.testing.Gate;
import dev.spindle.multiprocessing.testing.NoOrphans;
import dev.spindle.multiprocessing.testing.Watchdog;
import static dev.spindle.multiprocessing.testing.Tasks.task;
import dev.spindle.testing.TestThread;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash injection (STYLE.md, habit 10): children that fail while being serialized or
 * deserialized, die in the middle of a message or a call, exit at the wrong moment, run out of
 * memory, or fill a pipe; and a parent that crashes while its child runs. Every waiting call
 * must return or throw. The {@link Watchdog} fails a test that hangs with a dump of all threads.
 */
@ExtendWith(Watchdog.class)
@Watchdog.Limit(seconds = 45)
@Timeout(120)
class CrashInjectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A task field whose serialization fails. */
    static final class FailsToSerialize implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            throw new IOException("injected: cannot write this field");
        }
    }

    /** A task field whose deserialization, in the child, ends the JVM with status 7. */
    static final class ExitsWhenRead implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            System.exit(7);
        }
    }

    @Test
    @DisplayName("a task that fails to serialize fails start() with the cause, starts no child, and leaves a pipe end it held usable")
    void crashDuringSerialization() throws Exception {
        Pipe pipe = Pipe.open();
        Connection end = pipe.conn2();
        Object notSerializable = new Object();
        FailsToSerialize failing = new FailsToSerialize();
        int before = NoOrphans.alive().size();

        JvmProcess p = new JvmProcess(() -> System.out.println(end + " " + notSerializable));
        assertThatThrownBy(p::start).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot be serialized")
                .hasCauseInstanceOf(NotSerializableException.class);
        JvmProcess q = new JvmProcess(() -> System.out.println(end + " " + failing));
        assertThatThrownBy(q::start).isInstanceOf(UncheckedIOException.class)
                .cause().hasMessage("injected: cannot write this field");

        assertThat(NoOrphans.alive()).hasSize(before);
        assertThat(p.isAlive()).isFalse();
        assertThat(p.toString()).contains("initial");
        end.send("the end was not handed over");
        assertThat((String) pipe.conn1().recv()).isEqualTo("the end was not handed over");
    }

    @Test
    @DisplayName("a child that exits while reading its task ends with its status, and the pipe end it was to attach gives the parent EOF")
    void exitDuringDeserialization() throws Exception {
        for (boolean endFirst : new boolean[] {true, false}) {
            Pipe pipe = Pipe.open();
            Connection end = pipe.conn2();
            ExitsWhenRead bomb = new ExitsWhenRead();
            // Fields are read in the order the lambda captured them: the end is attached before
            // the exit in one run, never attached in the other.
            SerializableRunnable task = endFirst
                    ? () -> System.out.println(end + " " + bomb)
                    : () -> System.out.println(bomb + " " + end);
            JvmProcess p = new JvmProcess(task);
            p.start();
            assertThatThrownBy(pipe.conn1()::recv).as("end first: " + endFirst).isInstanceOf(EOFException.class);
            p.join();
            assertThat(p.exitCode()).isEqualTo(7);
        }
    }

    @Test
    @DisplayName("a child killed in the middle of sending large messages: the parent gets whole messages, then EOF")
    void killedMidMessage() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection out = pipe.conn2();
        JvmProcess p = new JvmProcess(task(() -> {
            byte[] chunk = new byte[8 << 20];
            for (;;) {
                out.sendBytes(chunk);
            }
        }));
        p.start();
        Connection in = pipe.conn1();
        assertThat(in.recvBytes()).hasSize(8 << 20);
        p.kill();
        int whole = 1;
        try {
            for (;;) {
                assertThat(in.recvBytes()).hasSize(8 << 20);
                whole++;
            }
        } catch (EOFException expected) {
            // every copy of the sending end is gone
        }
        p.join();
        assertThat(p.exitCode()).isEqualTo(-9);
        assertThat(whole).isPositive();
    }

    @Test
    @DisplayName("System.exit in the middle of a conversation: the exit status arrives and the parent's receive ends with EOF")
    void exitMidConversation() throws Exception {
        Pipe pipe = Pipe.open();
        Connection child = pipe.conn2();
        JvmProcess p = new JvmProcess(task(() -> {
            child.send("first");
            child.recv();
            System.exit(3);
        }));
        p.start();
        Connection conn = pipe.conn1();
        assertThat((String) conn.recv()).isEqualTo("first");
        conn.send("go on");
        assertThatThrownBy(conn::recv).isInstanceOf(EOFException.class);
        p.join();
        assertThat(p.exitCode()).isEqualTo(3);
    }

    @Test
    @DisplayName("a child killed while blocked in a get on the parent's queue: its call is cancelled and the queue keeps working")
    void killedDuringARemoteCall() throws Exception {
        ProcessQueue<String> q = new ProcessQueue<>();
        SharedLong waiting = new SharedLong();
        JvmProcess p = new JvmProcess(task(() -> {
            waiting.set(1);
            q.get();
        }));
        p.start();
        await().atMost(PATIENCE).until(() -> waiting.get() == 1 && Server.local().callsInFlight() == 1);
        p.kill();
        p.join();
        await().atMost(PATIENCE).until(() -> Server.local().callsInFlight() == 0);
        q.put("for the living");
        assertThat(q.get(PATIENCE)).isEqualTo("for the living");
    }

    @Test
    @DisplayName("a child that runs out of memory exits 1 with the OutOfMemoryError on its stderr; the parent carries on")
    void outOfMemory(@TempDir Path dir) throws Exception {
        String err = dir.resolve("stderr.txt").toString();
        JvmProcess p = new JvmProcess("hungry", () -> {
            JvmProcessExitCodeTest.redirectStderr(err);
            List<long[]> hoard = new ArrayList<>();
            for (;;) {
                hoard.add(new long[1 << 20]);
            }
        });
        p.setJvmOptions(List.of("-Xmx32m"));
        p.start();
        p.join();
        assertThat(p.exitCode()).isEqualTo(1);
        String text = Files.readString(Path.of(err));
        assertThat(text).startsWith("Process hungry:").contains("java.lang.OutOfMemoryError");
    }

    @Test
    @DisplayName("a full pipe: a child blocked sending more than the pipe holds stays alive until the parent drains it, then exits 0")
    void fullPipe() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection out = pipe.conn2();
        int messages = 96;
        JvmProcess p = new JvmProcess(task(() -> {
            byte[] mib = new byte[1 << 20];
            for (int i = 0; i < messages; i++) {
                out.sendBytes(mib);
            }
        }));
        p.start();
        p.join(Duration.ofMillis(500));
        assertThat(p.isAlive()).as("blocked on the full pipe").isTrue();
        int received = 0;
        try {
            for (;;) {
                pipe.conn1().recvBytes();
                received++;
            }
        } catch (EOFException done) {
            // the child sent everything and exited
        }
        p.join();
        assertThat(received).isEqualTo(messages);
        assertThat(p.exitCode()).isZero();
    }

    @Test
    @DisplayName("shutdown during a crash: a parent whose task throws while its daemon child runs exits 1, and the child ends with it")
    void crashWithAChildRunning(@TempDir Path dir) throws Exception {
        String err = dir.resolve("stderr.txt").toString();
        SharedLong childPid = new SharedLong();
        try (Gate never = new Gate()) {
            Connection in = never.childEnd();
            JvmProcess a = new JvmProcess("crashing", () -> {
                JvmProcessExitCodeTest.redirectStderr(err);
                JvmProcess g = new JvmProcess(() -> Gate.pass(in));
                g.setDaemon(true);
                g.start();
                childPid.set(g.pid());
                throw new IllegalStateException("crash with a child running");
            });
            a.start();
            a.join();
            assertThat(a.exitCode()).isEqualTo(1);
            assertThat(Files.readString(Path.of(err))).startsWith("Process crashing:");
            assertThat(childPid.get()).isPositive();
            await().atMost(PATIENCE).until(() -> ProcessHandle.of(childPid.get()).map(h -> !h.isAlive()).orElse(true));
        }
    }

    @Test
    @DisplayName("the watchdog's dump names every thread, so a hang in this suite is diagnosable")
    void watchdogDumpsThreads() throws Exception {
        TestThread<Void> parked = TestThread.run("parked-for-the-dump", () -> Thread.sleep(Duration.ofSeconds(30)));
        parked.awaitBlocked();
        String dump = dumpOf();
        parked.thread().interrupt();
        assertThat(dump).contains("\"parked-for-the-dump\" TIMED_WAITING", "children still running");
    }

    private static String dumpOf() throws Exception {
        var method = Watchdog.class.getDeclaredMethod("threadDump");
        method.setAccessible(true);
        return (String) method.invoke(null);
    }
}
