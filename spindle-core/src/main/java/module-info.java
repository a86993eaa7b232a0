/**
 * Spindle's core: Python's {@code threading}, {@code queue}, {@code concurrent.futures} and
 * {@code sched} on the JVM, with nothing but the JDK at run time.
 *
 * <p>{@code dev.spindle.internal} holds shared helpers (the timeout policy) and is exported only
 * to Spindle's own modules.
 */
@SuppressWarnings("module")     // dev.spindle.process is not in this module's build
module dev.spindle.core {
    exports dev.spindle.threading;
    exports dev.spindle.queue;
    exports dev.spindle.futures;
    exports dev.spindle.sched;
    exports dev.spindle.internal to dev.spindle.process;
}
