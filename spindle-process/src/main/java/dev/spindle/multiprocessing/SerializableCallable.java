package dev.spindle.multiprocessing;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can be sent to another process; a lambda assigned to this type is
 * serializable, with the values it captures.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {}
