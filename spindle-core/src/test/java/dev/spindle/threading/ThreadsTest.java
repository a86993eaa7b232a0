package dev.spindle.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spindle.testing.TestThread;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's THREAD patterns in their Java sense: {@link Thread} is Python's Thread, and
 * {@link Threads} holds the module functions.
 */
@Timeout(60)
class ThreadsTest {

    @Test
    @DisplayName("THREAD-01: an explicit name is kept")
    void name() throws Exception {
        Thread t = Thread.ofPlatform().name("A").unstarted(() -> {});
        assertThat(t.getName()).isEqualTo("A");
        Thread s = new Thread(() -> {}, "B");
        assertThat(s.getName()).isEqualTo("B");
    }

    @Test
    @DisplayName("THREAD-02: the default name is Thread-N")
    void defaultName() {
        assertThat(new Thread(() -> {}).getName()).matches("Thread-\\d+");
    }

    @Test
    @DisplayName("THREAD-03: a target with arguments: a list argument reaches the target unchanged")
    void targetWithArguments() throws Exception {
        List<String> args = List.of("a", "b");
        AtomicReference<List<String>> seen = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> seen.set(args));
        t.join();
        assertThat(seen.get()).isSameAs(args);
    }

    @Test
    @DisplayName("THREAD-04: threadId is positive once started, unique among running threads, and kept after the end")
    void ident() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        List<Long> ids = threads.stream().map(Thread::threadId).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive())
                .doesNotContain(Thread.currentThread().threadId());
        stop.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(threads.stream().map(Thread::threadId).toList()).isEqualTo(ids);
    }

    @Test
    @DisplayName("THREAD-06: a new thread inherits its creator's daemon flag unless set explicitly")
    void daemonInherited() throws Exception {
        assertThat(new Thread(() -> {}).isDaemon()).isEqualTo(Thread.currentThread().isDaemon());
        AtomicReference<Boolean> inherited = new AtomicReference<>();
        Thread daemon = Thread.ofPlatform().daemon(true).start(() -> inherited.set(new Thread(() -> {}).isDaemon()));
        daemon.join();
        assertThat(inherited.get()).isTrue();
        AtomicReference<Boolean> explicit = new AtomicReference<>();
        Thread daemon2 = Thread.ofPlatform().daemon(true).start(() -> {
            Thread t = new Thread(() -> {});
            t.setDaemon(false);
            explicit.set(t.isDaemon());
        });
        daemon2.join();
        assertThat(explicit.get()).isFalse();
    }

    @Test
    @DisplayName("THREAD-07 THREAD-10: start twice and setDaemon after start are IllegalThreadStateException")
    void misuse() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThatThrownBy(t::start).isInstanceOf(IllegalThreadStateException.class);
        assertThatThrownBy(() -> t.setDaemon(true)).isInstanceOf(IllegalThreadStateException.class);
        stop.countDown();
        t.join();
    }

    @Test
    @DisplayName("THREAD-11 THREAD-13 THREAD-14: isAlive over the lifecycle; join(timeout) returns while it runs; a negative timeout does not wait")
    void joinAndIsAlive() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().unstarted(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(t.isAlive()).isFalse();
        t.start();
        assertThat(t.isAlive()).isTrue();   // from the return of start()
        assertThat(t.join(Duration.ofMillis(10))).isFalse();
        assertThat(t.isAlive()).isTrue();
        assertThat(t.join(Duration.ofMillis(-5))).isFalse();
        stop.countDown();
        t.join();
        assertThat(t.isAlive()).isFalse();
        assertThat(t.join(Duration.ofMillis(-5))).isTrue();
        t.join();   // any number of times
    }

    @Test
    @DisplayName("THREAD-12: many threads may join the same thread at once")
    void joinFromManyThreads() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Thread target = Thread.ofPlatform().start(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<TestThread<Boolean>> joiners = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            joiners.add(TestThread.start("joiner-" + i, () -> {
                target.join();
                return target.isAlive();
            }));
        }
        for (TestThread<Boolean> j : joiners) {
            j.awaitBlocked();
        }
        stop.countDown();
        for (TestThread<Boolean> j : joiners) {
            assertThat(j.join()).isFalse();
        }
    }

    @Test
    @DisplayName("THREAD-15: Threads.enumerate never lists an unstarted thread or one whose join has returned")
    void enumerate() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Thread unstarted = Thread.ofPlatform().name("unstarted").unstarted(() -> {});
        Thread running = Thread.ofPlatform().name("running").start(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(Threads.enumerate()).contains(running, Thread.currentThread()).doesNotContain(unstarted);
        assertThat(Threads.activeCount()).isEqualTo(Threads.enumerate().size());
        stop.countDown();
        running.join();
        assertThat(Threads.enumerate()).doesNotContain(running);
        assertThat(Threads.currentThread()).isSameAs(Thread.currentThread());
    }

    @Test
    @DisplayName("THREAD-19: mainThread is the JVM's initial thread, named main, and not the current thread elsewhere")
    void mainThread() throws Exception {
        Thread main = Threads.mainThread();
        assertThat(main.getName()).isEqualTo("main");
        assertThat(TestThread.start("other", () -> Threads.currentThread() == Threads.mainThread()).join()).isFalse();
        assertThat(TestThread.start("other", Threads::mainThread).join()).isSameAs(main);
    }

    @Test
    @DisplayName("THREAD-21: an uncaught exception prints 'Exception in thread \"name\"' and the trace to stderr; join returns normally")
    void uncaughtDefaultOutput() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Thread t = Thread.ofPlatform().name("failing").start(() -> {
                throw new IllegalArgumentException("run failed");
            });
            t.join();
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("Exception in thread \"failing\"")
                .contains("java.lang.IllegalArgumentException: run failed")
                .contains("at dev.spindle.threading.ThreadsTest");
    }

    @Test
    @DisplayName("THREAD-23: the uncaught-exception handler can be replaced; it receives the thread and the exception")
    void customHandler() throws Exception {
        AtomicReference<Thread> seenThread = new AtomicReference<>();
        AtomicReference<Throwable> seenError = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("failing")
                .uncaughtExceptionHandler((thread, error) -> {
                    seenThread.set(thread);
                    seenError.set(error);
                })
                .unstarted(() -> {
                    throw new IllegalStateException("boom");
                });
        t.start();
        t.join();
        assertThat(seenThread.get()).isSameAs(t);
        assertThat(seenError.get()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    @DisplayName("THREAD-25: JVM exit waits for non-daemon threads and not for daemon threads")
    void exitWaitsForNonDaemon() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ExitProbe.class.getName())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the child JVM exits although a daemon thread blocks forever").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isZero();
        assertThat(out).contains("main done").contains("worker done");
        assertThat(out.indexOf("main done")).isLessThan(out.indexOf("worker done"));
        assertThat(out).doesNotContain("daemon done");
    }

    /** The child JVM of THREAD-25: main returns first, a non-daemon worker finishes later, a daemon never does. */
    public static final class ExitProbe {
        public static void main(String[] args) throws Exception {
            CountDownLatch mainDone = new CountDownLatch(1);
            Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    new CountDownLatch(1).await();
                    System.out.println("daemon done");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.ofPlatform().daemon(false).start(() -> {
                try {
                    mainDone.await();
                    Thread.sleep(100);   // the JVM must wait for this, after main has returned
                    System.out.println("worker done");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            System.out.println("main done");
            System.out.flush();
            mainDone.countDown();
        }
    }

    @Test
    @DisplayName("THREAD-27: unbounded recursion in a worker is a catchable StackOverflowError; the JVM goes on")
    void recursion() throws Exception {
        String result = TestThread.start("recursive", () -> {
            try {
                return String.valueOf(recurse(0));
            } catch (StackOverflowError e) {
                return "caught";
            }
        }).join();
        assertThat(result).isEqualTo("caught");
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    @DisplayName("a subclass overriding run() runs its own body (the seed's MyThread)")
    void subclass() throws Exception {
        AtomicReference<String> ran = new AtomicReference<>();
        Thread t = new Thread("custom") {
            @Override
            public void run() {
                ran.set(getName());
            }
        };
        t.start();
        t.join();
        assertThat(ran.get()).isEqualTo("custom");
    }
}
