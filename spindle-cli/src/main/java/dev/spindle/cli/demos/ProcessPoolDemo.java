package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.futures.CloseableIterator;
import dev.spindle.futures.Future;
import dev.spindle.multiprocessing.ProcessPoolExecutor;
import dev.spindle.multiprocessing.WorkerCrashedException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The seed's thread-pool program on a {@link ProcessPoolExecutor}: {@code action(50)} and
 * {@code action(100)} submitted to two worker processes, each reporting the pid it ran in, and
 * {@code map}; then what CPython's pool cannot do: a worker killed in the middle of a task fails
 * that task alone and the pool carries on, and a runaway task is stopped by the per-task
 * timeout. Tasks return their lines and the parent prints them, so the output keeps its order.
 */
public final class ProcessPoolDemo implements Demo {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "process-pool";
    }

    @Override
    public String title() {
        return "ProcessPoolExecutor: the pool example in worker JVMs, a worker killed mid-task, a runaway task timed out";
    }

    /** The seed's action(max): the sum of 0 .. max-1, computed in a worker process. */
    static String action(int max) {
        int sum = 0;
        for (int i = 0; i < max; i++) {
            sum += i;
        }
        return "action(" + max + ") = " + sum + " in worker pid " + ProcessHandle.current().pid();
    }

    @Override
    public void run(PrintStream out, List<String> args) throws Exception {
        out.println("this JVM is pid " + ProcessHandle.current().pid());
        // with ProcessPoolExecutor(max_workers=2) as pool:
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(2).build()) {
            Future<String> future1 = pool.submit(() -> action(50));
            Future<String> future2 = pool.submit(() -> action(100));
            out.println("  " + future1.result(PATIENCE));
            out.println("  " + future2.result(PATIENCE));
            List<String> results = new ArrayList<>();
            try (CloseableIterator<String> it = pool.map(ProcessPoolDemo::action, List.of(50, 100, 150))) {
                it.forEachRemaining(results::add);
            }
            out.println("  map(action, [50, 100, 150]), in input order:");
            results.forEach(r -> out.println("    " + r));
            out.println("  " + pool);
        }

        out.println("a worker killed from outside while it runs a task:");
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).build()) {
            long first = pool.submit(() -> ProcessHandle.current().pid()).result(PATIENCE);
            Future<String> victim = pool.submit(() -> {
                Thread.sleep(60_000);
                return "never";
            });
            for (int i = 0; i < 6_000 && !victim.running(); i++) {
                Thread.sleep(10);           // it runs as soon as the idle worker takes it
            }
            out.println("  kill -9 " + first + " (the worker running a 60 s task)");
            ProcessHandle.of(first).ifPresent(ProcessHandle::destroyForcibly);
            try {
                victim.result(PATIENCE);
            } catch (CompletionException e) {
                WorkerCrashedException crash = (WorkerCrashedException) e.getCause();
                out.println("  that task's future: WorkerCrashedException, pid " + crash.pid() + ", exit code "
                        + crash.exitCode());
            }
            out.println("  the pool carries on: " + pool.submit(() -> action(10)).result(PATIENCE));
        }

        out.println("a runaway task and a 1 s task timeout:");
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1)
                .taskTimeout(Duration.ofSeconds(1)).interruptGrace(Duration.ofMillis(500)).build()) {
            long first = pool.submit(() -> ProcessHandle.current().pid()).result(PATIENCE);
            Future<Long> runaway = pool.submit(() -> {
                long spins = 0;
                while (spins >= 0) {        // ignores interrupts
                    spins++;
                }
                return spins;
            });
            try {
                runaway.result(PATIENCE);
            } catch (CompletionException e) {
                out.println("  " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            }
            String next = pool.submit(() -> action(20)).result(PATIENCE);
            boolean replaced = ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true);
            out.println("  worker " + first + (replaced ? " ignored the interrupt and was killed" : " is still alive")
                    + "; the next task: " + next);
        }
    }
}
