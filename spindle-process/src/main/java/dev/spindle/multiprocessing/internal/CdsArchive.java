package dev.spindle.multiprocessing.internal;

import dev.spindle.multiprocessing.Connection;
import dev.spindle.multiprocessing.JvmProcess;
import dev.spindle.multiprocessing.Pipe;
import dev.spindle.multiprocessing.SerializableRunnable;
import dev.spindle.multiprocessing.SharedLong;
import dev.spindle.threading.Held;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * A class-data-sharing archive of what a child JVM loads, made once per configuration and
 * kept in the private directory: it takes the class loading and linking of Spindle's bootstrap,
 * serialization and lambdas out of every later child's start.
 *
 * <p><b>Measured</b> (JDK 25, 2 cores, an empty task, median first-line time from
 * {@code start()}; CPython's spawn on the same machine at the same time: 100 to 107 ms): no
 * archive 116 to 146 ms; a dynamic CDS archive 106 to 113 ms; a JDK 25 AOT cache 87 to 101 ms.
 * So on JDK 25 and later this makes an AOT cache ({@code -XX:AOTCacheOutput} in a training run,
 * {@code -XX:AOTCache} after); on JDK 21 to 24 a dynamic archive
 * ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}).
 *
 * <p><b>When.</b> The first launch of a configuration that has no archive yet starts, in the
 * background, one training child (a {@link ChildMain} running a small {@link Warmup} task, with
 * its output going to a log file beside the archive) and goes on without the archive; launches
 * after the training has finished use it, in this JVM and in later ones. A configuration is
 * the {@code java} binary and version, the class path with each jar's size and time, and every
 * option of the child's command line, hashed into the file name; a rebuilt jar therefore gets a
 * new archive. A training that fails leaves a {@code .failed} marker and is not tried again.
 *
 * <p><b>Cleaning up.</b> An archive records when a JVM last used it; each training deletes the
 * archives unused for a week (a rebuilt jar leaves its old one behind; each is about 15 MB)
 * and the files of trainings whose JVM died before finishing.
 *
 * <p><b>Races.</b> Several JVMs may train the same configuration at once: each writes to a file
 * of its own and renames it into place atomically, so a reader maps either a complete archive or
 * none; the JVM also checks an archive's header and ignores one that does not match.
 *
 * <p><b>Not used</b> when the class path holds a directory or a jar with a {@code Class-Path}
 * manifest (CDS archives classes from jars only, and refuses to dump otherwise: Surefire's and
 * IDEs' class paths), with a module path, when the command sets {@code -Xshare} or an archive
 * itself, or when {@code -Dspindle.process.cds=false}.
 */
final class CdsArchive {

    private static final boolean ENABLED = !"false".equals(System.getProperty("spindle.process.cds"));
    private static final boolean AOT = Runtime.version().feature() >= 25;
    private static final Map<String, Boolean> TRAINING = new ConcurrentHashMap<>();
    /** The archive path per configuration, computed once per JVM (jars do not change under a running JVM). */
    private static final Map<List<String>, Optional<Path>> PATHS = new ConcurrentHashMap<>();
    /** A training's file left by a JVM that died before renaming it is deleted after this long. */
    private static final long STALE_MILLIS = TimeUnit.MINUTES.toMillis(10);
    /** An archive no JVM has used for this long (its jars were rebuilt, say) is deleted. */
    private static final long UNUSED_MILLIS = TimeUnit.DAYS.toMillis(7);
    /** The archives this JVM has marked as used (their time is set once per JVM). */
    private static final Map<Path, Boolean> TOUCHED = new ConcurrentHashMap<>();

    private CdsArchive() {}

    /**
     * The options that use this configuration's archive, or none if there is none yet (then a
     * training starts in the background) or archives do not apply.
     *
     * @param options the child's JVM options, without class path and main class
     * @param classPath the child's class path
     */
    static List<String> options(List<String> options, String classPath) {
        Path archive = archive(options, classPath);
        if (archive == null) {
            return List.of();
        }
        if (Files.isRegularFile(archive)) {
            touch(archive);
            return List.of(AOT ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive);
        }
        train(archive, options, classPath);
        return List.of();
    }

    /** Waits at most {@code millis} for this configuration's archive; true once it exists. */
    static boolean await(List<String> options, String classPath, long millis) throws InterruptedException {
        Path archive = archive(options, classPath);
        if (archive == null) {
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        options(options, classPath);
        while (!Files.isRegularFile(archive)) {
            if (System.nanoTime() > deadline || Files.exists(marker(archive))) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The archive's path for this configuration, or null if archives do not apply. */
    private static Path archive(List<String> options, String classPath) {
        List<String> key = new ArrayList<>(options);
        key.add(classPath);
        return PATHS.computeIfAbsent(key, k -> Optional.ofNullable(computeArchive(options, classPath))).orElse(null);
    }

    private static Path computeArchive(List<String> options, String classPath) {
        if (!ENABLED || classPath.isEmpty() || System.getProperty("jdk.module.path") != null) {
            return null;
        }
        for (String o : options) {
            if (o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:AOT")
                    || o.startsWith("-XX:ArchiveClassesAtExit")) {
                return null;
            }
        }
        StringBuilder config = new StringBuilder(Launcher.javaBinary()).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry.isEmpty() ? "." : entry);
            try {
                if (Files.isDirectory(p)) {
                    return null;
                }
                if (Files.isRegularFile(p)) {
                    try (JarFile jar = new JarFile(p.toFile())) {
                        if (jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Class-Path") != null) {
                            return null;
                        }
                    }
                    config.append(p.toAbsolutePath()).append(' ').append(Files.size(p)).append(' ')
                            .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
                }
            } catch (IOException e) {
                return null;    // not a readable jar: no archive
            }
        }
        options.forEach(o -> config.append(o).append('\n'));
        String key = HexFormat.of().formatHex(HmacSha256.sha256(config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 12);
        return RuntimeDir.base().resolve("cds").resolve(key + (AOT ? ".aot" : ".jsa"));
    }

    private static Path marker(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".failed");
    }

    /** Starts one training run for {@code archive}, unless one runs in this JVM or one failed before. */
    private static void train(Path archive, List<String> options, String classPath) {
        if (Files.exists(marker(archive)) || TRAINING.putIfAbsent(archive.toString(), Boolean.TRUE) != null) {
            return;
        }
        Thread trainer = new Thread(() -> {
            try {
                runTraining(archive, options, classPath);
            } catch (IOException | RuntimeException e) {
                try {
                    Files.writeString(marker(archive), String.valueOf(e));
                } catch (IOException ignored) {
                    // no marker: a later JVM tries again
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                TRAINING.remove(archive.toString());
            }
        }, "spindle-cds-training");
        trainer.setDaemon(true);
        trainer.start();
    }

    private static void runTraining(Path archive, List<String> options, String classPath) throws IOException, InterruptedException {
        Files.createDirectories(archive.getParent());
        deleteStale(archive.getParent());
        Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Path log = archive.resolveSibling(archive.getFileName() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Launcher.javaBinary());
        command.addAll(options);
        command.add(AOT ? "-XX:AOTCacheOutput=" + tmp : "-XX:ArchiveClassesAtExit=" + tmp);
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        Pipe pipe = Pipe.open(false);
        Handoffs handoffs = new Handoffs();
        byte[] task = Handoffs.serializeTask(new Warmup(() -> { }, new SharedLong(), pipe.conn2()), handoffs);
        Process training = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        ProcessHandle self = ProcessHandle.current();
        try (OutputStream stdin = training.getOutputStream(); Connection report = pipe.conn1()) {
            new ChildHeader(ProcessRuntime.authkey(), RuntimeDir.run().resolve("exit-training").toString(), self.pid(),
                    RuntimeDir.startMillis(self), "MainProcess", task).writeTo(stdin);
            handoffs.commitAll();
            // Keep stdin open until the training ends: end-of-file would tell the child its parent died.
            if (!training.waitFor(2, TimeUnit.MINUTES)) {
                training.destroyForcibly();
                throw new IOException("the training run took longer than 2 minutes");
            }
        } finally {
            handoffs.cancelAll();
        }
        if (training.exitValue() != 0 || !Files.isRegularFile(tmp)) {
            Files.deleteIfExists(tmp);
            throw new IOException("the training run exited with " + training.exitValue() + "; see " + log);
        }
        Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Marks {@code archive} as used now, once per JVM, so that pruning keeps it. */
    private static void touch(Path archive) {
        if (TOUCHED.putIfAbsent(archive, Boolean.TRUE) == null) {
            try {
                Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                // an older time only makes it a candidate for pruning a few days early
            }
        }
    }

    /**
     * Deletes training files of runs that died before renaming them, and archives (with their
     * logs and markers) that no JVM has used for a week: a rebuilt jar leaves its old archive
     * behind, and each is about 15 MB.
     */
    private static void deleteStale(Path dir) {
        long now = System.currentTimeMillis();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                long age = now - Files.getLastModifiedTime(f).toMillis();
                if (f.getFileName().toString().endsWith(".tmp") ? age > STALE_MILLIS : age > UNUSED_MILLIS) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * The training task: what children commonly do (read a task holding a lambda, shared memory
     * and a pipe end; run the lambda; write the memory; connect back and send a message), so
     * that the archive holds those classes and, with an AOT cache, their linkage.
     */
    static final class Warmup implements Runnable, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final SerializableRunnable body;
        private final SharedLong shared;
        private final Connection report;

        Warmup(SerializableRunnable body, SharedLong shared, Connection report) {
            this.body = body;
            this.shared = shared;
            this.report = report;
        }

        @Override
        public void run() {
            body.run();
            JvmProcess.current();
            // Every access mode the shared-memory classes use, so that their linkage is archived.
            shared.set(shared.addAndGet(1) + shared.getAndAdd(1));
            shared.compareAndSet(shared.get(), 0);
            try (report; Held held = shared.lock()) {
                report.send("warm");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
