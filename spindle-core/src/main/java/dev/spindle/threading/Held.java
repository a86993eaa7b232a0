package dev.spindle.threading;

/**
 * A held lock, semaphore permit or condition lock, released by {@link #close()}: Spindle's
 * spelling of Python's {@code with lock:}.
 *
 * <p><b>Sample usage</b>
 * {@snippet :
 * RLock accounts = new RLock("accounts");
 * try (Held held = accounts.hold()) {
 *     balance -= amount;          // released on every exit, also when this throws
 * }
 * }
 *
 * <p>{@code close()} throws no checked exception, so a try-with-resources needs no extra catch.
 * Closing a {@code Held} releases once; closing it twice releases twice, exactly as calling
 * {@code release()} twice would.
 */
@FunctionalInterface
public interface Held extends AutoCloseable {

    /** Releases what {@code hold()} acquired. */
    @Override
    void close();
}
