package dev.spindle.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The class-data-sharing archive: made for a jar class path, never for directories, and usable. */
@Timeout(150)
class CdsArchiveTest {

    private static final List<String> OPTIONS = List.of(Launcher.DEFAULTS.split(" "));

    @Test
    @DisplayName("a class path with a directory gets no archive (CDS archives classes from jars only)")
    void directoriesGetNone(@TempDir Path dir) {
        assertThat(CdsArchive.options(OPTIONS, dir.toString())).isEmpty();
    }

    @Test
    @DisplayName("a jar class path gets an archive from one training run, and a JVM started with it in strict mode uses it")
    void jarClassPath(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("spindle.jar");
        jarOf(jar, Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                Path.of(dev.spindle.internal.Timeouts.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        String classPath = jar.toString();
        Path archive = null;
        try {
            assertThat(CdsArchive.options(OPTIONS, classPath)).as("none before the training").isEmpty();
            assertThat(CdsArchive.await(OPTIONS, classPath, 120_000)).as("the training made the archive").isTrue();
            List<String> use = CdsArchive.options(OPTIONS, classPath);
            assertThat(use).hasSize(1);
            archive = Path.of(use.get(0).substring(use.get(0).indexOf('=') + 1));
            assertThat(archive).isRegularFile().startsWith(RuntimeDir.base());

            List<String> strict = new ArrayList<>();
            strict.add(Launcher.javaBinary());
            strict.addAll(OPTIONS);
            strict.addAll(use);
            strict.add(Runtime.version().feature() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on");
            strict.addAll(List.of("-cp", classPath, "-version"));
            Process check = new ProcessBuilder(strict).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor()).as(output).isZero();
        } finally {
            if (archive != null) {
                Files.deleteIfExists(archive);
                Files.deleteIfExists(archive.resolveSibling(archive.getFileName() + ".log"));
            }
        }
    }

    /** Writes the classes under {@code roots} (class-path directories or jars) into one jar. */
    static void jarOf(Path jar, Path... roots) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                                .filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))::iterator) {
                            out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                            Files.copy(f, (OutputStream) out);
                            out.closeEntry();
                        }
                    }
                } else {
                    try (var in = new java.util.jar.JarInputStream(Files.newInputStream(root))) {
                        for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                            if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                                out.putNextEntry(new JarEntry(e.getName()));
                                in.transferTo(out);
                                out.closeEntry();
                            }
                        }
                    }
                }
            }
        }
    }
}
