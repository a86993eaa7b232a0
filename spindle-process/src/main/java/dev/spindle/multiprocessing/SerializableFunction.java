package dev.spindle.multiprocessing;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can be sent to another process; a lambda assigned to this type is
 * serializable, with the values it captures.
 *
 * @param <T> its argument
 * @param <R> what it returns
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}
