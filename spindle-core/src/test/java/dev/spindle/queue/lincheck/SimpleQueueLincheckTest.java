package dev.spindle.queue.lincheck;

import dev.spindle.queue.SimpleQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lincheck: {@link SimpleQueue}'s operations are linearizable against a FIFO deque. */
@Timeout(300)
@Param(name = "item", gen = IntGen.class, conf = "1:4")
public class SimpleQueueLincheckTest {

    private final SimpleQueue<Integer> queue = new SimpleQueue<>();

    @Operation
    public void put(@Param(name = "item") int item) {
        queue.put(item);
    }

    @Operation
    public boolean offer(@Param(name = "item") int item) {
        return queue.offer(item);
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
    public boolean empty() {
        return queue.empty();
    }

    /** The sequential specification: Python's SimpleQueue over a deque. */
    public static final class Model {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();

        public void put(int item) {
            items.addLast(item);
        }

        public boolean offer(int item) {
            items.addLast(item);
            return true;
        }

        public String getNowait() {
            Integer item = items.pollFirst();
            return item == null ? "empty" : item.toString();
        }

        public String getTimed() {
            return getNowait();
        }

        public int qsize() {
            return items.size();
        }

        public boolean empty() {
            return items.isEmpty();
        }
    }

    @Test
    @DisplayName("SQUEUE-01: SimpleQueue's put, offer, getNowait, get(0), qsize and empty are linearizable (model checking)")
    void modelChecking() {
        QueueLincheckSizes.modelChecking(Model.class).check(getClass());
    }

    @Test
    @DisplayName("SQUEUE-01: SimpleQueue's put, offer, getNowait, get(0), qsize and empty are linearizable (stress)")
    void stress() {
        QueueLincheckSizes.stress(Model.class).check(getClass());
    }
}
