package dev.spindle.futures;

/**
 * Something that {@link Futures#wait} or {@link Futures#asCompleted} registers on each future it
 * waits for (CPython's {@code _Waiter}): the future calls {@link #onNotified} exactly once, when
 * it finishes or is cancelled and notified, unless the waiter has detached by then.
 *
 * <p>{@link #onNotified} runs in the thread that completes the future: it must be quick and must
 * not throw. {@link #detach()} is how a waiter leaves every future at once; the futures then
 * unlink it lazily ({@link Future#removeDetachedWaiters()}).
 */
abstract class Waiter {

    private volatile boolean detached;

    /** Called once per future this waiter is registered on, when that future is notified. */
    abstract void onNotified(Future<?> future);

    /** Stops listening: from now on no future calls {@link #onNotified} (one in flight may finish). */
    final void detach() {
        detached = true;
    }

    final boolean detached() {
        return detached;
    }
}
