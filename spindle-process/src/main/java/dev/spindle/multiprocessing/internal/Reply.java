package dev.spindle.multiprocessing.internal;

import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The answer to one call: a status and a payload. Status 0 is success; 1 to 99 belong to the
 * object called (a queue's "empty", a pipe's "end of file"); the others are the call layer's own.
 */
public record Reply(int status, byte[] payload) {

    /** Success. */
    public static final int OK = 0;
    /** The call was cancelled before it had any effect (its caller was interrupted). */
    public static final int CANCELLED = 100;
    /** No object with that id lives in the called process (closed, or never there). */
    public static final int NO_OBJECT = 101;
    /** The object failed in an unexpected way; the payload is the message. */
    public static final int FAILED = 102;

    private static final byte[] EMPTY = new byte[0];

    /** Success without a payload. */
    public static Reply ok() {
        return new Reply(OK, EMPTY);
    }

    /** Success with {@code payload}. */
    public static Reply ok(byte[] payload) {
        return new Reply(OK, payload);
    }

    /** Status {@code status}, no payload. */
    public static Reply of(int status) {
        return new Reply(status, EMPTY);
    }

    /** Status {@code status} with a message as the payload. */
    public static Reply of(int status, String message) {
        return new Reply(status, message.getBytes(StandardCharsets.UTF_8));
    }

    /** True for {@link #OK}. */
    public boolean isOk() {
        return status == OK;
    }

    /** The payload read as a message. */
    public String message() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A reader over the payload. */
    public DataInputStream in() {
        return Wire.in(payload, 0);
    }
}
