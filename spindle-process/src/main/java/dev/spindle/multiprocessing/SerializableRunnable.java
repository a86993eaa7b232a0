package dev.spindle.multiprocessing;

import java.io.Serializable;

/**
 * A {@link Runnable} that can be sent to another process: what a {@link JvmProcess} runs. A
 * lambda assigned to this type is serializable, so {@code new JvmProcess(() -> work(42))} sends
 * {@code work(42)} to the child, with the values it captures (which must be serializable too).
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {}
