package dev.spindle.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** taskDone(), join() and unfinishedTasks(), and how the JDK's methods count. */
@Timeout(60)
class QueueTaskAccountingTest {

    private static final String TOO_MANY = "task_done() called too many times";

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-11: taskDone() more times than items were put raises IllegalStateException, on a new queue and after a join()")
    void tooManyTaskDone(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class).hasMessage(TOO_MANY);

        q.put(1);
        q.put(2);
        q.get();
        q.taskDone();
        q.get();
        q.taskDone();
        q.join();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class).hasMessage(TOO_MANY);
        assertThat(q.unfinishedTasks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-12: join() blocks until taskDone() was called for every put; the sum is complete; join() repeats")
    void joinWaitsForEveryTask(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        AtomicInteger sum = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(Thread.ofPlatform().name("worker-" + w).daemon(true).start(() -> {
                try {
                    for (;;) {
                        int x = q.get();
                        if (x < 0) {
                            q.taskDone();
                            return;
                        }
                        sum.addAndGet(x);
                        q.taskDone();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        q.join();                                // nothing put: returns at once
        for (int round = 0; round < 2; round++) {
            sum.set(0);
            for (int i = 0; i < 100; i++) {
                q.put(i);
            }
            q.join();
            assertThat(sum.get()).as("round %d", round).isEqualTo(4950);
            assertThat(q.unfinishedTasks()).isZero();
        }
        for (int w = 0; w < workers.size(); w++) {
            q.put(-1);
        }
        q.join();
        for (Thread worker : workers) {
            worker.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-12: join() really blocks while one task is unfinished, and the last taskDone() releases it")
    void joinBlocksUntilTheLastTaskDone(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        q.put(1);
        q.put(2);
        q.get();
        q.get();
        q.taskDone();
        BlockingCall<Void> joiner = BlockingCall.run("joiner", () -> q.join()).awaitBlocked();
        q.taskDone();
        joiner.result();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("QUEUE-15: unfinishedTasks() rises by one per put and equals qsize() before any taskDone()")
    void unfinishedTasksCountsPuts(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(10);
        for (int i = 1; i <= 5; i++) {
            q.put(i);
            assertThat(q.unfinishedTasks()).isEqualTo(i).isEqualTo(q.qsize());
        }
        q.get();
        assertThat(q.unfinishedTasks()).as("get() does not lower it").isEqualTo(5);
        q.taskDone();
        assertThat(q.unfinishedTasks()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("offer and add count like put; take, poll, remove() and drainTo count like get")
    void jdkMethodsCountLikePythonOnes(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(10);
        assertThat(q.offer(1)).isTrue();
        assertThat(q.offer(2, 1, TimeUnit.SECONDS)).isTrue();
        assertThat(q.add(3)).isTrue();
        assertThat(q.addAll(List.of(4, 5, 6))).isTrue();
        assertThat(q.unfinishedTasks()).isEqualTo(6);

        q.take();
        q.poll();
        q.poll(1, TimeUnit.SECONDS);
        q.remove();
        List<Integer> sink = new ArrayList<>();
        assertThat(q.drainTo(sink)).isEqualTo(2);
        assertThat(q.empty()).isTrue();
        assertThat(q.unfinishedTasks()).as("items handed out still await taskDone()").isEqualTo(6);

        BlockingCall<Void> joiner = BlockingCall.run("joiner", () -> q.join()).awaitBlocked();
        for (int i = 0; i < 6; i++) {
            q.taskDone();
        }
        joiner.result();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("remove(Object), clear(), removeIf and the iterator's remove() discard items and count them as done, never below zero")
    void discardedItemsCountAsDone(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        assertThat(q.remove(Integer.valueOf(3))).isTrue();
        assertThat(q.unfinishedTasks()).isEqualTo(9);
        assertThat(q.removeIf(x -> x % 2 == 0)).isTrue();       // 0 2 4 6 8
        assertThat(q.unfinishedTasks()).isEqualTo(4);
        Iterator<Integer> it = q.iterator();
        it.next();
        it.remove();
        assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
        assertThat(q.qsize()).isEqualTo(3);
        assertThat(q.unfinishedTasks()).isEqualTo(3);

        // One item taken and marked done early: the count is below qsize(), and clear() stops at zero.
        q.getNowait();
        q.taskDone();
        q.taskDone();
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        q.clear();
        assertThat(q.qsize()).isZero();
        assertThat(q.unfinishedTasks()).isZero();
        q.join();                                // returns: nothing is left to wait for
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueKind.class)
    @DisplayName("clear() releases a join() waiting for items that no consumer will ever see")
    void clearReleasesJoin(QueueKind kind) throws Exception {
        Queue<Integer> q = kind.create(0);
        q.put(1);
        q.put(2);
        BlockingCall<Void> joiner = BlockingCall.run("joiner", () -> q.join()).awaitBlocked();
        q.clear();
        joiner.result();
        assertThat(q.unfinishedTasks()).isZero();
    }
}
