package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.queue.Queue;
import dev.spindle.queue.QueueShutDownException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's producers and consumer: three producers put random numbers into a
 * {@code Queue(maxsize=1)} and one consumer gets them. The seed's loops run forever; here Python
 * 3.13's {@code shutdown()} stops them after a second: blocked producers wake with
 * {@link QueueShutDownException} and the consumer drains what is left, then gets it too. Then the
 * {@code join()} variant: each producer puts five items, the consumer marks each one done with
 * {@code taskDone()}, and {@code join()} returns once all fifteen are processed.
 */
public final class ProducerConsumerDemo implements Demo {

    /** How long the first part runs unless {@code --seconds=N} says otherwise. */
    private static final Duration DEFAULT_RUN = Duration.ofSeconds(1);

    /** The longest any thread may take to stop once told; beyond it the demo fails instead of hanging. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static final int PRODUCERS = 3;
    private static final int ITEMS_EACH = 5;

    @Override
    public String name() {
        return "producer-consumer";
    }

    @Override
    public String title() {
        return "three producers, one consumer, Queue(maxsize=1); shutdown() and join()";
    }

    @Override
    public void run(PrintStream out, List<String> args) throws InterruptedException {
        Duration runFor = args.stream().filter(a -> a.startsWith("--seconds="))
                .map(a -> Duration.ofSeconds(Long.parseLong(a.substring("--seconds=".length()))))
                .findFirst().orElse(DEFAULT_RUN);
        runUntilShutdown(out, runFor);
        runUntilJoined(out);
    }

    private static void runUntilShutdown(PrintStream out, Duration runFor) throws InterruptedException {
        Queue<Integer> q = new Queue<>(1);
        out.printf("Part 1: %d producers and a consumer share Queue(maxsize=1) for %d s, then shutdown()%n",
                PRODUCERS, runFor.toSeconds());
        long[] produced = new long[PRODUCERS];
        AtomicLong consumed = new AtomicLong();
        AtomicLong sumPut = new AtomicLong();
        AtomicLong sumGot = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int me = p;
            threads.add(Thread.ofPlatform().name("producer-" + (p + 1)).daemon(true).start(() -> {
                try {
                    for (;;) {                                   // while True:
                        int item = ThreadLocalRandom.current().nextInt(1, 100);
                        q.put(item);                             //     q.put(random.randint(1, 99))
                        produced[me]++;
                        sumPut.addAndGet(item);
                    }
                } catch (QueueShutDownException | InterruptedException stop) {
                    // shut down: stop producing
                }
            }));
        }
        threads.add(Thread.ofPlatform().name("consumer").daemon(true).start(() -> {
            try {
                for (;;) {                                       // while True:
                    int item = q.get();                          //     item = q.get()
                    consumed.incrementAndGet();
                    sumGot.addAndGet(item);
                }
            } catch (QueueShutDownException | InterruptedException stop) {
                // shut down and drained: stop consuming
            }
        }));
        Thread.sleep(runFor);
        q.shutdown();
        joinAll(threads);
        for (int p = 0; p < PRODUCERS; p++) {
            out.printf("  producer-%d put %d items, then got QueueShutDownException%n", p + 1, produced[p]);
        }
        long put = 0;
        for (long n : produced) {
            put += n;
        }
        out.printf("  consumer got %d items, then QueueShutDownException once the queue was empty%n", consumed.get());
        out.printf("  moved %d items; every item put was got: %b%n", consumed.get(),
                put == consumed.get() && sumPut.get() == sumGot.get());
    }

    private static void runUntilJoined(PrintStream out) throws InterruptedException {
        Queue<Integer> q = new Queue<>(1);
        out.printf("Part 2: %d producers put %d items each; the consumer calls taskDone() for each; join() waits%n",
                PRODUCERS, ITEMS_EACH);
        AtomicLong processed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        Thread consumer = Thread.ofPlatform().name("consumer").daemon(true).start(() -> {
            try {
                for (;;) {
                    q.get();
                    processed.incrementAndGet();                 // "process" the item
                    q.taskDone();                                //     q.task_done()
                }
            } catch (QueueShutDownException | InterruptedException stop) {
                // shut down after join(): stop consuming
            }
        });
        for (int p = 0; p < PRODUCERS; p++) {
            int me = p;
            threads.add(Thread.ofPlatform().name("producer-" + (p + 1)).daemon(true).start(() -> {
                try {
                    for (int i = 0; i < ITEMS_EACH; i++) {
                        q.put(me * ITEMS_EACH + i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        joinAll(threads);                                        // every item is in or through
        q.join();                                                // q.join()
        out.printf("  join() returned after %d of %d items were processed; unfinishedTasks=%d%n",
                processed.get(), PRODUCERS * ITEMS_EACH, q.unfinishedTasks());
        q.shutdown();
        joinAll(List.of(consumer));
        out.println("  " + q);
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            if (!thread.join(PATIENCE)) {
                throw new IllegalStateException(thread.getName() + " did not stop within " + PATIENCE);
            }
        }
    }
}
