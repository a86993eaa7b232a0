/**
 * Python's {@code queue} module on the JVM: {@link dev.spindle.queue.Queue},
 * {@link dev.spindle.queue.LifoQueue}, {@link dev.spindle.queue.PriorityQueue} and
 * {@link dev.spindle.queue.SimpleQueue}, each also a {@link java.util.concurrent.BlockingQueue}.
 *
 * <p><b>Conventions.</b>
 * <ul>
 *   <li>Python's names: {@code put}, {@code putNowait}, {@code get}, {@code getNowait},
 *       {@code qsize}, {@code empty}, {@code full}, {@code maxsize}, {@code taskDone},
 *       {@code join}, {@code unfinishedTasks}, {@code shutdown}, {@code isShutdown}. The JDK's
 *       names ({@code offer}, {@code poll}, {@code take}, {@code drainTo}, ...) keep the JDK's
 *       meaning; {@link dev.spindle.queue.Queue} says how they count for task accounting.</li>
 *   <li>Python's exceptions: {@code queue.Empty} and {@code queue.Full} are the checked
 *       {@link dev.spindle.queue.QueueEmptyException} and
 *       {@link dev.spindle.queue.QueueFullException}; {@code queue.ShutDown} is
 *       {@link dev.spindle.queue.QueueShutDownException}, an {@link java.lang.IllegalStateException};
 *       {@code ValueError} is {@link java.lang.IllegalArgumentException} for a bad argument and
 *       {@link java.lang.IllegalStateException} for too many {@code taskDone()} calls.</li>
 *   <li>Every method that can block throws {@link java.lang.InterruptedException} and leaves the
 *       queue unchanged when interrupted. Timeouts are {@link java.time.Duration}s, never null;
 *       a negative one is rejected by {@code get(Duration)} and, on a bounded queue, by
 *       {@code put(E, Duration)}, as in Python (QUEUE-09, QUEUE-10).</li>
 *   <li>{@code null} items are rejected with {@link java.lang.NullPointerException}.</li>
 *   <li>{@link dev.spindle.queue.Queue}, {@link dev.spindle.queue.LifoQueue} and
 *       {@link dev.spindle.queue.PriorityQueue} are one implementation whose storage (a circular
 *       array, a stack, a heap) is the only difference, as CPython's {@code _put/_get} hooks.
 *       {@link dev.spindle.queue.PriorityQueue} returns equal priorities in FIFO order, which
 *       CPython does not promise.</li>
 *   <li>{@code toString()} shows the state: {@code Queue[qsize=2, maxsize=3, unfinished=2]}.</li>
 * </ul>
 */
package dev.spindle.queue;
