package dev.spindle.queue.lincheck;

import dev.spindle.queue.Queue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lincheck: {@link Queue}'s operations are linearizable against a plain FIFO model of queue.py. */
@Timeout(300)
public class QueueLincheckTest extends BoundedQueueOperations {

    public QueueLincheckTest() {
        super(new Queue<>(MAXSIZE));
    }

    @Test
    @DisplayName("QUEUE-01 QUEUE-08 QUEUE-11 QUEUE-15 QUEUE-18 QUEUE-20: Queue's puts, gets, qsize, taskDone and shutdown are linearizable (model checking)")
    void modelChecking() {
        QueueLincheckSizes.modelChecking(QueueModel.Fifo.class).check(getClass());
    }

    @Test
    @DisplayName("QUEUE-01 QUEUE-08 QUEUE-11 QUEUE-15 QUEUE-18 QUEUE-20: Queue's puts, gets, qsize, taskDone and shutdown are linearizable (stress)")
    void stress() {
        QueueLincheckSizes.stress(QueueModel.Fifo.class).check(getClass());
    }
}
