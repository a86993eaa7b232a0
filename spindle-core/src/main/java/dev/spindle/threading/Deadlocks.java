package dev.spindle.threading;

import java.util.Locale;
import java.util.Objects;

/**
 * Deadlock detection for every Spindle lock: the policy, and what is and is not detected.
 *
 * <p><b>What is detected.</b> A blocking, untimed acquire of a {@link Lock} or {@link RLock}
 * that would close a cycle of threads, each waiting for a lock held by the next, throws
 * {@link DeadlockException} in the thread whose wait closes the cycle (policy {@link
 * Policy#THROW THROW}, the default). That thread has not acquired and holds what it held before;
 * once it backs off, the others continue. A thread waiting on a {@link Condition} counts as
 * waiting for the condition's lock, from the call to {@code await} until it returns, since it
 * will need that lock again before it can release anything it holds.
 *
 * <p><b>What is not a deadlock.</b> Timed acquires ({@code tryAcquire(Duration)}) never throw and
 * end a walk: they end by themselves, so a cycle through one is not a deadlock. A plain {@link
 * Lock} counts as owned by its holder until a different thread releases it once; from then on it
 * is used as a signal (Python allows that: LOCK-12) and ends every walk. A thread re-acquiring a
 * plain {@code Lock} it holds is the binary-semaphore idiom (LOCK-11), not a deadlock; use
 * {@link RLock} for a mutex.
 *
 * <p><b>Limits.</b> Semaphores have no owner, so a walk ends at a thread blocked on a
 * {@link Semaphore}, an {@link Event} or a {@link Barrier}. Monitors ({@code synchronized}) and
 * {@code java.util.concurrent} locks are invisible to Spindle. A plain {@code Lock} that will
 * later be released by another thread, but has not been yet, is still counted as owned: a
 * program that uses the same plain {@code Lock} both as a mutex and as a signal can see a
 * reported cycle that the signal would have broken.
 *
 * <p><b>Cost.</b> The uncontended acquire and release do no extra work. Detection runs only when
 * an acquire is about to park: it publishes a wait record, walks owner to waited-on lock to owner
 * (a few volatile reads per edge) and, only when it finds a cycle, confirms it under a global
 * lock so that exactly one thread of a cycle throws, and clears the record when the wait ends.
 *
 * <p><b>Policy.</b> {@link Policy#THROW THROW} (default), {@link Policy#WARN WARN} (logs the cycle
 * through {@link System.Logger} and waits, as Python would) or {@link Policy#OFF OFF}, set with
 * {@code -Dspindle.deadlock=throw|warn|off} or {@link #setPolicy(Policy)}.
 *
 * <p><b>Lock order.</b> Opt-in, with {@code -Dspindle.lockorder=warn|throw} (read once, at
 * start-up): every Spindle lock acquired while others are held records "held before" edges, and
 * the first acquire that takes two locks in an order contrary to one seen before (directly or
 * through other locks) is reported, by a log line or by {@link LockOrderException}, before any
 * thread hangs. It costs a per-thread list and a graph search per acquire, so it is for tests
 * and debugging.
 */
public final class Deadlocks {

    /** What a lock does when an acquire would close a cycle. */
    public enum Policy {
        /** Throw {@link DeadlockException} in the thread whose wait closes the cycle. */
        THROW,
        /** Log the cycle through {@link System.Logger} (level WARNING) and wait, as Python does. */
        WARN,
        /** No detection at all: no wait records, no walks. */
        OFF
    }

    private static volatile Policy policy = parse(System.getProperty("spindle.deadlock"), Policy.THROW);

    private Deadlocks() {}

    /** Returns the current policy. */
    public static Policy policy() {
        return policy;
    }

    /**
     * Sets the policy for acquires that start from now on.
     *
     * @throws NullPointerException if {@code policy} is null
     */
    public static void setPolicy(Policy policy) {
        Deadlocks.policy = Objects.requireNonNull(policy, "policy");
    }

    static Policy parse(String value, Policy fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Policy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.getLogger(Deadlocks.class.getName()).log(System.Logger.Level.WARNING,
                    "ignoring -Dspindle.deadlock={0}: expected throw, warn or off", value);
            return fallback;
        }
    }
}
