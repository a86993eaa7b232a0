package dev.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The queue demos run, end by themselves and print what they claim. */
@Timeout(60)
class QueueDemosTest {

    @Test
    @DisplayName("queue: three puts fill a Queue(maxsize=3), Full without waiting and after a timeout, a fourth put blocks until a consumer gets")
    void queue() throws Exception {
        String out = DemosTest.run("queue");
        assertThat(out).containsSubsequence(
                "q = Queue(maxsize=3)",
                "put('Python')   qsize=1, full=false",
                "put('PHP')      qsize=2, full=false",
                "put('Java')     qsize=3, full=true",
                "putNowait('Go')      -> QueueFullException: Queue is full (maxsize=3)",
                "put('Go', 100 ms)    -> QueueFullException: Queue is still full after PT0.1S (maxsize=3)",
                "put('Go') on the full queue blocks until a consumer takes an item ...",
                "  consumer: main is blocked in put('Go'); calling get()",
                "put('Go') returned once the consumer got 'Python'; qsize=3",
                "the rest, in FIFO order: 'PHP' 'Java' 'Go'",
                "Queue[qsize=0, maxsize=3, unfinished=4]");
    }

    @Test
    @DisplayName("producer-consumer: stops by itself after shutdown() with every item put also got, then join() waits for all 15 items")
    void producerConsumer() throws Exception {
        long start = System.nanoTime();
        String out = DemosTest.run("producer-consumer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));

        assertThat(out).contains("Part 1: 3 producers and a consumer share Queue(maxsize=1) for 1 s, then shutdown()");
        long put = 0;
        Matcher producers = Pattern.compile("  producer-(\\d) put (\\d+) items, then got QueueShutDownException").matcher(out);
        int count = 0;
        while (producers.find()) {
            count++;
            put += Long.parseLong(producers.group(2));
        }
        assertThat(count).isEqualTo(3);
        Matcher consumer = Pattern.compile("  consumer got (\\d+) items, then QueueShutDownException once the queue was empty").matcher(out);
        assertThat(consumer.find()).isTrue();
        long got = Long.parseLong(consumer.group(1));
        assertThat(got).isPositive().isEqualTo(put);
        assertThat(out).contains("  moved " + got + " items; every item put was got: true");

        assertThat(out).containsSubsequence(
                "Part 2: 3 producers put 5 items each; the consumer calls taskDone() for each; join() waits",
                "  join() returned after 15 of 15 items were processed; unfinishedTasks=0",
                "  Queue[qsize=0, maxsize=1, unfinished=0, shut down]");
    }
}
