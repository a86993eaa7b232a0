package dev.spindle.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what Spindle logs through {@link System.Logger} on one logger (backed by
 * {@code java.util.logging}, the JDK's default, in the test JVM), and keeps it off the console
 * while it does. Use it in try-with-resources.
 *
 * <p>Tests compile inside the {@code dev.spindle.core} module, which does not read
 * {@code java.logging}; {@code spindle-core/pom.xml} adds the read for test compilation only.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final boolean useParent;

    /** The records logged since this capture began, oldest first. */
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** Starts capturing the logger called {@code name} (and its children). */
    public LogCapture(String name) {
        logger = Logger.getLogger(name);
        useParent = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** Stops capturing and restores the logger's console output. */
    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(useParent);
    }
}
