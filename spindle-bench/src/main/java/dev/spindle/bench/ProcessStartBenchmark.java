package dev.spindle.bench;

import dev.spindle.multiprocessing.JvmProcess;
import dev.spindle.multiprocessing.SharedLong;
import dev.spindle.multiprocessing.internal.Launcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Starting Java code in a child process: Spindle's {@link JvmProcess} against the JDK's way,
 * {@link ProcessBuilder} running {@code java -cp <class path> <main class>} (JDK defaults, no
 * extra flags: what one writes by hand), and CPython's {@code multiprocessing} with the "spawn"
 * start method.
 *
 * <ul>
 *   <li>{@link #firstLine()}: from {@code start()} until the parent sees the child's first line
 *       of code run (a {@link SharedLong} set by the task; for the JDK, a line the main method
 *       prints, read from the child's stdout). The child is joined after the measurement.</li>
 *   <li>{@link #startJoin()}: start and join a child whose task is empty.</li>
 * </ul>
 * Spindle's children run with its start-up defaults and, once the setup has waited for it, the
 * class-data-sharing archive of this class path (see {@code JvmProcess}); that archive is made
 * once per machine and configuration, before the measurement.
 *
 * <p>Run: {@code java -jar spindle-bench/target/benchmarks.jar ProcessStart}. CPython peer:
 * {@code spindle-bench/python/peers.py spawn_start} (start to first line, observed the same way).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProcessStartBenchmark {

    /** {@code spindle.JvmProcess} or {@code jdk.ProcessBuilder}. */
    @Param({"spindle.JvmProcess", "jdk.ProcessBuilder"})
    public String impl;

    private JvmProcess process;
    private Process jdkProcess;
    private SharedLong firstLine;
    private List<String> jdkCommand;

    /** The JDK baseline's child: prints one line and exits. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println("first line");
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        firstLine = new SharedLong();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        jdkCommand = List.of(java, "-cp", System.getProperty("java.class.path"), Child.class.getName());
        if (impl.equals("spindle.JvmProcess")) {
            // Make (or find) the archive now, so that no training run competes with the measurement.
            Launcher.awaitArchive(Launcher.Spec.child(List.of()), 120_000);
        }
    }

    /** Start, and wait until the child's first line has run. */
    @Benchmark
    public Object firstLine() throws IOException {
        if (impl.equals("spindle.JvmProcess")) {
            firstLine.set(0);
            SharedLong flag = firstLine;
            process = new JvmProcess(() -> flag.set(1));
            process.start();
            while (flag.get() == 0) {
                LockSupport.parkNanos(20_000);
            }
            return process;
        }
        jdkProcess = new ProcessBuilder(jdkCommand).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(jdkProcess.getInputStream(), StandardCharsets.UTF_8));
        return out.readLine();
    }

    /** The child of {@link #firstLine()} is joined outside the measured time. */
    @TearDown(Level.Invocation)
    public void joinChild() throws InterruptedException {
        if (process != null) {
            process.join();
            process = null;
        }
        if (jdkProcess != null) {
            jdkProcess.waitFor();
            jdkProcess = null;
        }
    }

    /** Start a child with an empty task and join it. */
    @Benchmark
    public Object startJoin() throws IOException, InterruptedException {
        if (impl.equals("spindle.JvmProcess")) {
            JvmProcess p = new JvmProcess(() -> { });
            p.start();
            p.join();
            return p.exitCode();
        }
        Process p = new ProcessBuilder(jdkCommand).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }
}
