package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.testing.TestThread;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pipe's semantics, within one process (the ends behave the same in a child: PipeAcrossProcessesTest). */
@Timeout(60)
class PipeTest {

    @Test
    @DisplayName("PIPE-01: Pipe.open() is duplex; send returns; recv returns an equal object (a list, a double, null) in both directions")
    void duplexObjects() throws Exception {
        Pipe pipe = Pipe.open();
        Connection a = pipe.conn1();
        Connection b = pipe.conn2();
        assertThat(a.readable() && a.writable() && b.readable() && b.writable()).isTrue();
        a.send(List.of(1, 2, 3));
        a.send(2.5);
        a.send(null);
        assertThat(b.<Object>recv()).isEqualTo(List.of(1, 2, 3));
        assertThat(b.<Object>recv()).isEqualTo(2.5);
        assertThat(b.<Object>recv()).isNull();
        b.send("back");
        assertThat((String) a.recv()).isEqualTo("back");
    }

    @Test
    @DisplayName("PIPE-02: sendBytes/recvBytes round-trip, including a 16 MiB message intact")
    void bytes() throws Exception {
        Pipe pipe = Pipe.open();
        byte[] big = new byte[16 << 20];
        new Random(7).nextBytes(big);
        pipe.conn1().sendBytes("hello".getBytes());
        pipe.conn1().sendBytes(big);
        assertThat(new String(pipe.conn2().recvBytes())).isEqualTo("hello");
        assertThat(pipe.conn2().recvBytes()).isEqualTo(big);
    }

