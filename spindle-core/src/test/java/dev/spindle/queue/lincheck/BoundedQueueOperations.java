package dev.spindle.queue.lincheck;

import dev.spindle.queue.Queue;
import java.time.Duration;
import org.jetbrains.lincheck.datastructures.BooleanGen;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The Lincheck operations shared by {@link Queue}, {@code LifoQueue} and {@code PriorityQueue}:
 * the non-blocking and zero-timeout puts and gets (which take the two code paths, with and
 * without waiting), qsize, task accounting and shutdown, on a queue of {@link #MAXSIZE} so that
 * "full" happens. Each outcome is a string so that a model ({@link QueueModel}) can be compared
 * with it. Blocking calls are left out: a wait that never ends cannot be linearized, and the
 * blocking paths are the timed paths with a longer wait.
 */
@Param(name = "item", gen = IntGen.class, conf = "1:4")
@Param(name = "immediate", gen = BooleanGen.class)
public abstract class BoundedQueueOperations {

    /** The bound of every queue under test. */
    public static final int MAXSIZE = 2;

    private final Queue<Integer> queue;

    protected BoundedQueueOperations(Queue<Integer> queue) {
        this.queue = queue;
    }

    @Operation
    public String putNowait(@Param(name = "item") int item) {
        return Outcomes.ofPut(() -> queue.putNowait(item));
    }

    @Operation
    public String putTimed(@Param(name = "item") int item) {
        return Outcomes.ofPut(() -> queue.put(item, Duration.ZERO));
    }

    @Operation
    public String getNowait() {
        return Outcomes.of(queue::getNowait);
    }

    @Operation
    public String getTimed() {
        return Outcomes.of(() -> queue.get(Duration.ZERO));
    }

    @Operation
    public int qsize() {
        return queue.qsize();
    }

    @Operation
    public long unfinishedTasks() {
        return queue.unfinishedTasks();
    }

    @Operation
    public String taskDone() {
        try {
            queue.taskDone();
            return "ok";
        } catch (IllegalStateException e) {
            return "too many";
        }
    }

    @Operation
    public void shutdown(@Param(name = "immediate") boolean immediate) {
        queue.shutdown(immediate);
    }
}
