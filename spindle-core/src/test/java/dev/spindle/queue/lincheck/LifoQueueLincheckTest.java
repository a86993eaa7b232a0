package dev.spindle.queue.lincheck;

import dev.spindle.queue.LifoQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lincheck: {@link LifoQueue}'s operations are linearizable against a LIFO model of queue.py (a stack). */
@Timeout(300)
public class LifoQueueLincheckTest extends BoundedQueueOperations {

    public LifoQueueLincheckTest() {
        super(new LifoQueue<>(MAXSIZE));
    }

    @Test
    @DisplayName("QUEUE-01 QUEUE-08 QUEUE-11 QUEUE-15 QUEUE-18 QUEUE-20: LifoQueue's puts, gets, qsize, taskDone and shutdown are linearizable (model checking)")
    void modelChecking() {
        QueueLincheckSizes.modelChecking(QueueModel.Lifo.class).check(getClass());
    }

    @Test
    @DisplayName("QUEUE-01 QUEUE-08 QUEUE-11 QUEUE-15 QUEUE-18 QUEUE-20: LifoQueue's puts, gets, qsize, taskDone and shutdown are linearizable (stress)")
    void stress() {
        QueueLincheckSizes.stress(QueueModel.Lifo.class).check(getClass());
    }
}
