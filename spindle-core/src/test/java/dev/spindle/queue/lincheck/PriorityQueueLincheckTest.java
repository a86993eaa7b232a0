package dev.spindle.queue.lincheck;

import dev.spindle.queue.PriorityQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck: {@link PriorityQueue}'s operations are linearizable against a model of a priority
 * heap whose equal priorities leave in FIFO order (items 2 and 3 share a priority).
 */
@Timeout(300)
public class PriorityQueueLincheckTest extends BoundedQueueOperations {

    public PriorityQueueLincheckTest() {
        super(new PriorityQueue<>(MAXSIZE, new QueueModel.ByHalf()));
    }

    @Test
    @DisplayName("QUEUE-01 QUEUE-08 QUEUE-11 QUEUE-15 QUEUE-18 QUEUE-20: PriorityQueue's puts, gets, qsize, taskDone and shutdown are linearizable (model checking)")
    void modelChecking() {
        QueueLincheckSizes.modelChecking(QueueModel.Priority.class).check(getClass());
    }

    @Test
    @DisplayName("QUEUE-01 QUEUE-08 QUEUE-11 QUEUE-15 QUEUE-18 QUEUE-20: PriorityQueue's puts, gets, qsize, taskDone and shutdown are linearizable (stress)")
    void stress() {
        QueueLincheckSizes.stress(QueueModel.Priority.class).check(getClass());
    }
}
