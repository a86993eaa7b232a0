package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** toString() shows the state in Python's words (API.md rule 7). */
class QueueToStringTest {

    @Test
    @DisplayName("Queue, LifoQueue and PriorityQueue show qsize, maxsize, unfinished tasks and shutdown")
    void boundedQueues() throws Exception {
        Queue<String> q = new Queue<>(3);
        assertThat(q).hasToString("Queue[qsize=0, maxsize=3, unfinished=0]");
        q.put("a");
        q.put("b");
        assertThat(q).hasToString("Queue[qsize=2, maxsize=3, unfinished=2]");
        q.get();
        assertThat(q).hasToString("Queue[qsize=1, maxsize=3, unfinished=2]");
        q.taskDone();
        q.shutdown();
        assertThat(q).hasToString("Queue[qsize=1, maxsize=3, unfinished=1, shut down]");

        LifoQueue<String> lifo = new LifoQueue<>();
        lifo.put("x");
        assertThat(lifo).hasToString("LifoQueue[qsize=1, maxsize=0, unfinished=1]");
        PriorityQueue<Integer> priority = new PriorityQueue<>(-1);
        assertThat(priority).hasToString("PriorityQueue[qsize=0, maxsize=-1, unfinished=0]");
    }

    @Test
    @DisplayName("SimpleQueue shows its qsize")
    void simpleQueue() {
        SimpleQueue<String> q = new SimpleQueue<>();
        q.put("a");
        q.put("b");
        assertThat(q).hasToString("SimpleQueue[qsize=2]");
    }
}
