package dev.spindle.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The test JVM's {@link System.LoggerFinder} (registered in
 * {@code META-INF/services/java.lang.System$LoggerFinder}): every {@link System.Logger} record is
 * kept, so tests can assert on what Spindle logs, and WARNING and above are also printed to
 * {@code System.err}. It needs no {@code java.logging}, which {@code dev.spindle.core} does not
 * read.
 */
public final class RecordingLoggerFinder extends System.LoggerFinder {

    /** One log record. */
    public record Entry(String logger, System.Logger.Level level, String message, Throwable thrown) {}

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

    /** Returns the records of the logger called {@code name}, oldest first. */
    public static List<Entry> entries(String name) {
        return ENTRIES.stream().filter(e -> e.logger().equals(name)).toList();
    }

    /** Returns the records that match {@code filter}. */
    public static List<Entry> entries(Predicate<Entry> filter) {
        return ENTRIES.stream().filter(filter).toList();
    }

    /** Forgets every record. */
    public static void clear() {
        ENTRIES.clear();
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Recorder(name);
    }

    private record Recorder(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.DEBUG.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            record(level, msg, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            record(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params), null);
        }

        private void record(Level level, String message, Throwable thrown) {
            ENTRIES.add(new Entry(name, level, message, thrown));
            if (level.getSeverity() >= Level.WARNING.getSeverity()) {
                System.err.println("[" + level + "] " + name + ": " + message);
            }
        }
    }
}
