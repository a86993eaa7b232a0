package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** API.md rule 1: every blocking call throws InterruptedException and leaves the queue as it was. */
@Timeout(60)
class QueueInterruptTest {

    private static void assertInterruptedWhileBlocked(BlockingCall<?> call) throws InterruptedException {
        BlockingCall<?> blocked = call.awaitBlocked();
        blocked.thread().interrupt();
        assertThat(blocked.failure()).isInstanceOf(InterruptedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("an interrupted put, timed put or timed offer on a full queue throws InterruptedException; nothing is added or counted")
    void interruptedPut(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(1);
        q.put(1);
        assertInterruptedWhileBlocked(BlockingCall.run("blocked", () -> q.put(2)));
        assertInterruptedWhileBlocked(BlockingCall.run("blocked", () -> q.put(3, Duration.ofSeconds(30))));
        assertInterruptedWhileBlocked(BlockingCall.start("blocked", () -> q.offer(4, 30, TimeUnit.SECONDS)));
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        assertThat(q.getNowait()).isEqualTo(1);
        q.put(5);                                 // the lock is free and the bound intact
        assertThat(q.full()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("an interrupted get, timed get, take or timed poll on an empty queue throws InterruptedException; a later put reaches the next getter")
    void interruptedGet(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(1);
        assertInterruptedWhileBlocked(BlockingCall.start("blocked", q::get));
        assertInterruptedWhileBlocked(BlockingCall.start("blocked", () -> q.get(Duration.ofSeconds(30))));
        assertInterruptedWhileBlocked(BlockingCall.start("blocked", q::take));
        assertInterruptedWhileBlocked(BlockingCall.start("blocked", () -> q.poll(30, TimeUnit.SECONDS)));
        assertThat(q.empty()).isTrue();
        BlockingCall<Integer> getter = BlockingCall.start("getter", q::get).awaitBlocked();
        q.put(7);
        assertThat(getter.result()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("an interrupted join() throws InterruptedException; the count is unchanged")
    void interruptedJoin(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        q.put(1);
        assertInterruptedWhileBlocked(BlockingCall.run("blocked", () -> q.join()));
        assertThat(q.unfinishedTasks()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("a thread already interrupted gets InterruptedException from a put or get that would block, and nothing changes")
    void alreadyInterrupted(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(1);
        q.put(1);
        BlockingCall<String> call = BlockingCall.start("interrupted", () -> {
            Thread.currentThread().interrupt();
            try {
                q.put(2);
                return "put returned";
            } catch (InterruptedException e) {
                // expected; the flag is cleared, as by every JDK blocking method
            }
            Thread.currentThread().interrupt();
            try {
                q.join();
                return "join returned";
            } catch (InterruptedException e) {
                return "both interrupted, flag " + Thread.currentThread().isInterrupted();
            }
        });
        assertThat(call.result()).isEqualTo("both interrupted, flag false");
        assertThat(q.qsize()).isEqualTo(1);
    }
}
