package dev.spindle.multiprocessing.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How a child ended, in Python's terms: its exit status when it exited, minus the signal number
 * when a signal ended it ({@code -15} for {@code terminate()}, {@code -9} for {@code kill()}).
 *
 * <p><b>Why a status file.</b> The JDK cannot tell {@code System.exit(143)} from death by
 * SIGTERM: {@link Process#exitValue()} reports {@code 128 + signal} for a signal, and a JVM that
 * gets SIGTERM runs its shutdown hooks and then exits with status 143 by itself. So the child
 * says how it ends: a shutdown hook, installed before the task is read, writes one word to a
 * file the parent named in the {@link ChildHeader}:
 * <ul>
 *   <li>{@code signal N} when the JVM is shutting down because of signal N (the JVM handles
 *       SIGTERM, SIGINT and SIGHUP on a thread it names "SIGTERM handler", "SIGINT handler",
 *       "SIGHUP handler", which is alive while the hooks run);</li>
 *   <li>{@code exit} for every other shutdown: the task returned, threw, or called
 *       {@code System.exit}.</li>
 * </ul>
 * The parent then {@linkplain #decode decodes}: {@code signal N} is {@code -N}; {@code exit} is
 * the status as it is; no file at all means the hooks never ran, so a status above 128 is a
 * signal the JVM could not handle (SIGKILL, or SIGTERM before the hook was installed) and is
 * {@code -(status - 128)}. Known limit: {@code Runtime.halt(n)} with {@code n > 128} runs no
 * hook and reads as a signal.
 */
public final class ExitStatus {

    private ExitStatus() {}

    /** Installs the hook that writes {@code file}; in the child, first thing. */
    static void install(String file) {
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                write(file, signalBeingHandled());
            }
        }, "spindle-exit-status"));
    }

    /** The signal whose JVM handler is running, or 0. */
    private static int signalBeingHandled() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            switch (t.getName()) {
                case "SIGTERM handler": return 15;
                case "SIGINT handler": return 2;
                case "SIGHUP handler": return 1;
                default: break;
            }
        }
        return 0;
    }

    private static void write(String file, int signal) {
        byte[] text = (signal == 0 ? "exit" : "signal " + signal).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new FileOutputStream(file)) {
            out.write(text);
        } catch (IOException e) {
            // the parent is gone (its run directory with it): nobody will read this
        }
    }

    /**
     * Reads and deletes the status file, and returns Python's exit code.
     *
     * @param file the status file (may not exist)
     * @param status what {@link Process#exitValue()} returned
     * @param terminated true if the parent sent SIGTERM ({@code terminate()})
     */
    public static int decode(Path file, int status, boolean terminated) {
        String word = null;
        try {
            word = Files.readString(file, StandardCharsets.US_ASCII).trim();
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // the hooks never ran
        } catch (IOException e) {
            // unreadable: decide from the status alone
        }
        return decodeWord(word, status, terminated);
    }

    /** The decision of {@link #decode(Path, int, boolean)}, from the file's word. */
    static int decodeWord(String word, int status, boolean terminated) {
        if (word != null && word.startsWith("signal ")) {
            try {
                return -Integer.parseInt(word.substring(7).trim());
            } catch (NumberFormatException e) {
                return status;
            }
        }
        if (word == null || word.isEmpty()) {
            return status > 128 && status < 128 + 65 ? -(status - 128) : status;
        }
        // "exit": a JVM that took our SIGTERM before naming its handler thread still exits 143
        return terminated && status == 128 + 15 ? -15 : status;
    }
}
