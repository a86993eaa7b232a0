package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Python 3.13's shutdown(immediate), on all three queues. */
@Timeout(60)
class QueueShutdownTest {

    private static final String PUT_REFUSED = " is shut down: no more items may be put";
    private static final String GET_REFUSED = " is shut down and empty";

    private static String name(Queue<?> q) {
        return q.getClass().getSimpleName();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-17: isShutdown() is false at first, true after; shutdown(), shutdown(true), shutdown(false) are all allowed")
    void allowedTransitions(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        assertThat(q.isShutdown()).isFalse();
        q.put(1);
        q.shutdown();
        assertThat(q.isShutdown()).isTrue();
        assertThat(q.qsize()).as("shutdown() keeps the items").isEqualTo(1);
        q.shutdown(true);
        assertThat(q.isShutdown()).isTrue();
        assertThat(q.qsize()).as("a later shutdown(true) still discards them").isZero();
        q.shutdown(false);
        assertThat(q.isShutdown()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-18: after shutdown every put raises ShutDown; get raises it only once the queue is also empty")
    void putFailsGetDrains(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(5);
        q.put(1);
        q.shutdown();
        String putRefused = name(q) + PUT_REFUSED;
        assertThatThrownBy(() -> q.put(2)).isInstanceOf(QueueShutDownException.class).hasMessage(putRefused);
        assertThatThrownBy(() -> q.put(2, Duration.ofSeconds(1))).isInstanceOf(QueueShutDownException.class).hasMessage(putRefused);
        assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(QueueShutDownException.class).hasMessage(putRefused);
        assertThatThrownBy(() -> q.offer(2)).isInstanceOf(QueueShutDownException.class).hasMessage(putRefused);
        assertThatThrownBy(() -> q.offer(2, 1, TimeUnit.SECONDS)).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(() -> q.add(2)).isInstanceOf(QueueShutDownException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.unfinishedTasks()).isEqualTo(1);

        assertThat(q.get()).isEqualTo(1);
        assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class).hasMessage(name(q) + GET_REFUSED);
        assertThat(new QueueShutDownException("x")).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-19: after shutdown(false) queued items can still be got and marked done; once empty every get raises ShutDown")
    void nonImmediateShutdownLetsConsumersFinish(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(3);
        q.put(1);
        q.put(2);
        q.put(3);
        q.shutdown(false);
        List<Integer> got = new ArrayList<>();
        got.add(q.get());
        got.add(q.getNowait());
        got.add(q.get(Duration.ofSeconds(1)));
        assertThat(got).containsExactlyInAnyOrder(1, 2, 3);
        q.taskDone();
        q.taskDone();
        q.taskDone();
        q.join();
        String refused = name(q) + GET_REFUSED;
        assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class).hasMessage(refused);
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class).hasMessage(refused);
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(1))).isInstanceOf(QueueShutDownException.class).hasMessage(refused);
        assertThatThrownBy(q::take).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(q::poll).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(() -> q.poll(1, TimeUnit.SECONDS)).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(q::remove).isInstanceOf(QueueShutDownException.class);
        assertThat(q.peek()).isNull();
        assertThat(q.drainTo(new ArrayList<>())).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-20: shutdown(true) empties the queue, gets raise ShutDown at once, the count drops so join() returns, and a further taskDone() fails")
    void immediateShutdownDiscards(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(5);
        q.put(1);
        q.put(2);
        q.put(3);
        q.get();                                 // handed out, not yet done
        assertThat(q.unfinishedTasks()).isEqualTo(3);
        q.shutdown(true);
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).as("dropped by the 2 discarded").isEqualTo(1);
        assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class);
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
        q.taskDone();                            // for the item handed out
        q.join();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                .hasMessage("task_done() called too many times");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-21: shutdown(false) wakes a getter blocked on an empty queue with ShutDown")
    void pendingGetWakes(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        BlockingCall<Integer> getter = BlockingCall.start("getter", q::get).awaitBlocked();
        BlockingCall<Integer> timedGetter = BlockingCall.start("timed getter", () -> q.get(Duration.ofSeconds(30))).awaitBlocked();
        BlockingCall<Integer> taker = BlockingCall.start("taker", q::take).awaitBlocked();
        long start = System.nanoTime();
        q.shutdown(false);
        assertThat(getter.failure()).isInstanceOf(QueueShutDownException.class).hasMessage(name(q) + GET_REFUSED);
        assertThat(timedGetter.failure()).isInstanceOf(QueueShutDownException.class);
        assertThat(taker.failure()).isInstanceOf(QueueShutDownException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-22: put on a full shut-down queue raises ShutDown, not Full; putters already blocked wake with ShutDown")
    void blockedPuttersWake(QueueKind kind) throws Exception {
        for (boolean immediate : new boolean[] {false, true}) {
            Queue<Integer> q = kind.create(2);
            q.put(1);
            q.put(2);
            BlockingCall<Void> putter = BlockingCall.run("putter", () -> q.put(3)).awaitBlocked();
            BlockingCall<Void> timedPutter = BlockingCall.run("timed putter", () -> q.put(4, Duration.ofSeconds(30))).awaitBlocked();
            q.shutdown(immediate);
            assertThat(putter.failure()).isInstanceOf(QueueShutDownException.class).hasMessage(name(q) + PUT_REFUSED);
            assertThat(timedPutter.failure()).isInstanceOf(QueueShutDownException.class);
            if (!immediate) {
                assertThat(q.full()).isTrue();
                assertThatThrownBy(() -> q.putNowait(5)).as("shutdown is checked before fullness")
                        .isInstanceOf(QueueShutDownException.class);
            }
            assertThat(q).doesNotContain(3, 4, 5);
            assertThat(q.unfinishedTasks()).isEqualTo(immediate ? 0 : 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-23: 2 items and 3 getters after shutdown(false): exactly 2 get items and 1 gets ShutDown; after shutdown(true) both getters get ShutDown")
    void getterRace(QueueKind kind) throws Exception {
        for (boolean immediate : new boolean[] {false, true}) {
            Queue<String> q = kind.create(2);
            q.put("Y");
            q.put("D");
            CountDownLatch go = new CountDownLatch(1);
            int getters = immediate ? 2 : 3;
            List<BlockingCall<String>> calls = new ArrayList<>();
            for (int i = 0; i < getters; i++) {
                calls.add(BlockingCall.start("getter-" + i, () -> {
                    go.await();
                    return q.get();
                }));
            }
            q.shutdown(immediate);
            go.countDown();
            List<String> items = new ArrayList<>();
            int shutDown = 0;
            for (BlockingCall<String> call : calls) {
                try {
                    items.add(call.result());
                } catch (AssertionError e) {
                    assertThat(e.getCause()).isInstanceOf(QueueShutDownException.class);
                    shutDown++;
                }
            }
            if (immediate) {
                assertThat(items).isEmpty();
                assertThat(shutDown).isEqualTo(2);
            } else {
                assertThat(items).containsExactlyInAnyOrder("Y", "D");
                assertThat(shutDown).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-24: joiners return after shutdown(true), or after consumers mark the remaining items done after shutdown(false)")
    void joinDuringShutdown(QueueKind kind) throws Exception {
        // Immediate: the discarded item is counted as done.
        Queue<String> q = kind.create(0);
        q.put("Y");
        List<BlockingCall<Void>> joiners = startJoiners(q, 2);
        q.shutdown(true);
        for (BlockingCall<Void> joiner : joiners) {
            joiner.result();
        }

        // Not immediate: a consumer takes the item and marks it done.
        Queue<String> q2 = kind.create(2);
        q2.put("Y");
        q2.put("D");
        assertThat(q2.unfinishedTasks()).isEqualTo(q2.qsize());
        List<BlockingCall<Void>> joiners2 = startJoiners(q2, 2);
        BlockingCall<Void> putter = BlockingCall.run("putter", () -> q2.put("E")).awaitBlocked();
        q2.shutdown(false);
        assertThat(putter.failure()).isInstanceOf(QueueShutDownException.class);
        for (BlockingCall<Void> joiner : joiners2) {
            assertThat(joiner.thread().isAlive()).as("join() still waits for the queued items").isTrue();
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            got.add(q2.get());
            q2.taskDone();
        }
        assertThat(got).containsExactlyInAnyOrder("Y", "D");
        for (BlockingCall<Void> joiner : joiners2) {
            joiner.result();
        }
        assertThatThrownBy(q2::getNowait).isInstanceOf(QueueShutDownException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-24: after shutdown(true) a join() still waits for items already handed out, until their taskDone()")
    void immediateShutdownJoinWaitsForHandedOutItems(QueueKind kind) throws Exception {
        Queue<String> q = kind.create(2);
        q.put("Y");
        q.put("D");
        q.get();
        q.shutdown(true);
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        BlockingCall<Void> joiner = startJoiners(q, 1).getFirst();
        q.taskDone();
        joiner.result();
    }

    private static List<BlockingCall<Void>> startJoiners(Queue<?> q, int n) {
        List<BlockingCall<Void>> joiners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            joiners.add(BlockingCall.run("joiner-" + i, () -> q.join()).awaitBlocked());
        }
        return joiners;
    }
}
