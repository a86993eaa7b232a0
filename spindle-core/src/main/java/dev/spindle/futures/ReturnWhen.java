package dev.spindle.futures;

/** When {@link Futures#wait} returns: Python's {@code return_when} constants. */
public enum ReturnWhen {
    /** When any future finishes or is cancelled (and notified) (WAIT-02, WAIT-03). */
    FIRST_COMPLETED,
    /**
     * When any future finishes with an exception; if none does, when all are done, as
     * {@link #ALL_COMPLETED} (WAIT-04..06).
     */
    FIRST_EXCEPTION,
    /** When every future is done (WAIT-07). */
    ALL_COMPLETED
}
