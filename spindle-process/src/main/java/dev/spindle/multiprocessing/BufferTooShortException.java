package dev.spindle.multiprocessing;

import java.io.IOException;

/**
 * Thrown by {@link Connection#recvBytesInto(byte[], int)} when the message does not fit in the
 * buffer: Python's {@code multiprocessing.BufferTooShort}. The message has been received (it is
 * no longer in the pipe), and this exception carries all of it ({@link #data()}), as Python's
 * carries it in {@code args[0]} (PIPE-03).
 */
public class BufferTooShortException extends IOException {

    private static final long serialVersionUID = 1L;

    private final byte[] data;

    /** Creates the exception for a message of {@code data.length} bytes and a buffer of {@code room}. */
    public BufferTooShortException(byte[] data, int room) {
        super("the message of " + data.length + " bytes does not fit in the " + room + " bytes left in the buffer");
        this.data = data.clone();
    }

    /** The whole message, as received (a copy). */
    public byte[] data() {
        return data.clone();
    }
}
