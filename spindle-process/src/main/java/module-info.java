/**
 * Spindle's multiprocessing: Python's {@code multiprocessing} on the JVM. Every child is a fresh
 * JVM that runs the task it is sent, as Python's "spawn" start method does.
 *
 * <p>{@code dev.spindle.multiprocessing.internal} (launcher, channel, serialization) is not
 * exported.
 */
module dev.spindle.process {
    requires transitive dev.spindle.core;
    requires java.management;
    exports dev.spindle.multiprocessing;
}
