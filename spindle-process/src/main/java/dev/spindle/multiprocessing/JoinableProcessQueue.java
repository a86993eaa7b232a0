package dev.spindle.multiprocessing;

import java.io.UncheckedIOException;

/**
 * A {@link ProcessQueue} with task accounting: Python's {@code multiprocessing.JoinableQueue}.
 * Every item put counts as unfinished until some process calls {@link #taskDone()} for it;
 * {@link #join()} waits, in any process, until none is unfinished (MPQ-06).
 *
 * <p><b>Sample usage</b>: wait until child workers have handled every job.
 * {@snippet :
 * JoinableProcessQueue<String> jobs = new JoinableProcessQueue<>();
 * JvmProcess worker = new JvmProcess(() -> {
 *     try {
 *         for (;;) {
 *             handle(jobs.get());
 *             jobs.taskDone();
 *         }
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * });
 * worker.setDaemon(true);
 * worker.start();
 * for (String job : List.of("a", "b", "c")) {
 *     jobs.put(job);
 * }
 * jobs.join();        // every job has been handled
 * }
 *
 * <p><b>Memory consistency effects:</b> as {@link ProcessQueue}'s; in addition, actions prior
 * to {@code taskDone()} happen-before actions following a {@code join()} that returns because
 * of it, within one process; across processes, the process that returns from {@code join()}
 * knows that every {@code taskDone()} call has reached the queue.
 *
 * @param <E> the type of the items; they must be serializable
 */
public class JoinableProcessQueue<E> extends ProcessQueue<E> {

    private static final long serialVersionUID = 1L;

    /** Creates an unbounded queue owned by this process. */
    public JoinableProcessQueue() {
        super();
    }

    /** Creates a queue of at most {@code maxsize} items ({@code <= 0}: unbounded). */
    public JoinableProcessQueue(int maxsize) {
        super(maxsize);
    }

    JoinableProcessQueue(Access access, int maxsize) {
        super(access, maxsize);
    }

    /**
     * Marks one item taken from the queue as finished (Python's {@code task_done()}).
     *
     * @throws IllegalStateException if called more times than items were put ("task_done()
     *     called too many times"), or if this handle is closed
     * @throws UncheckedIOException if the owner process is gone
     */
    public void taskDone() {
        if (!taskDoneAt()) {
            throw new IllegalStateException("task_done() called too many times");
        }
    }

    /**
     * Waits until every item put has been marked done (Python's {@code join()}).
     *
     * @throws IllegalStateException if this handle is closed
     * @throws UncheckedIOException if the owner process is gone
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        joinAt();
    }
}
