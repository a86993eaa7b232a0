package dev.spindle.futures;

/** Futures in each of Python's states, built through the public API (CPython's {@code create_future}). */
final class TestFutures {

    private TestFutures() {}

    static <T> Future<T> pending() {
        return new Future<>();
    }

    static <T> Future<T> running() {
        Future<T> f = new Future<>();
        f.setRunningOrNotifyCancel();
        return f;
    }

    static <T> Future<T> cancelled() {
        Future<T> f = new Future<>();
        f.cancel();
        return f;
    }

    static <T> Future<T> cancelledAndNotified() {
        Future<T> f = cancelled();
        f.setRunningOrNotifyCancel();
        return f;
    }

    static <T> Future<T> finished(T result) {
        Future<T> f = new Future<>();
        f.setResult(result);
        return f;
    }

    static <T> Future<T> failed(Throwable exception) {
        Future<T> f = new Future<>();
        f.setException(exception);
        return f;
    }
}
