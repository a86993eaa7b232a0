package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.queue.Queue;
import dev.spindle.queue.QueueEmptyException;
import dev.spindle.queue.QueueFullException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The seed's bounded queue: {@code Queue(maxsize=3)} takes 'Python', 'PHP' and a third item, then
 * a fourth put blocks until a consumer thread takes one. Before that, the non-blocking and timed
 * puts show {@code QueueFullException}, Python's {@code queue.Full}.
 */
public final class QueueDemo implements Demo {

    /** How long the consumer waits to see the main thread blocked before it gives up. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public String title() {
        return "a Queue of 3: put, Full, a put that blocks until a consumer gets";
    }

    @Override
    public void run(PrintStream out, List<String> args) throws InterruptedException {
        Queue<String> q = new Queue<>(3);                 // queue.Queue(maxsize=3)
        out.println("q = Queue(maxsize=3)");
        for (String item : List.of("Python", "PHP", "Java")) {
            q.put(item);
            out.printf("put('%s')%s qsize=%d, full=%b%n", item, " ".repeat(8 - item.length()), q.qsize(), q.full());
        }
        try {
            q.putNowait("Go");                             // q.put_nowait('Go')
        } catch (QueueFullException e) {
            out.println("putNowait('Go')      -> QueueFullException: " + e.getMessage());
        }
        try {
            q.put("Go", Duration.ofMillis(100));           // q.put('Go', timeout=0.1)
        } catch (QueueFullException e) {
            out.println("put('Go', 100 ms)    -> QueueFullException: " + e.getMessage());
        }

        // The fourth put blocks. A consumer waits until it sees this thread parked, then gets.
        Thread main = Thread.currentThread();
        String[] taken = new String[1];
        Thread consumer = Thread.ofPlatform().name("consumer").daemon(true).start(() -> {
            boolean sawBlocked = awaitParked(main);
            out.println("  consumer: " + (sawBlocked ? "main is blocked in put('Go')" : "main did not block")
                    + "; calling get()");
            try {
                taken[0] = q.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        out.println("put('Go') on the full queue blocks until a consumer takes an item ...");
        q.put("Go");
        consumer.join();
        out.printf("put('Go') returned once the consumer got '%s'; qsize=%d%n", taken[0], q.qsize());

        StringBuilder drained = new StringBuilder("the rest, in FIFO order:");
        try {
            while (!q.empty()) {
                drained.append(" '").append(q.getNowait()).append('\'');
            }
        } catch (QueueEmptyException e) {
            throw new IllegalStateException("no other thread gets from this queue", e);
        }
        out.println(drained);
        out.println(q);
    }

    /** Polls {@code thread}'s state until it is parked (WAITING), for at most {@link #PATIENCE}. */
    private static boolean awaitParked(Thread thread) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (thread.getState() == Thread.State.WAITING) {
                return true;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
