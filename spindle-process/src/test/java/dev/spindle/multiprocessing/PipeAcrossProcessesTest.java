package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.spindle.multiprocessing.testing.Tasks.task;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pipe ends handed to children: the same semantics as within one process, across JVMs. */
@Timeout(90)
class PipeAcrossProcessesTest {

    /** Echoes every message back until end-of-file. */
    static SerializableRunnable echo(Connection conn) {
        return task(() -> {
            try {
                for (;;) {
                    conn.sendBytes(conn.recvBytes());
                }
            } catch (EOFException e) {
                // the parent closed its end
            }
        });
    }

    @Test
    @DisplayName("PIPE-01 PIPE-02: the parent closes the child's end right after start; the child echoes a list, a double, null and 16 MiB intact, then sees EOF")
    void echoThroughAChild() throws Exception {
        Pipe pipe = Pipe.open();
        JvmProcess child = new JvmProcess(echo(pipe.conn2()));
        child.start();
        pipe.conn2().close();
        Connection conn = pipe.conn1();
        conn.send(List.of(1, 2, 3));
        assertThat(conn.<Object>recv()).isEqualTo(List.of(1, 2, 3));
        conn.send(2.5);
        assertThat(conn.<Object>recv()).isEqualTo(2.5);
        conn.send(null);
        assertThat(conn.<Object>recv()).isNull();
        byte[] big = new byte[16 << 20];
        new Random(3).nextBytes(big);
        conn.sendBytes(big);
        assertThat(conn.recvBytes()).isEqualTo(big);
        conn.close();
        child.join();
        assertThat(child.exitCode()).isZero();
    }

    @Test
    @DisplayName("PIPE-05: when the child ends, the parent receives what it sent and then EOFException")
    void childExitIsEndOfFile() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection out = pipe.conn2();
        JvmProcess child = new JvmProcess(task(() -> {
            for (int i = 0; i < 3; i++) {
                out.send(i);
            }
        }));
        child.start();
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (;;) {
                got.add(pipe.conn1().recv());
            }
        }).isInstanceOf(EOFException.class);
        assertThat(got).containsExactly(0, 1, 2);
        child.join();
        assertThat(child.exitCode()).isZero();
    }

    @Test
    @DisplayName("two children talk over one pipe, one end each; their exit codes say what they received")
    void twoChildren() throws Exception {
        Pipe pipe = Pipe.open();
        Connection left = pipe.conn1();
        Connection right = pipe.conn2();
        JvmProcess a = new JvmProcess(task(() -> {
            left.send("ping");
            System.exit("pong".equals(left.recv()) ? 0 : 3);
        }));
        JvmProcess b = new JvmProcess(task(() -> {
            boolean ping = "ping".equals(right.recv());
            right.send("pong");
            System.exit(ping ? 0 : 3);
        }));
        a.start();
        b.start();
        left.close();
        right.close();
        a.join();
        b.join();
        assertThat(a.exitCode()).isZero();
        assertThat(b.exitCode()).isZero();
    }

    @Test
    @DisplayName("PIPE-10: boundaries hold across processes, and a poll in another process never takes part of a message")
    void boundariesAcrossProcesses() throws Exception {
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.conn2();
        JvmProcess child = new JvmProcess(task(() -> {
            for (String s : List.of("a", "b", "cd")) {
                childEnd.sendBytes(s.getBytes());
            }
            // Poll several times before each receive: polling must not consume or split.
            List<Integer> lengths = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                while (!childEnd.poll(Duration.ofSeconds(10))) {
                    // wait for the parent
                }
                childEnd.poll();
                lengths.add(childEnd.recvBytes().length);
            }
            childEnd.send(lengths);
        }));
        child.start();
        Connection conn = pipe.conn1();
        assertThat(conn.poll(Duration.ofSeconds(30))).isTrue();
        assertThat(new String(conn.recvBytes())).isEqualTo("a");
        assertThat(new String(conn.recvBytes())).isEqualTo("b");
        assertThat(new String(conn.recvBytes())).isEqualTo("cd");
        conn.sendBytes(new byte[1]);
        conn.sendBytes(new byte[1 << 20]);
        conn.sendBytes(new byte[0]);
        assertThat(conn.<Object>recv()).isEqualTo(List.of(1, 1 << 20, 0));
        child.join();
        assertThat(child.exitCode()).isZero();
    }

    @Test
    @DisplayName("an end handed to a child moves: the parent's copy can be closed or handed on, but not used")
    void handingOverMoves() throws Exception {
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.conn2();
        JvmProcess child = new JvmProcess(echo(childEnd));
        child.start();
        assertThatThrownBy(() -> childEnd.send("x")).isInstanceOf(IOException.class)
                .hasMessageContaining("handed to a child process");
        assertThat(childEnd.toString()).isEqualTo("Connection[conn2, read-write, handed to a child]");
        pipe.conn1().send("still echoed");
        assertThat((String) pipe.conn1().recv()).isEqualTo("still echoed");
        pipe.conn1().close();
        child.join();
        assertThat(child.exitCode()).isZero();
    }
}
