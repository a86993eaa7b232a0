package dev.spindle.multiprocessing.lincheck;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import dev.spindle.multiprocessing.JoinableProcessQueue;
import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.queue.QueueEmptyException;
import dev.spindle.queue.QueueFullException;
import dev.spindle.testing.LincheckSizes;
import java.time.Duration;
import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck: a {@link JoinableProcessQueue} used by several threads of its owner process is
 * linearizable against a plain bounded FIFO with task accounting. The non-blocking and
 * zero-timeout calls are checked (a wait that never ends cannot be linearized). Serialization of
 * the items ({@link Codec}) is a pure function of its argument, so model checking treats it as
 * one atomic step instead of exploring the JDK's serialization internals.
 */
@Param(name = "item", gen = IntGen.class, conf = "1:4")
@Timeout(300)
public class ProcessQueueLincheckTest {

    static final int MAXSIZE = 2;

    private final JoinableProcessQueue<Integer> queue = new JoinableProcessQueue<>(MAXSIZE);

    @Operation
    public String putNowait(@Param(name = "item") int item) {
        try {
            queue.putNowait(item);
            return "ok";
        } catch (QueueFullException e) {
            return "full";
        }
    }

    @Operation
    public String putTimed(@Param(name = "item") int item) throws InterruptedException {
        try {
            queue.put(item, Duration.ZERO);
            return "ok";
        } catch (QueueFullException e) {
            return "full";
        }
    }

    @Operation
    public String getNowait() {
        try {
            return String.valueOf(queue.getNowait());
        } catch (QueueEmptyException e) {
            return "empty";
        }
    }

    @Operation
    public String getTimed() throws InterruptedException {
        try {
            return String.valueOf(queue.get(Duration.ZERO));
        } catch (QueueEmptyException e) {
            return "empty";
        }
    }

    @Operation
    public int qsize() {
        return queue.qsize();
    }

    @Operation
    public boolean full() {
        return queue.full();
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

    /** The sequential specification: Python's multiprocessing.JoinableQueue, plainly. */
    public static class Model {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();
        private long unfinished;

        public String putNowait(int item) {
            if (items.size() >= MAXSIZE) {
                return "full";
            }
            items.add(item);
            unfinished++;
            return "ok";
        }

        public String putTimed(int item) {
            return putNowait(item);
        }

        public String getNowait() {
            return items.isEmpty() ? "empty" : String.valueOf(items.poll());
        }

        public String getTimed() {
            return getNowait();
        }

        public int qsize() {
            return items.size();
        }

        public boolean full() {
            return items.size() >= MAXSIZE;
        }

        public String taskDone() {
            if (unfinished == 0) {
                return "too many";
            }
            unfinished--;
            return "ok";
        }
    }

    @Test
    @DisplayName("MPQ-01 MPQ-02 MPQ-03 MPQ-05 MPQ-06: a JoinableProcessQueue's puts, gets, qsize, full and taskDone are linearizable within its owner (model checking)")
    void modelChecking() {
        LincheckSizes.modelChecking()
                .iterations(LincheckSizes.ITERATIONS)
                .invocationsPerIteration(Math.max(1, LincheckSizes.INVOCATIONS / 20))
                .addGuarantee(forClasses(Codec.class.getName()).allMethods().treatAsAtomic())
                .sequentialSpecification(Model.class)
                .check(getClass());
    }

    @Test
    @DisplayName("MPQ-01 MPQ-02 MPQ-03 MPQ-05 MPQ-06: a JoinableProcessQueue's puts, gets, qsize, full and taskDone are linearizable within its owner (stress)")
    void stress() {
        LincheckSizes.stress()
                .iterations(Math.max(1, LincheckSizes.ITERATIONS / 2))
                .invocationsPerIteration(Math.max(1, LincheckSizes.STRESS_INVOCATIONS / 10))
                .sequentialSpecification(Model.class)
                .check(getClass());
    }
}
