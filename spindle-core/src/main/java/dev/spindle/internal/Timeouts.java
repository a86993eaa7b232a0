package dev.spindle.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Spindle's one timeout policy (API.md, rule 2), written once and used by every package.
 *
 * <p>Timeouts are {@link Duration}s and never {@code null}: a method without a timeout waits
 * forever. How a negative timeout is treated differs per call, as in Python:
 * <ul>
 *   <li>{@link #lockTimeout(Duration)}: {@code Lock.tryAcquire(Duration)} and friends reject a
 *       negative timeout with {@link IllegalArgumentException} (CPython's LOCK-08);</li>
 *   <li>{@link #pollTimeout(Duration)}: conditions, semaphores, events, futures and joins treat
 *       {@code <= 0} as "check once, do not wait".</li>
 * </ul>
 * Huge durations saturate instead of overflowing (a deliberate difference from CPython's
 * {@code OverflowError}): anything beyond {@link #MAX_WAIT_NANOS} waits for about 73 years,
 * which keeps deadline arithmetic on {@link System#nanoTime()} free of overflow.
 *
 * <p>This class is internal: it is not part of Spindle's API and may change without notice.
 */
public final class Timeouts {

    /** The longest wait, in nanoseconds (about 73 years); longer timeouts are cut to it. */
    public static final long MAX_WAIT_NANOS = Long.MAX_VALUE >> 2;

    private Timeouts() {}

    /**
     * Returns {@code timeout} in nanoseconds, saturated to {@code [-MAX_WAIT_NANOS,
     * MAX_WAIT_NANOS]}.
     *
     * @throws NullPointerException if {@code timeout} is null
     */
    public static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long seconds = timeout.getSeconds();
        // Duration.toNanos() throws ArithmeticException past ~292 years; decide before it can.
        if (seconds >= MAX_WAIT_NANOS / 1_000_000_000L) {
            return MAX_WAIT_NANOS;
        }
        if (seconds <= -(MAX_WAIT_NANOS / 1_000_000_000L)) {
            return -MAX_WAIT_NANOS;
        }
        return timeout.toNanos();
    }

    /**
     * The lock rule: a negative timeout is a caller error.
     *
     * @return the timeout in nanoseconds, {@code >= 0}
     * @throws IllegalArgumentException if {@code timeout} is negative; the message names the
     *     value, as in "'timeout' must be a non-negative number: PT-1S"
     */
    public static long lockTimeout(Duration timeout) {
        return nonNegative(timeout, "timeout");
    }

    /**
     * Rejects a negative duration named {@code name}.
     *
     * @return the duration in nanoseconds, {@code >= 0}
     * @throws IllegalArgumentException if it is negative
     */
    public static long nonNegative(Duration timeout, String name) {
        long nanos = toNanos(timeout);
        if (nanos < 0) {
            throw new IllegalArgumentException("'" + name + "' must be a non-negative number: " + timeout);
        }
        return nanos;
    }

    /**
     * The polling rule: a timeout {@code <= 0} means "check once, do not wait".
     *
     * @return the timeout in nanoseconds, clamped to {@code >= 0}
     */
    public static long pollTimeout(Duration timeout) {
        return Math.max(0L, toNanos(timeout));
    }

    /** Returns the {@link System#nanoTime()} at which a wait of {@code nanos} ends. */
    public static long deadline(long nanos) {
        return System.nanoTime() + Math.min(nanos, MAX_WAIT_NANOS);
    }

    /** Returns the nanoseconds left until {@code deadline}; zero or less once it has passed. */
    public static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }
}
