package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.futures.Future;
import dev.spindle.futures.ThreadPoolExecutor;
import dev.spindle.threading.Barrier;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The seed's {@code threading.local()} program on a 2-worker {@link ThreadPoolExecutor}: with a
 * {@link ThreadLocal}, each worker thread keeps its own running sum, and keeps it from one task to
 * the next, because pool threads are reused.
 */
public final class ThreadLocalDemo implements Demo {

    @Override
    public String name() {
        return "thread-local";
    }

    @Override
    public String title() {
        return "threading.local() as ThreadLocal: each pool worker keeps its own running sum";
    }

    /** Python's {@code mydata = threading.local()}; {@code mydata.x} starts unset. */
    private final ThreadLocal<Integer> mydata = new ThreadLocal<>();

    /** The seed's action(max): adds 0 .. max-1 to this thread's own x, printing each step. */
    private Void action(PrintStream out, int max, Barrier together) throws Exception {
        together.await(Duration.ofSeconds(10));  // both tasks run at once, one on each worker
        for (int i = 0; i < max; i++) {
            Integer x = mydata.get();
            mydata.set(x == null ? i : x + i);   // try: mydata.x += i  except: mydata.x = i
            out.println("  " + Thread.currentThread().getName() + " mydata.x = " + mydata.get());
        }
        return null;
    }

    @Override
    public void run(PrintStream out, List<String> args) throws Exception {
        try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(2).threadNamePrefix("pool").build()) {
            for (int round = 1; round <= 2; round++) {
                out.println(round == 1 ? "round 1: action(10) twice; each worker sums into its own x"
                        : "round 2: action(10) twice again; each worker's x carries on from 45");
                Barrier together = new Barrier(2);
                Future<Void> a = pool.submit(() -> action(out, 10, together));
                Future<Void> b = pool.submit(() -> action(out, 10, together));
                a.result();
                b.result();
            }
        }
        out.println("pool threads are reused, and so is their ThreadLocal: call remove() when a task is done"
                + " with it, or use virtualThreads(true) to give every task a fresh thread");
    }
}
