package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.futures.CloseableIterator;
import dev.spindle.futures.Future;
import dev.spindle.futures.ThreadPoolExecutor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The seed's thread-pool program: {@code action(50)} and {@code action(100)} submitted to a
 * 2-worker {@link ThreadPoolExecutor}, {@code done()} before and after, {@code result()}, a done
 * callback, {@code map}, and the pool closed by try-with-resources (Python's {@code with}).
 */
public final class PoolDemo implements Demo {

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public String title() {
        return "ThreadPoolExecutor: submit, done(), result(), a done callback, map, closed by try-with-resources";
    }

    /** The seed's action(max): the sum of 0 .. max-1, computed on a pool thread. */
    static int action(PrintStream out, int max) {
        int sum = 0;
        for (int i = 0; i < max; i++) {
            sum += i;
        }
        out.println("  " + Thread.currentThread().getName() + ": action(" + max + ") = " + sum);
        return sum;
    }

    @Override
    public void run(PrintStream out, List<String> args) throws Exception {
        // The seed's tasks are slow enough that done() is false right after submit; here they
        // wait for a gate instead, so that it is false every time.
        CountDownLatch gate = new CountDownLatch(1);
        // with ThreadPoolExecutor(max_workers=2) as pool:
        ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(2).threadNamePrefix("pool").build();
        try (pool) {
            Future<Integer> future1 = pool.submit(() -> {
                gate.await();
                return action(out, 50);
            });
            Future<Integer> future2 = pool.submit(() -> {
                gate.await();
                return action(out, 100);
            });
            out.println("submitted action(50) and action(100) to a pool of " + pool.maxWorkers() + " workers");
            out.println("future1.done() right after submit: " + future1.done());

            // add_done_callback: runs on the pool thread when the task ends
            CountDownLatch calledBack = new CountDownLatch(1);
            future2.addDoneCallback(f -> {
                out.println("  callback: " + f + ", result " + f.resultNow());
                calledBack.countDown();
            });
            gate.countDown();
            int result1 = future1.result();
            int result2 = future2.result();
            calledBack.await();
            out.println("future1.result() = " + result1 + ", future2.result() = " + result2);
            out.println("future2.done() after result(): " + future2.done());
            // on a future that is already done, the callback runs at once, in this thread
            future1.addDoneCallback(f -> out.println("callback on a done future, in "
                    + Thread.currentThread().getName() + ": " + f));

            // results = pool.map(action, (50, 100, 150))
            List<Integer> results = new ArrayList<>();
            try (CloseableIterator<Integer> it = pool.map(max -> action(out, max), List.of(50, 100, 150))) {
                it.forEachRemaining(results::add);
            }
            out.println("map(action, [50, 100, 150]) = " + results + " (in input order)");
            out.println("before the try block ends: " + pool);
        }   // leaving the block calls close(), Python's shutdown(wait=True)
        out.println("after the try block: " + pool);
    }
}
