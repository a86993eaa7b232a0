package dev.spindle.multiprocessing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The private directory of this user's Spindle processes, and inside it this JVM's own run
 * directory: where the control socket, the exit-status files of children and the shared-memory
 * files live.
 *
 * <p>Layout: {@code <root>/spindle-<user>/} (mode 0700, owned by this user), and in it one run
 * directory per JVM, {@code <pid>-<start millis>/} (mode 0700), created on first use and deleted
 * when the JVM exits. A run directory whose JVM is gone (killed with SIGKILL, so its shutdown
 * hook never ran) is deleted by the next JVM that creates its own. The root is the system
 * property {@code spindle.runtime.dir}, else {@code $XDG_RUNTIME_DIR}, else
 * {@code java.io.tmpdir}; when a socket path under it would be too long for a Unix domain socket
 * (about 100 bytes), {@code /tmp}.
 *
 * <p>Security: the base directory must be owned by this user and is made mode 0700 (a base owned
 * by anyone else is refused), so no other user can reach a socket or a mapped file. Needs a
 * POSIX file system.
 */
public final class RuntimeDir {

    /** Unix domain socket paths are limited to 108 bytes on Linux, 104 on macOS. */
    private static final int MAX_SOCKET_PATH = 100;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Pattern RUN_NAME = Pattern.compile("(\\d+)-(\\d+)");

    private static volatile Path run;
    private static volatile Path base;

    private RuntimeDir() {}

    /**
     * Returns this JVM's run directory, creating it (and the base) on first call.
     *
     * @throws UncheckedIOException if it cannot be created safely
     */
    public static Path run() {
        Path r = run;
        if (r == null) {
            synchronized (RuntimeDir.class) {
                r = run;
                if (r == null) {
                    try {
                        r = createRun();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create Spindle's private run directory", e);
                    }
                    run = r;
                }
            }
        }
        return r;
    }

    /** This JVM's start instant in epoch milliseconds, or -1 when the OS does not say. */
    public static long startMillis(ProcessHandle process) {
        Optional<Instant> start = process.info().startInstant();
        return start.map(Instant::toEpochMilli).orElse(-1L);
    }

    /**
     * Returns this user's base directory (where caches shared by this user's JVMs live), creating
     * it on first call.
     *
     * @throws UncheckedIOException if it cannot be created safely
     */
    public static Path base() {
        Path b = base;
        if (b == null) {
            synchronized (RuntimeDir.class) {
                b = base;
                if (b == null) {
                    try {
                        b = createBase();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create Spindle's private directory", e);
                    }
                    base = b;
                }
            }
        }
        return b;
    }

    private static Path createRun() throws IOException {
        Path base = base();
        ProcessHandle self = ProcessHandle.current();
        sweep(base, self.pid());
        Path dir = base.resolve(self.pid() + "-" + Math.max(0, startMillis(self)));
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            requireOwnedAndPrivate(dir);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                deleteTree(dir);
            }
        }, "spindle-run-dir-cleanup"));
        return dir;
    }

    private static Path createBase() throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path root = root();
        // The longest path in a run dir is "<base>/<pid>-<millis>/ctl.sock": about 40 more bytes.
        if (root.resolve("spindle-" + user).toString().length() + 40 > MAX_SOCKET_PATH) {
            root = Path.of("/tmp");
        }
        Path base = root.resolve("spindle-" + user);
        try {
            Files.createDirectories(root);
            Files.createDirectory(base, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // made earlier, by us or (refused below) by someone else
        } catch (UnsupportedOperationException e) {
            throw new IOException("Spindle's multiprocessing needs a POSIX file system for " + base, e);
        }
        requireOwnedAndPrivate(base);
        return base;
    }

    private static Path root() {
        String configured = System.getProperty("spindle.runtime.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg)) && Files.isWritable(Path.of(xdg))) {
            return Path.of(xdg);
        }
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
    }

    /** Refuses a directory that is a link, belongs to another user, or that others can open. */
    private static void requireOwnedAndPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory (or is a symbolic link)");
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object me = ownUid(dir.getParent());
        if (!owner.equals(me)) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to this user (uid " + me + ")");
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
    }

    /** This process's effective uid: the owner of a file it has just created. */
    private static Object ownUid(Path near) throws IOException {
        Path probe = Files.createTempFile(Files.isWritable(near) ? near : Path.of(System.getProperty("java.io.tmpdir")),
                ".spindle-uid", null);
        try {
            return Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Deletes the run directories of JVMs that are gone. */
    private static void sweep(Path base, long ownPid) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
            for (Path entry : entries) {
                Matcher m = RUN_NAME.matcher(entry.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                long millis = Long.parseLong(m.group(2));
                if (pid == ownPid) {
                    continue;
                }
                Optional<ProcessHandle> owner = ProcessHandle.of(pid);
                boolean alive = owner.isPresent() && owner.get().isAlive()
                        && (millis == 0 || Math.abs(startMillis(owner.get()) - millis) < 1000);
                if (!alive) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a stale directory costs a few bytes
        }
    }

    /** Deletes {@code dir} and everything in it; best effort. */
    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // in use or gone: leave it to the next sweep
                }
            });
        } catch (IOException | RuntimeException e) {
            // gone already
        }
    }
}
