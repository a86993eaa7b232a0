package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.threading.Threads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The seed's first examples with {@link Thread}: the main thread and two workers printing their
 * names, a subclass overriding {@code run}, {@code join}, a daemon thread, and {@code isAlive}
 * before and after.
 */
public final class ThreadsDemo implements Demo {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public String title() {
        return "the main thread, two workers, a subclass, join, a daemon, isAlive";
    }

    /** Python: class MyThread(threading.Thread): def run(self): ... */
    static final class Greeter extends Thread {
        private final PrintStream out;

        Greeter(String name, PrintStream out) {
            super(name);
            this.out = out;
        }

        @Override
        public void run() {
            out.println("  " + getName() + ": hello from a Thread subclass that overrides run()");
        }
    }

    @Override
    public void run(PrintStream out, List<String> args) throws InterruptedException {
        out.println("main thread: " + Threads.currentThread().getName()
                + " (Threads.mainThread() is " + Threads.mainThread().getName() + ")");

        // threading.Thread(target=worker, args=(n,), name=...)
        Thread a = Thread.ofPlatform().name("worker-A").unstarted(() -> work(out, 1));
        Thread b = Thread.ofPlatform().name("worker-B").unstarted(() -> work(out, 2));
        out.println("before start: worker-A isAlive=" + a.isAlive());
        a.start();
        a.join();   // one at a time, so the output reads in order
        b.start();
        b.join();
        out.println("after join:   worker-A isAlive=" + a.isAlive() + ", worker-B isAlive=" + b.isAlive());

        Greeter greeter = new Greeter("greeter", out);
        greeter.start();
        greeter.join();

        // daemon=True: the JVM does not wait for it at exit
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        Thread daemon = Thread.ofPlatform().name("heartbeat").daemon(true).start(() -> {
            running.countDown();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.await();
        out.println("daemon thread " + daemon.getName() + ": isDaemon=" + daemon.isDaemon() + ", isAlive=" + daemon.isAlive());
        daemon.join(Duration.ofMillis(10));
        out.println("join(10 ms) on a thread that keeps running returns with isAlive=" + daemon.isAlive());
        stop.countDown();
        daemon.join();
        out.println("after it is told to stop: isAlive=" + daemon.isAlive());
        try {
            a.start();
        } catch (IllegalThreadStateException e) {
            out.println("starting worker-A a second time: " + e.getClass().getSimpleName());
        }
    }

    private static void work(PrintStream out, int n) {
        out.println("  " + Thread.currentThread().getName() + ": working on task " + n);
    }
}
