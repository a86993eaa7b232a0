package dev.spindle.futures;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what Spindle logs on {@code dev.spindle.futures} (the {@link System.Logger} is backed
 * by {@code java.util.logging} here), and keeps it off the console while it does.
 */
final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.spindle.futures");
    private final boolean useParent;
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
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

    LogCapture() {
        useParent = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(useParent);
    }
}
