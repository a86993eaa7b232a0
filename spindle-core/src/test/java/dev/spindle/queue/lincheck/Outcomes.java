package dev.spindle.queue.lincheck;

import dev.spindle.queue.QueueEmptyException;
import dev.spindle.queue.QueueFullException;
import dev.spindle.queue.QueueShutDownException;

/**
 * Turns a queue call into the string a sequential model returns for it: the item got, or
 * {@code "ok"} for a put, or {@code "full"}, {@code "empty"}, {@code "shut down"} for the
 * queue's exceptions. Anything else is a bug, thrown on.
 */
final class Outcomes {

    interface Put {
        void run() throws Exception;
    }

    interface Get {
        Object get() throws Exception;
    }

    private Outcomes() {}

    /** The outcome of a put: {@code "ok"}, {@code "full"} or {@code "shut down"}. */
    static String ofPut(Put put) {
        return of(() -> {
            put.run();
            return "ok";
        });
    }

    /** The outcome of a get: the item, {@code "empty"} or {@code "shut down"}. */
    static String of(Get get) {
        try {
            return String.valueOf(get.get());
        } catch (QueueFullException e) {
            return "full";
        } catch (QueueEmptyException e) {
            return "empty";
        } catch (QueueShutDownException e) {
            return "shut down";
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }
}
