package dev.spindle.multiprocessing.testing;

import dev.spindle.multiprocessing.Connection;
import dev.spindle.multiprocessing.Pipe;
import dev.spindle.multiprocessing.SerializableRunnable;
import java.io.EOFException;
import java.io.IOException;

/**
 * A gate a child process waits at until the test opens it: how a test keeps a child "running for
 * a while" without sleeping. The child holds the receiving end of a one-way pipe and waits for a
 * message; {@link #open()} sends it, and closing the test's end (or the test JVM ending) opens
 * the gate too, so a forgotten gate never leaves a child waiting.
 */
public final class Gate implements AutoCloseable {

    private final Pipe pipe = Pipe.open(false);

    /** The end to hand to the child (capture it in its task); see {@link #pass(Connection)}. */
    public Connection childEnd() {
        return pipe.conn1();
    }

    /** A task that waits at the gate, then runs {@code then}. */
    public SerializableRunnable then(SerializableRunnable then) {
        Connection in = pipe.conn1();
        return () -> {
            pass(in);
            then.run();
        };
    }

    /** A task that only waits at the gate. */
    public SerializableRunnable task() {
        return then(() -> { });
    }

    /** Opens the gate. */
    public void open() throws IOException, InterruptedException {
        pipe.conn2().send("open");
    }

    /** Opens the gate for good by closing the test's end. */
    @Override
    public void close() {
        pipe.conn2().close();
    }

    /** In the child: waits until the gate opens. */
    public static void pass(Connection in) {
        try {
            in.recv();
        } catch (EOFException e) {
            // the test's end was closed: open
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
