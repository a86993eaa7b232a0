package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@link TaskKit} of executors that run tasks in this JVM: latches, a list, and threads as
 * workers. Its objects are serializable in type only (a thread pool never serializes a task), so
 * their state is {@code transient}.
 */
final class LocalTaskKit implements TaskKit {

    static final LocalTaskKit INSTANCE = new LocalTaskKit();

    private LocalTaskKit() {}

    @Override
    public Gate gate() {
        return new LocalGate();
    }

    @Override
    public Latch latch(int count) {
        return new LocalLatch(count);
    }

    @Override
    public <T> Log<T> log() {
        return new LocalLog<>();
    }

    @Override
    public Probe probe() {
        return new ThreadProbe();
    }

    @Override
    public void awaitGone(Object worker) throws InterruptedException {
        Thread t = (Thread) worker;
        t.join(Duration.ofSeconds(30));
        assertThat(t.isAlive()).as("%s ended", t).isFalse();
    }

    @Override
    public boolean sameJvm() {
        return true;
    }

    private static final class LocalGate implements Gate {
        @Serial
        private static final long serialVersionUID = 1L;
        private final transient CountDownLatch open = new CountDownLatch(1);

        @Override
        public void pass() throws InterruptedException {
            if (!open.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the test never opened the gate");
            }
        }

        @Override
        public void open() {
            open.countDown();
        }
    }

    private static final class LocalLatch implements Latch {
        @Serial
        private static final long serialVersionUID = 1L;
        private final transient CountDownLatch latch;

        LocalLatch(int count) {
            latch = new CountDownLatch(count);
        }

        @Override
        public void countDown() {
            latch.countDown();
        }

        @Override
        public boolean await(Duration timeout) throws InterruptedException {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static final class LocalLog<T> implements Log<T> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final transient List<T> items = new CopyOnWriteArrayList<>();

        @Override
        public void add(T item) {
            items.add(item);
        }

        @Override
        public List<T> snapshot() {
            return List.copyOf(items);
        }
    }

    private static final class ThreadProbe implements Probe {
        @Serial
        private static final long serialVersionUID = 1L;
        private static final ThreadLocal<Boolean> INITIALIZED = ThreadLocal.withInitial(() -> false);

        @Override
        public Object current() {
            return Thread.currentThread();
        }

        @Override
        public void markInitialized() {
            INITIALIZED.set(true);
        }

        @Override
        public boolean initialized() {
            return INITIALIZED.get();
        }
    }
}
