/**
 * Python's {@code multiprocessing} on the JVM: Java code in child JVMs
 * ({@link dev.spindle.multiprocessing.JvmProcess}), pipes ({@link dev.spindle.multiprocessing.Pipe},
 * {@link dev.spindle.multiprocessing.Connection}), queues shared by processes
 * ({@link dev.spindle.multiprocessing.ProcessQueue},
 * {@link dev.spindle.multiprocessing.JoinableProcessQueue}) and shared memory
 * ({@link dev.spindle.multiprocessing.SharedLong}, {@link dev.spindle.multiprocessing.SharedDouble},
 * {@link dev.spindle.multiprocessing.SharedIntArray},
 * {@link dev.spindle.multiprocessing.SharedLongArray},
 * {@link dev.spindle.multiprocessing.SharedDoubleArray}), and a pool of worker processes,
 * {@code concurrent.futures.ProcessPoolExecutor}
 * ({@link dev.spindle.multiprocessing.ProcessPoolExecutor}), which survives crashed workers and
 * can stop overdue tasks.
 *
 * <p><b>No fork.</b> A JVM cannot {@code fork()}: every child is a fresh JVM started with the
 * parent's {@code java}, class path and relevant options, which reads its task (the serialized
 * process object) from its stdin. That is Python's "spawn" start method, the only one here.
 * What a task captures travels by Java serialization; the classes it uses must be on the class
 * path. {@link dev.spindle.multiprocessing.JvmProcess} shows the seed's {@code os.fork()}
 * example rewritten.
 *
 * <p><b>Conventions.</b>
 * <ul>
 *   <li>Python's names and rules, Java's exceptions: misuse is
 *       {@link java.lang.IllegalStateException} with Python's message ("cannot start a process
 *       twice"), a bad argument {@link java.lang.IllegalArgumentException}, Python's
 *       {@code OSError} on a connection {@link java.io.IOException} ({@link java.io.EOFException}
 *       at end of file), {@code queue.Empty}/{@code queue.Full} the checked exceptions of
 *       {@code dev.spindle.queue}.</li>
 *   <li>Every method that can block throws {@link java.lang.InterruptedException} and has had
 *       no effect when it does. Timeouts are {@link java.time.Duration}s, following
 *       {@code dev.spindle.internal.Timeouts}.</li>
 *   <li>Nothing waits forever on a dead process: when a process ends (SIGKILL included), the
 *       pipes it held report end-of-file, the calls it was serving fail, and its children end.</li>
 *   <li>What can be handed to a child inside its task: pipe ends (they move to the child),
 *       queues and shared memory (shared). Queues and shared memory can also travel through a
 *       queue or a pipe, and in a process pool's tasks; pipe ends cannot.</li>
 *   <li>{@code toString()} shows the state, as Python's {@code repr}:
 *       {@code JvmProcess[name=Process-1, pid=4242, parent=4200, stopped[SIGTERM]]}.</li>
 * </ul>
 *
 * <p><b>Security.</b> Processes of one tree share a random key, sent to each child over its
 * stdin; they talk over Unix domain sockets in a directory only this user can open, and prove
 * they hold the key (an HMAC challenge both ways) before anything is deserialized. Never a TCP
 * port. Deserialization goes through a filter (known gadget classes, depth and size limits);
 * see {@code dev.spindle.multiprocessing.internal.Codec} for the trust model.
 *
 * <p>Linux and macOS (POSIX file permissions and Unix domain sockets); Java 21 or newer.
 */
package dev.spindle.multiprocessing;