    @Test
    @DisplayName("PIPE-03: recvBytesInto writes at the offset and returns the length; a short buffer gives BufferTooShortException with the whole message")
    void recvBytesInto() throws Exception {
        Pipe pipe = Pipe.open();
        byte[] buffer = new byte[10];
        Arrays.fill(buffer, (byte) '.');
        pipe.conn1().sendBytes("abc".getBytes());
        assertThat(pipe.conn2().recvBytesInto(buffer, 4)).isEqualTo(3);
        assertThat(new String(buffer)).isEqualTo("....abc...");
        pipe.conn1().sendBytes("0123456789ab".getBytes());
        assertThatThrownBy(() -> pipe.conn2().recvBytesInto(buffer, 2))
                .isInstanceOfSatisfying(BufferTooShortException.class,
                        e -> assertThat(new String(e.data())).isEqualTo("0123456789ab"));
        assertThat(pipe.conn2().poll()).as("the message was received").isFalse();
        assertThatThrownBy(() -> pipe.conn2().recvBytesInto(buffer, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("negative offset");
        assertThatThrownBy(() -> pipe.conn2().recvBytesInto(buffer, 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("offset too large");
    }

    @Test
    @DisplayName("PIPE-04: poll() is false at once when nothing waits, poll(-1) too; poll(t) waits about t; true at once when data is there")
    void poll() throws Exception {
        Pipe pipe = Pipe.open();
        long t0 = System.nanoTime();
        assertThat(pipe.conn2().poll()).isFalse();
        assertThat(pipe.conn2().poll(Duration.ofSeconds(-1))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        long t1 = System.nanoTime();
        assertThat(pipe.conn2().poll(Duration.ofMillis(300))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isGreaterThanOrEqualTo(Duration.ofMillis(180))
                .isLessThan(Duration.ofSeconds(3));
        pipe.conn1().send("x");
        long t2 = System.nanoTime();
        assertThat(pipe.conn2().poll(Duration.ofSeconds(10))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t2)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("PIPE-05: after the peer closed, recv returns what is left and then throws EOFException, recvBytes too")
    void endOfFile() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.conn1().send("last");
        pipe.conn1().close();
        assertThat((String) pipe.conn2().recv()).isEqualTo("last");
        assertThatThrownBy(pipe.conn2()::recv).isInstanceOf(EOFException.class);
        assertThatThrownBy(pipe.conn2()::recvBytes).isInstanceOf(EOFException.class);
        assertThat(pipe.conn2().poll()).as("a receive would not wait").isTrue();
    }

    @Test
    @DisplayName("PIPE-05: a receiver blocked on an empty pipe wakes with EOFException when the peer closes")
    void blockedReceiverSeesEndOfFile() throws Exception {
        Pipe pipe = Pipe.open();
        TestThread<Object> receiver = TestThread.start("receiver", () -> pipe.conn2().recv());
        receiver.awaitBlocked();
        pipe.conn1().close();
        assertThat(receiver.joinFailure()).isInstanceOf(EOFException.class);
    }

    @Test
    @DisplayName("PIPE-06: Pipe.open(false) gives a reader and a writer; the wrong direction throws IOException with Python's message")
    void oneWay() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection reader = pipe.conn1();
        Connection writer = pipe.conn2();
        assertThat(reader.readable()).isTrue();
        assertThat(reader.writable()).isFalse();
        assertThat(writer.readable()).isFalse();
        assertThat(writer.writable()).isTrue();
        assertThatThrownBy(() -> reader.send(1)).isInstanceOf(IOException.class).hasMessage("connection is read-only");
        assertThatThrownBy(writer::recv).isInstanceOf(IOException.class).hasMessage("connection is write-only");
        assertThatThrownBy(writer::poll).isInstanceOf(IOException.class).hasMessage("connection is write-only");
        writer.send(42);
        assertThat((Integer) reader.recv()).isEqualTo(42);
    }

    @Test
    @DisplayName("PIPE-07: sendBytes(buf, offset, size) sends the slice; offset == length sends an empty message; bad slices are IllegalArgumentException")
    void slices() throws Exception {
        Pipe pipe = Pipe.open();
        Connection a = pipe.conn1();
        byte[] data = "0123456789".getBytes();
        a.sendBytes(data, 2, 3);
        a.sendBytes(data, 10, 0);
        assertThat(new String(pipe.conn2().recvBytes())).isEqualTo("234");
        assertThat(pipe.conn2().recvBytes()).isEmpty();
        assertThatThrownBy(() -> a.sendBytes(data, -1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("offset is negative");
        assertThatThrownBy(() -> a.sendBytes(data, 11, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("buffer length < offset");
        assertThatThrownBy(() -> a.sendBytes(data, 0, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("size is negative");
        assertThatThrownBy(() -> a.sendBytes(data, 5, 6)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("buffer length < offset + size");
        assertThat(pipe.conn2().poll()).as("nothing was sent by the bad calls").isFalse();
    }

    @Test
    @DisplayName("PIPE-08: try-with-resources closes both ends; isClosed() is true; using a closed end throws IOException 'handle is closed'")
    void closing() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            a.send("in use");
            assertThat(a.isClosed() || b.isClosed()).isFalse();
        }
        assertThat(pipe.conn1().isClosed()).isTrue();
        assertThat(pipe.conn2().isClosed()).isTrue();
        assertThatThrownBy(pipe.conn1()::recv).isInstanceOf(IOException.class).hasMessage("handle is closed");
        assertThatThrownBy(() -> pipe.conn2().send(1)).isInstanceOf(IOException.class).hasMessage("handle is closed");
        pipe.conn1().close();   // again: nothing happens
        assertThat(pipe.conn1().toString()).isEqualTo("Connection[conn1, read-write, closed]");
    }

    @Test
    @DisplayName("PIPE-09: a zero-length message counts as available, and poll() does not consume it")
    void emptyMessage() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.conn1().sendBytes(new byte[0]);
        assertThat(pipe.conn2().poll()).isTrue();
        assertThat(pipe.conn2().poll()).isTrue();
        assertThat(pipe.conn2().poll(Duration.ofSeconds(1))).isTrue();
        assertThat(pipe.conn2().recvBytes()).isEmpty();
        assertThat(pipe.conn2().poll()).isFalse();
    }

    @Test
    @DisplayName("PIPE-10: messages keep their boundaries: 'a', 'b', 'cd' arrive separately")
    void boundaries() throws Exception {
        Pipe pipe = Pipe.open();
        for (String s : List.of("a", "b", "cd")) {
            pipe.conn1().sendBytes(s.getBytes());
        }
        assertThat(new String(pipe.conn2().recvBytes())).isEqualTo("a");
        assertThat(new String(pipe.conn2().recvBytes())).isEqualTo("b");
        assertThat(new String(pipe.conn2().recvBytes())).isEqualTo("cd");
    }

    @Test
    @DisplayName("a receiver interrupted while waiting throws InterruptedException and takes nothing; the pipe still works")
    void interruptedReceive() throws Exception {
        Pipe pipe = Pipe.open();
        TestThread<Object> receiver = TestThread.start("receiver", () -> pipe.conn2().recv());
        receiver.awaitBlocked();
        receiver.thread().interrupt();
        assertThat(receiver.joinFailure()).isInstanceOf(InterruptedException.class);
        pipe.conn1().send("after");
        assertThat((String) pipe.conn2().recv()).isEqualTo("after");
    }

    @Test
    @DisplayName("sending to an end whose every copy is closed throws IOException (broken pipe); an unserializable object is not sent")
    void brokenPipeAndBadObjects() throws Exception {
        Pipe pipe = Pipe.open();
        assertThatThrownBy(() -> pipe.conn1().send(new Object())).isInstanceOf(NotSerializableException.class);
        assertThat(pipe.conn2().poll()).isFalse();
        pipe.conn2().close();
        assertThatThrownBy(() -> pipe.conn1().send("nobody reads")).isInstanceOf(IOException.class).hasMessageContaining("broken pipe");
    }

    @Test
    @DisplayName("an end can be serialized only into a child's task, never into a queue, a pipe or a stream")
    void notSerializableOutsideATask() {
        Pipe pipe = Pipe.open();
        assertThatThrownBy(() -> Codec.serialize(pipe.conn1())).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("only inside the task of a JvmProcess");
        assertThatThrownBy(() -> pipe.conn2().send(pipe.conn1())).isInstanceOf(NotSerializableException.class);
    }
}
