package dev.spindle.multiprocessing.testing;

import dev.spindle.multiprocessing.SerializableRunnable;
import java.io.Serializable;

/** Child tasks whose bodies may throw checked exceptions (a pipe's IOException, say). */
public final class Tasks {

    /** A task body that may throw. */
    @FunctionalInterface
    public interface Body extends Serializable {
        void run() throws Exception;
    }

    private Tasks() {}

    /**
     * A task running {@code body}; a checked exception it throws becomes the task's uncaught
     * exception (the child exits 1), with the interrupt status set again for an interrupt.
     */
    public static SerializableRunnable task(Body body) {
        return () -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException(e);
            }
        };
    }
}
