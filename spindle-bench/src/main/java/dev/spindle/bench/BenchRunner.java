package dev.spindle.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code ./spindle bench}: runs every workload's JMH benchmark and its CPython peer in one go
 * and prints one table (workload, Spindle, JDK, CPython, and the two ratios), also written to
 * {@code bench-results/latest.md} and {@code bench-results/latest.json}.
 *
 * <p>Ratios are oriented so that a number above 1 means Spindle is faster: Spindle/JDK is
 * {@code jdk / spindle} and CPython/Spindle is {@code cpython / spindle}, both in time per
 * operation from the same run. Options: {@code --quick} (the default: 1 fork, 2 warm-up and 3
 * measured iterations of 1 s; under 5 minutes on 2 cores), {@code --full} (each benchmark's own
 * JMH settings), {@code --only PATTERN} (workloads whose name matches the regular expression),
 * {@code --no-python}, {@code --out DIR}, {@code --threads N} (threads contending in the counter
 * workloads, 2 by default since the reference machine has 2 cores; the CPython peer uses as many).
 */
public final class BenchRunner {

    /**
     * One row of the table: a JMH benchmark method run with the {@code impl} parameter set to
     * {@code spindle} and to {@code jdk}, and the CPython peer workload doing the same work.
     */
    record Workload(String name, String benchmark, String spindle, String jdk, String python) {}

    /** Every workload, in the order of the benchmark issue. */
    static final List<Workload> WORKLOADS = List.of(
            new Workload("uncontended Lock acquire+release", "UncontendedLockBenchmark.acquireRelease", "spindle.Lock", "jdk.ReentrantLock", "uncontended_lock"),
            new Workload("uncontended RLock acquire+release", "UncontendedLockBenchmark.acquireRelease", "spindle.RLock", "jdk.ReentrantLock", "uncontended_rlock"),
            new Workload("2 threads, 1 counter, Lock", "ContendedCounterBenchmark.deposit", "spindle.Lock", "jdk.ReentrantLock", "contended_counter"),
            new Workload("2 threads, 1 counter, RLock (detection THROW)", "ContendedCounterBenchmark.deposit", "spindle.RLock", "jdk.ReentrantLock", "contended_counter"),
            new Workload("2 threads, 1 counter, RLock (detection OFF)", "ContendedCounterBenchmark.deposit", "spindle.RLock.detectionOff", "jdk.ReentrantLock", "contended_counter"),
            new Workload("Event ping-pong (JDK: Semaphore)", "SignalPingPongBenchmark.roundTrip", "spindle.Event", "jdk.Semaphore", "event_ping_pong"),
            new Workload("Condition handoff", "SignalPingPongBenchmark.roundTrip", "spindle.Condition", "jdk.Condition", "condition_handoff"),
            new Workload("bounded queue, 1 producer 1 consumer", "QueueBenchmark.put", "spindle.Queue", "jdk.ArrayBlockingQueue", "queue_1p1c"),
            new Workload("bounded queue, 1 producer 1 consumer (JDK: linked)", "QueueBenchmark.put", "spindle.Queue", "jdk.LinkedBlockingQueue", "queue_1p1c"),
            new Workload("PriorityQueue put+get", "PriorityQueueBenchmark.putGet", "spindle.PriorityQueue", "jdk.PriorityBlockingQueue", "priority_queue"),
            new Workload("thread pool submit-to-result", "ThreadPoolBenchmark.submitBatch", "spindle.platform", "jdk.ThreadPoolExecutor", "tpe_submit"),
            new Workload("thread pool submit-to-result, virtual mode", "ThreadPoolBenchmark.submitBatch", "spindle.virtual", "jdk.ThreadPoolExecutor", "tpe_submit"),
            new Workload("thread pool submit-to-result (JDK: ForkJoinPool)", "ThreadPoolBenchmark.submitBatch", "spindle.platform", "jdk.ForkJoinPool", "tpe_submit"),
            new Workload("map over 100,000 items", "MapBenchmark.map", "spindle.map", "jdk.submitAll", "tpe_map_100k"),
            new Workload("sched: enter+run 100,000 events, virtual clock", "SchedulerBenchmark.enterAndRun", "spindle.Scheduler", "jdk.PriorityQueueLoop", "sched_100k"),
            new Workload("child process: start to first line", "ProcessStartBenchmark.firstLine", "spindle.JvmProcess", "jdk.ProcessBuilder", "spawn_start"),
            new Workload("process pool map, 10,000 items, chunksize 1, 2 workers", "ProcessPoolBenchmark.mapChunk1", "spindle.ProcessPoolExecutor", null, "ppe_map_chunk1"),
            new Workload("process pool map, 10,000 items, chunksize 100, 2 workers", "ProcessPoolBenchmark.mapChunk100", "spindle.ProcessPoolExecutor", null, "ppe_map_chunk100"),
            new Workload("process pool submit-to-result, warm", "ProcessPoolBenchmark.roundTrip", "spindle.ProcessPoolExecutor", null, "ppe_roundtrip"));

