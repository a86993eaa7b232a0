package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A queue keeps no reference to an item it has handed out (CPython's test_references), so the
 * item can be collected once the consumer drops it.
 */
@Timeout(60)
class QueueReferenceTest {

    static Stream<Arguments> queues() {
        return Stream.of(
                Arguments.of("SimpleQueue", (Supplier<BlockingQueue<Object>>) SimpleQueue::new),
                Arguments.of("Queue", (Supplier<BlockingQueue<Object>>) () -> new Queue<>(4)),
                Arguments.of("LifoQueue", (Supplier<BlockingQueue<Object>>) () -> new LifoQueue<>(4)),
                Arguments.of("PriorityQueue", (Supplier<BlockingQueue<Object>>) () -> new PriorityQueue<>(4,
                        (a, b) -> Integer.compare(System.identityHashCode(a), System.identityHashCode(b)))));
    }

    /** Puts a fresh item and a second one, takes one back, and returns weak references to both. */
    @SuppressWarnings("unchecked")
    private static WeakReference<Object>[] putTwoTakeOne(BlockingQueue<Object> q) throws InterruptedException {
        Object first = new Object();
        Object second = new Object();
        q.put(first);
        q.put(second);
        Object taken = q.take();
        Object kept = taken == first ? second : first;
        return new WeakReference[] {new WeakReference<>(taken), new WeakReference<>(kept)};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    @DisplayName("SQUEUE-04 (references): once get returns an item, the queue no longer keeps it reachable; an item still queued stays")
    void takenItemsCanBeCollected(String name, Supplier<BlockingQueue<Object>> factory) throws Exception {
        BlockingQueue<Object> q = factory.get();
        WeakReference<Object>[] refs = putTwoTakeOne(q);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return refs[0].get() == null;
        });
        assertThat(refs[1].get()).as("the item still queued is reachable through the queue").isNotNull();
        assertThat(q).hasSize(1).containsExactly(refs[1].get());
    }
}
