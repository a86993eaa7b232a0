package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spindle.testing.TestThread;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python's {@code threading.local} is {@link ThreadLocal}; the LOCAL items in their Java sense. */
@Timeout(30)
class ThreadLocalTest {

    @Test
    @DisplayName("LOCAL-01: a value set in thread A is missing in thread B")
    void isolated() throws Exception {
        ThreadLocal<String> local = new ThreadLocal<>();
        local.set("A's");
        assertThat(TestThread.start("B", local::get).join()).isNull();
        assertThat(local.get()).isEqualTo("A's");
    }

    /** Python: class MyLocal(threading.local) with its own initial value. */
    static final class Counter extends ThreadLocal<int[]> {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    }

    @Test
    @DisplayName("LOCAL-02: a ThreadLocal subclass is isolated per thread in the same way")
    void subclassIsolated() throws Exception {
        Counter counter = new Counter();
        counter.get()[0] = 5;
        assertThat(TestThread.start("B", () -> {
            counter.get()[0] += 1;
            return counter.get()[0];
        }).join()).isEqualTo(1);
        assertThat(counter.get()[0]).isEqualTo(5);
    }

    @Test
    @DisplayName("LOCAL-05: the initializer runs again, with its captured arguments, the first time each thread uses the local")
    void initializerPerThread() throws Exception {
        AtomicInteger inits = new AtomicInteger();
        String argument = "start";
        ThreadLocal<StringBuilder> local = ThreadLocal.withInitial(() -> {
            inits.incrementAndGet();
            return new StringBuilder(argument);
        });
        local.get().append("-main");
        local.get();
        String b = TestThread.start("B", () -> local.get().append("-B").toString()).join();
        assertThat(b).isEqualTo("start-B");
        assertThat(local.get()).hasToString("start-main");
        assertThat(inits).hasValue(2);
    }

    @Test
    @DisplayName("LOCAL-06: a thread's values are released when it ends")
    void releasedAtExit() throws Exception {
        ThreadLocal<Object> local = new ThreadLocal<>();
        AtomicReference<WeakReference<Object>> ref = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            Object value = new Object();
            local.set(value);
            ref.set(new WeakReference<>(value));
        });
        t.join();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return ref.get().get() == null;
        });
        assertThat(t.isAlive()).isFalse();   // the Thread object itself is still referenced here
    }
}
