package dev.spindle.multiprocessing.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builders and readers for the little binary payloads of calls and replies. */
public final class Wire {

    private Wire() {}

    /** A payload being written: {@link DataOutputStream} methods, then {@link #bytes()}. */
    public static final class Out extends DataOutputStream {
        public Out() {
            super(new ByteArrayOutputStream(64));
        }

        /** Writes a length-prefixed byte array. */
        public Out bytes(byte[] data) {
            try {
                writeInt(data.length);
                write(data);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
            }
        }

        /** Writes a long. */
        public Out i64(long value) {
            try {
                writeLong(value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes an int. */
        public Out i32(int value) {
            try {
                writeInt(value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes a string. */
        public Out utf(String value) {
            try {
                writeUTF(value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes one unsigned byte. */
        public Out u8(int value) {
            try {
                writeByte(value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The bytes written so far. */
        public byte[] array() {
            return ((ByteArrayOutputStream) out).toByteArray();
        }
    }

    /** Reads a payload from {@code offset} to the end of {@code data}. */
    public static DataInputStream in(byte[] data, int offset) {
        return new DataInputStream(new ByteArrayInputStream(data, offset, data.length - offset));
    }

    /** Writes {@code value} big-endian into {@code b} at {@code at}. */
    public static void putLong(byte[] b, int at, long value) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    /** Reads a big-endian long from {@code b} at {@code at}. */
    public static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    /** Writes {@code value} big-endian into {@code b} at {@code at}. */
    public static void putInt(byte[] b, int at, int value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    /** Reads a big-endian int from {@code b} at {@code at}. */
    public static int getInt(byte[] b, int at) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    /** Reads a length-prefixed byte array written by {@link Out#bytes(byte[])}. */
    public static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative length " + n);
        }
        return in.readNBytes(n);
    }
}
