package dev.spindle.multiprocessing.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Starts child JVMs: the same {@code java} binary as this JVM, the same class path (and module
 * path), the JVM options that matter, and a main class ({@link ChildMain} for a
 * {@code JvmProcess}). Used by {@code JvmProcess}; a process pool can start its workers the
 * same way with its own {@link Spec}.
 *
 * <p><b>The command</b>, in order (a later option wins over an earlier one):
 * <ol>
 *   <li>the binary of {@link ProcessHandle#info()} (else {@code java.home/bin/java});</li>
 *   <li>start-up defaults: {@value #DEFAULTS} (C1 only, the serial collector, no perf-data
 *       file, and core reflection through native accessors, since the method-handle accessors
 *       spin classes on first use that cost a child tens of milliseconds of start-up). They
 *       favour a short-lived child's start; a child that computes for long may want
 *       {@code -XX:TieredStopAtLevel=4} and its own collector, which {@code setJvmOptions} can
 *       pass, since they come later;</li>
 *   <li>a class-data-sharing archive of this class path, when there is one ({@link CdsArchive});</li>
 *   <li>the options of this JVM that matter to the code it runs: heap and stack sizes
 *       ({@code -Xmx -Xms -Xss -XX:MaxRAMPercentage ...}), module options ({@code --add-opens},
 *       {@code --add-exports}, {@code --add-reads}, {@code --add-modules},
 *       {@code --enable-native-access}, {@code --enable-preview}), assertion switches and every
 *       {@code -D} system property given on its command line. Agents, debuggers, GC logging
 *       and {@code -Xshare:off} are not passed on;</li>
 *   <li>the options of the {@link Spec} ({@code JvmOptions} of the process);</li>
 *   <li>{@code -cp} with this JVM's {@code java.class.path} (a manifest-only jar, as Surefire
 *       uses, works as it is), and {@code --module-path} when this JVM has one;</li>
 *   <li>the main class: by name on the class path, or {@code -m dev.spindle.process/...} with
 *       {@code --add-modules ALL-MODULE-PATH} when Spindle itself runs as a named module.</li>
 * </ol>
 * When the whole command is longer than {@value #ARGFILE_THRESHOLD} characters, everything after
 * the binary goes in an {@code @argfile} in the private run directory (written once per
 * distinct command). Secrets never appear here: the key and the task go over stdin.
 *
 * <p><b>Streams.</b> stdin is a pipe the caller writes the task into and then keeps open (see
 * {@link ParentWatch}). stdout is inherited, so what a child prints appears where the parent's
 * output goes, as in Python. stderr is inherited too, unless the spec asks for a tail: then
 * a daemon thread copies the child's stderr to this JVM's file descriptor 2 as it comes and
 * keeps the last bytes for {@link LaunchedChild#stderrTail()}.
 */
public final class Launcher {

    /** The start-up defaults, before everything else so that any later option overrides them. */
    public static final String DEFAULTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Djdk.reflect.useNativeAccessorOnly=true";

    static final int ARGFILE_THRESHOLD = 8_000;

    /** How many options {@link #DEFAULTS} holds; the archive options follow them. */
    private static final int DEFAULT_COUNT = DEFAULTS.split(" ").length;

    private static final String MODULE = "dev.spindle.process";

    /**
     * What to start.
     *
     * @param mainClass the main class's binary name
     * @param jvmOptions options after the inherited ones
     * @param stderrTailBytes 0 to inherit stderr; otherwise how many of its last bytes to keep
     */
    public record Spec(String mainClass, List<String> jvmOptions, int stderrTailBytes) {
        public Spec {
            Objects.requireNonNull(mainClass, "mainClass");
            jvmOptions = List.copyOf(jvmOptions);
            if (stderrTailBytes < 0) {
                throw new IllegalArgumentException("'stderrTailBytes' must be >= 0: " + stderrTailBytes);
            }
        }

        /** A {@code JvmProcess} child: {@link ChildMain}, stderr inherited. */
        public static Spec child(List<String> jvmOptions) {
            return new Spec(ChildMain.class.getName(), jvmOptions, 0);
        }
    }

    private static volatile List<String> inherited;

    private Launcher() {}

    /**
     * Starts a child JVM as {@code spec} says.
     *
     * @throws IOException if the process cannot be started
     */
    public static LaunchedChild launch(Spec spec) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(spec));
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.redirectError(spec.stderrTailBytes() > 0 ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        StderrTail tail = null;
        if (spec.stderrTailBytes() > 0) {
            tail = StderrTail.start(process.getErrorStream(), spec.stderrTailBytes(), "spindle-stderr-" + process.pid());
        }
        return new LaunchedChild(process, process.getOutputStream(), tail);
    }

    /** The command {@link #launch} runs, with an {@code @argfile} when it is long. */
    public static List<String> command(Spec spec) throws IOException {
        List<String> args = arguments(spec);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        int length = args.stream().mapToInt(a -> a.length() + 1).sum();
        if (length > ARGFILE_THRESHOLD) {
            command.add("@" + argfile(args));
        } else {
            command.addAll(args);
        }
        return command;
    }

    /** Everything after the binary. */
    static List<String> arguments(Spec spec) {
        List<String> options = jvmOptions(spec);
        String classPath = System.getProperty("java.class.path", "");
        List<String> args = new ArrayList<>(options);
        args.addAll(DEFAULT_COUNT, CdsArchive.options(options, classPath));
        String modulePath = System.getProperty("jdk.module.path");
        boolean named = Launcher.class.getModule().isNamed();
        if (!classPath.isEmpty()) {
            args.add("-cp");
            args.add(classPath);
        }
        if (modulePath != null && !modulePath.isEmpty()) {
            args.add("--module-path");
            args.add(modulePath);
        }
        if (named) {
            args.add("--add-modules");
            args.add("ALL-MODULE-PATH");
            args.add("-m");
            args.add(MODULE + "/" + spec.mainClass());
        } else {
            args.add(spec.mainClass());
        }
        return args;
    }

    /** The JVM options of a child: the defaults, the inherited ones, the spec's. */
    private static List<String> jvmOptions(Spec spec) {
        List<String> options = new ArrayList<>(List.of(DEFAULTS.split(" ")));
        options.addAll(inheritedOptions());
        options.addAll(spec.jvmOptions());
        return options;
    }

    /**
     * Waits at most {@code millis} until the class-data-sharing archive for children started
     * with {@code spec} exists, starting its training if needed (see {@link CdsArchive}).
     *
     * @return true if children started with {@code spec} now use an archive
     */
    public static boolean awaitArchive(Spec spec, long millis) throws InterruptedException {
        return CdsArchive.await(jvmOptions(spec), System.getProperty("java.class.path", ""), millis);
    }

    /** The {@code java} binary running this JVM. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The options of this JVM passed on to children; see the class comment. Read once. */
    static List<String> inheritedOptions() {
        List<String> list = inherited;
        if (list == null) {
            list = selectInherited(ManagementFactory.getRuntimeMXBean().getInputArguments());
            inherited = list;
        }
        return list;
    }

    /** Picks from {@code input} (this JVM's options) those a child gets. */
    static List<String> selectInherited(List<String> input) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String a = input.get(i);
            if (isModuleOption(a) && !a.contains("=") && i + 1 < input.size()) {
                out.add(a);
                out.add(input.get(++i));
            } else if (isModuleOption(a) || a.equals("--enable-preview")
                    || a.startsWith("--sun-misc-unsafe-memory-access") || a.startsWith("--illegal-native-access")
                    || a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xss")
                    || a.startsWith("-XX:MaxHeapSize=") || a.startsWith("-XX:InitialHeapSize=")
                    || a.startsWith("-XX:MaxRAMPercentage=") || a.startsWith("-XX:InitialRAMPercentage=")
                    || a.startsWith("-XX:MaxDirectMemorySize=") || a.startsWith("-XX:ThreadStackSize=")
                    || a.equals("-ea") || a.startsWith("-ea:") || a.equals("-da") || a.startsWith("-da:")
                    || a.equals("-esa") || a.equals("-dsa")
                    || a.startsWith("-enableassertions") || a.startsWith("-disableassertions")
                    || (a.startsWith("-D") && !isLauncherProperty(a))) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    private static boolean isModuleOption(String a) {
        return a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("--add-reads")
                || a.startsWith("--add-modules") || a.startsWith("--enable-native-access");
    }

    /** Properties the launcher sets itself from {@code -cp}, {@code -p} and {@code -m}. */
    private static boolean isLauncherProperty(String a) {
        return a.startsWith("-Djava.class.path=") || a.startsWith("-Djdk.module.")
                || a.startsWith("-Dsun.java.command=") || a.startsWith("-Dsun.java.launcher");
    }

    /** Writes {@code args} into an argfile named by their hash, once; returns its path. */
    private static Path argfile(List<String> args) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String a : args) {
            text.append('"');
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                if (c == '"' || c == '\\') {
                    text.append('\\');
                }
                text.append(c);
            }
            text.append("\"\n");
        }
        String content = text.toString();
        Path file = RuntimeDir.run().resolve("launch-" + Integer.toHexString(content.hashCode()) + ".args");
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(file.getParent(), "launch", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /**
     * A started child: its process, the stdin the caller writes into and keeps open, and the
     * stderr tail when one was asked for.
     */
    public static final class LaunchedChild {
        private final Process process;
        private final OutputStream stdin;
        private final StderrTail tail;

        LaunchedChild(Process process, OutputStream stdin, StderrTail tail) {
            this.process = process;
            this.stdin = stdin;
            this.tail = tail;
        }

        /** The OS process. */
        public Process process() {
            return process;
        }

        /** The write end of the child's stdin. */
        public OutputStream stdin() {
            return stdin;
        }

        /**
         * The last bytes the child wrote to stderr, as text; empty when stderr was inherited.
         * Complete once the process has exited and its stderr has been drained.
         */
        public String stderrTail() {
            return tail == null ? "" : tail.text();
        }

        /** Waits until the stderr copy has reached end-of-file (after exit), if there is one. */
        public void awaitStderr() throws InterruptedException {
            if (tail != null) {
                tail.await();
            }
        }
    }

    /** Reads a child's stderr to its end, copying it to fd 2 and keeping the last bytes. */
    static final class StderrTail {
        private final byte[] ring;
        private long written;
        private final Thread pump;

        private StderrTail(int size, InputStream in, String name) {
            this.ring = new byte[size];
            this.pump = new Thread(() -> pump(in), name);
            this.pump.setDaemon(true);
        }

        static StderrTail start(InputStream in, int size, String name) {
            StderrTail tail = new StderrTail(size, in, name);
            tail.pump.start();
            return tail;
        }

        private void pump(InputStream in) {
            byte[] chunk = new byte[8192];
            // Not closed: it is this JVM's own standard error.
            OutputStream err = new FileOutputStream(FileDescriptor.err);
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    err.write(chunk, 0, n);
                    err.flush();
                    keep(chunk, n);
                }
            } catch (IOException e) {
                // the child is gone; what was read is kept
            }
        }

        private synchronized void keep(byte[] chunk, int n) {
            for (int i = 0; i < n; i++) {
                ring[(int) (written++ % ring.length)] = chunk[i];
            }
        }

        synchronized String text() {
            int size = (int) Math.min(written, ring.length);
            byte[] out = new byte[size];
            long start = written - size;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((start + i) % ring.length)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }

        void await() throws InterruptedException {
            pump.join();
        }
    }
}
