package dev.spindle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./spindle bench}: Spindle against the JDK and CPython, side by side, in one run. The
 * benchmarks and their runner live in {@code spindle-bench} (JMH); this command starts them in
 * a child JVM from {@code spindle-bench/target/benchmarks.jar}, which the launcher builds.
 */
@Command(name = "bench", description = {
        "Run every workload against the JDK and CPython and print one table",
        "(also written to bench-results/latest.md and latest.json)."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Short JMH runs, under 5 minutes on 2 cores (the default).")
    boolean quick;

    @Option(names = "--full", description = "Each benchmark's own JMH settings (much longer).")
    boolean full;

    @Option(names = "--only", paramLabel = "PATTERN", description = "Only the workloads whose name matches this regular expression.")
    String only;

    @Option(names = "--no-python", description = "Leave the CPython column empty.")
    boolean noPython;

    @Option(names = "--threads", paramLabel = "N", description = "Threads contending for the lock in the counter workloads (default 2, for 2 cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("spindle.home", "."));
        Path jar = home.resolve("spindle-bench/target/benchmarks.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("No " + jar + ": run it through ./spindle bench, which builds it.");
            return 2;
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dspindle.home=" + home.toAbsolutePath());
        command.add("-cp");
        command.add(jar.toString());
        command.add("dev.spindle.bench.BenchRunner");
        command.add(full ? "--full" : "--quick");
        if (only != null) {
            command.add("--only");
            command.add(only);
        }
        if (noPython) {
            command.add("--no-python");
        }
        if (threads != null) {
            command.add("--threads");
            command.add(String.valueOf(threads));
        }
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