    private BenchRunner() {}

    /** Entry point; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        boolean full = false;
        boolean python = true;
        Pattern only = null;
        int threads = 2;
        Path out = Path.of(System.getProperty("spindle.home", ".")).resolve("bench-results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> full = false;
                case "--full" -> full = true;
                case "--no-python" -> python = false;
                case "--only" -> only = Pattern.compile(requireValue(args, ++i, "--only"), Pattern.CASE_INSENSITIVE);
                case "--out" -> out = Path.of(requireValue(args, ++i, "--out"));
                case "--threads" -> threads = threadCount(requireValue(args, ++i, "--threads"));
                default -> throw new IllegalArgumentException("unknown option: " + args[i]
                        + " (expected --quick, --full, --only PATTERN, --no-python, --out DIR, --threads N)");
            }
        }
        List<Workload> selected = new ArrayList<>();
        for (Workload w : WORKLOADS) {
            if (only == null || only.matcher(w.name()).find() || only.matcher(w.benchmark()).find()) {
                selected.add(w);
            }
        }
        if (selected.isEmpty()) {
            System.err.println("no workload matches; workloads: " + WORKLOADS.stream().map(Workload::name).toList());
            System.exit(2);
        }
        Map<String, Score> java = runJmh(selected, full, threads);
        Map<String, Score> cpython = new LinkedHashMap<>();
        String pythonNote = python ? runPython(selected, full, threads, cpython) : "skipped (--no-python)";
        Table table = new Table(machine(), pythonNote, full ? "full" : "quick");
        for (Workload w : selected) {
            if (threads != 2 && w.benchmark().startsWith("ContendedCounterBenchmark.")) {
                w = new Workload(w.name().replace("2 threads", threads + " threads"), w.benchmark(), w.spindle(), w.jdk(), w.python());
            }
            table.add(w, java.get(key(w.benchmark(), w.spindle())), java.get(key(w.benchmark(), w.jdk())), cpython.get(w.python()));
        }
        String markdown = table.markdown();
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(out);
        Files.writeString(out.resolve("latest.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("latest.json"), table.json(), StandardCharsets.UTF_8);
        System.out.println("Written: " + out.resolve("latest.md") + " and " + out.resolve("latest.json"));
    }

    private static int threadCount(String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threads must be a whole number >= 2: " + value);
        }
        if (n < 2) {
            throw new IllegalArgumentException("--threads must be a whole number >= 2: " + value);
        }
        return n;
    }

    private static String requireValue(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A measured time per operation, in {@code unit}. */
    record Score(double mean, double error, String unit) {
        /** The mean in nanoseconds per operation, for ratios across units. */
        double nanos() {
            return mean * switch (unit) {
                case "ns/op" -> 1;
                case "us/op" -> 1_000;
                case "ms/op" -> 1_000_000;
                case "s/op" -> 1_000_000_000;
                default -> throw new IllegalArgumentException("unit " + unit);
            };
        }
    }

    static String key(String benchmark, String impl) {
        return benchmark + "|" + impl;
    }

