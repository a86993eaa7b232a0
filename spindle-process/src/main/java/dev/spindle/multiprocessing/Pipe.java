package dev.spindle.multiprocessing;

/**
 * A pipe's two ends: Python's {@code multiprocessing.Pipe(duplex)}, which returns
 * {@code (conn1, conn2)}.
 *
 * <p>{@link #open()} makes a duplex pipe: each end sends to and receives from the other.
 * {@link #open(boolean) open(false)} makes a one-way pipe: {@code conn1} only receives and
 * {@code conn2} only sends (PIPE-06). Either end may be handed to a child inside its task; see
 * {@link Connection} for what that does and for the end-of-file rules.
 *
 * <p><b>Sample usage</b>: a child reports to its parent.
 * {@snippet :
 * Pipe pipe = Pipe.open(false);
 * Connection results = pipe.conn1();
 * Connection report = pipe.conn2();
 * JvmProcess worker = new JvmProcess(() -> {
 *     try (report) {
 *         report.send("done in " + ProcessHandle.current().pid());
 *     } catch (IOException | InterruptedException e) {
 *         throw new IllegalStateException(e);
 *     }
 * });
 * worker.start();
 * String line = results.recv();
 * worker.join();
 * }
 *
 * @param conn1 the first end (receives only, for a one-way pipe)
 * @param conn2 the second end (sends only, for a one-way pipe)
 */
public record Pipe(Connection conn1, Connection conn2) {

    /** Opens a duplex pipe (Python's {@code Pipe()}). */
    public static Pipe open() {
        return open(true);
    }

    /**
     * Opens a pipe; a one-way one when {@code duplex} is false, whose {@code conn1} receives
     * what {@code conn2} sends.
     */
    public static Pipe open(boolean duplex) {
        return Connection.pipe(duplex);
    }
}