    private static Map<String, Score> runJmh(List<Workload> workloads, boolean full, int threads) throws RunnerException {
        // One JMH run per benchmark method, with exactly the impl values the rows need.
        Map<String, Set<String>> impls = new LinkedHashMap<>();
        for (Workload w : workloads) {
            Set<String> set = impls.computeIfAbsent(w.benchmark(), k -> new LinkedHashSet<>());
            set.add(w.spindle());
            if (w.jdk() != null) {
                set.add(w.jdk());
            }
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : impls.entrySet()) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include("dev\\.spindle\\.bench\\." + Pattern.quote(e.getKey()) + "$")
                    .param("impl", e.getValue().toArray(String[]::new))
                    .shouldFailOnError(true)
                    .verbosity(VerboseMode.NORMAL);
            if (e.getKey().startsWith("ContendedCounterBenchmark.")) {
                options.threads(threads);
            }
            if (!full) {
                options.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(3).measurementTime(TimeValue.seconds(1));
            }
            for (RunResult r : new Runner(options.build()).run()) {
                String impl = r.getParams().getParam("impl");
                var primary = r.getPrimaryResult();
                scores.put(key(e.getKey(), impl), new Score(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
            }
        }
        return scores;
    }

    /** Runs the CPython peers; returns a note for the table (version, or why the column is empty). */
    private static String runPython(List<Workload> workloads, boolean full, int threads, Map<String, Score> into) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("spindle.home", ".")).resolve("spindle-bench/python/peers.py");
        if (!Files.isRegularFile(script)) {
            return "no CPython column: " + script + " not found";
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        if (!full) {
            command.add("--quick");
        }
        command.add("--threads=" + threads);
        workloads.stream().map(Workload::python).distinct().forEach(command::add);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return "no CPython column: python3 is not installed";
        }
        String version = "CPython";
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 5 && f[0].equals("RESULT")) {
                    into.put(f[1], new Score(Double.parseDouble(f[2]), Double.parseDouble(f[3]), f[4]));
                    System.out.println("cpython: " + line);
                } else if (f.length >= 3 && f[0].equals("INFO")) {
                    version = "CPython " + f[2];
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            return version + " (the peer script failed; see above)";
        }
        return version;
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it unknown
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s %s, Java %s (%s)", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    /** The result table, as Markdown and as JSON. */
    static final class Table {
        private final String machine;
        private final String pythonNote;
        private final String mode;
        private final List<String[]> rows = new ArrayList<>();
        private final List<Map<String, Object>> json = new ArrayList<>();

        Table(String machine, String pythonNote, String mode) {
            this.machine = machine;
            this.pythonNote = pythonNote;
            this.mode = mode;
        }

        void add(Workload w, Score spindle, Score jdk, Score cpython) {
            String unit = spindle != null ? spindle.unit() : jdk != null ? jdk.unit() : cpython != null ? cpython.unit() : "";
            Double spindleOverJdk = spindle != null && jdk != null ? jdk.nanos() / spindle.nanos() : null;
            Double cpythonOverSpindle = spindle != null && cpython != null ? cpython.nanos() / spindle.nanos() : null;
            rows.add(new String[] {w.name() + " (" + w.spindle() + " / " + (w.jdk() == null ? "no JDK peer" : w.jdk()) + ")", format(spindle, unit),
                    format(jdk, unit), format(cpython, unit), ratio(spindleOverJdk), ratio(cpythonOverSpindle)});
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", w.name());
            row.put("unit", unit);
            row.put("spindle", value(spindle, unit));
            row.put("spindle_error", spindle == null ? null : in(spindle.error(), spindle.unit(), unit));
            row.put("jdk", value(jdk, unit));
            row.put("jdk_error", jdk == null ? null : in(jdk.error(), jdk.unit(), unit));
            row.put("cpython", value(cpython, unit));
            row.put("cpython_error", cpython == null ? null : in(cpython.error(), cpython.unit(), unit));
            row.put("spindle_over_jdk", spindleOverJdk);
            row.put("cpython_over_spindle", cpythonOverSpindle);
            json.add(row);
        }

        private static Double value(Score s, String unit) {
            return s == null ? null : in(s.mean(), s.unit(), unit);
        }

        private static double in(double v, String from, String to) {
            return new Score(v, 0, from).nanos() / new Score(1, 0, to).nanos();
        }

        private static String format(Score s, String unit) {
            if (s == null) {
                return "";
            }
            return String.format(Locale.ROOT, "%.4g ± %.2g %s", in(s.mean(), s.unit(), unit),
                    Double.isNaN(s.error()) ? 0.0 : in(s.error(), s.unit(), unit), unit);
        }

        private static String ratio(Double r) {
            return r == null ? "" : String.format(Locale.ROOT, "%.2fx", r);
        }

        String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append("Machine: ").append(machine).append("  \n");
            sb.append("CPython: ").append(pythonNote).append("; JMH mode: ").append(mode).append("  \n");
            sb.append("Ratios above 1 mean Spindle is faster (time per operation, same run).\n\n");
            sb.append("| workload (spindle / jdk impl) | Spindle | JDK | CPython | Spindle/JDK | CPython/Spindle |\n");
            sb.append("|---|---|---|---|---|---|\n");
            for (String[] r : rows) {
                sb.append('|');
                for (String c : r) {
                    sb.append(' ').append(c).append(" |");
                }
                sb.append('\n');
            }
            return sb.toString();
        }

        String json() {
            StringBuilder sb = new StringBuilder("{\n  \"machine\": ").append(quote(machine))
                    .append(",\n  \"cpython\": ").append(quote(pythonNote))
                    .append(",\n  \"mode\": ").append(quote(mode))
                    .append(",\n  \"rows\": [");
            for (int i = 0; i < json.size(); i++) {
                sb.append(i == 0 ? "\n    {" : ",\n    {");
                int j = 0;
                for (Map.Entry<String, Object> e : json.get(i).entrySet()) {
                    sb.append(j++ == 0 ? "" : ", ").append(quote(e.getKey())).append(": ");
                    Object v = e.getValue();
                    sb.append(v == null ? "null" : v instanceof String s ? quote(s)
                            : String.format(Locale.ROOT, "%.6g", (Double) v));
                }
                sb.append('}');
            }
            return sb.append("\n  ]\n}\n").toString();
        }

        private static String quote(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}
