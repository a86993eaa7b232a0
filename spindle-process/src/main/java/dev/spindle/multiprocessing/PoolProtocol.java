package dev.spindle.multiprocessing;

import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.multiprocessing.internal.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;

/**
 * What a {@link ProcessPoolExecutor} and its workers say to each other over a worker's channel
 * (a {@code FrameChannel}: one frame per message, in order), and how outcomes are encoded. Both
 * sides use this class: the pool in the parent, {@link PoolWorker} in the child.
 *
 * <pre>
 *   pool -> worker
 *     FUNCTION  [1][fn:8][serialized function]        cache a map function under fn
 *     FORGET    [2][fn:8]                             drop it
 *     CALL      [3][task:8][serialized Callable]      run it, reply RESULT
 *     APPLY     [4][task:8][fn:8][serialized Object[]] apply fn to each item, reply RESULT
 *     SKIP      [5][task:8][n:4][index:4]*n           the next APPLY's items at these indexes were cancelled
 *     INTERRUPT [6][task:8]                           interrupt the task if it is still running
 *     EXIT      [7]                                   end (sent only to a worker with nothing in flight)
 *   worker -> pool
 *     READY       [10]                                the initializer ran; send work
 *     INIT_FAILED [11][serialized Thrown]             the initializer threw; the worker ends
 *     RESULT      [12][task:8][status:1][payload]     VALUE: the serialized value; THROWN: a Thrown;
 *                                                     OUTCOMES: an Object[] of values and Thrown
 * </pre>
 *
 * A worker runs one task at a time and the pool sends it the next only after its result, so the
 * pool always knows which task a worker is running. Everything a task brings (its arguments,
 * captured values) is serialized by the caller before the task is queued; everything it returns
 * or throws is serialized by the worker, and a failure to do so becomes the task's exception.
 */
final class PoolProtocol {

    static final byte FUNCTION = 1;
    static final byte FORGET = 2;
    static final byte CALL = 3;
    static final byte APPLY = 4;
    static final byte SKIP = 5;
    static final byte INTERRUPT = 6;
    static final byte EXIT = 7;

    static final byte READY = 10;
    static final byte INIT_FAILED = 11;
    static final byte RESULT = 12;

    static final byte VALUE = 0;
    static final byte THROWN = 1;
    static final byte OUTCOMES = 2;

    /** Where a RESULT's payload starts. */
    static final int RESULT_HEADER = 10;

    private PoolProtocol() {}

    /**
     * An exception thrown in a worker, with the stack trace it had there. In the parent,
     * {@link #restore()} gives the exception with a {@link RemoteTraceback} as its cause (PPE-04).
     */
    static final class Thrown implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        final Throwable exception;
        final RemoteTraceback traceback;

        Thrown(Throwable exception, RemoteTraceback traceback) {
            this.exception = exception;
            this.traceback = traceback;
        }

        /** In the worker: {@code exception} and its stack trace as text. */
        static Thrown of(Throwable exception) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                exception.printStackTrace(out);
            }
            return new Thrown(exception, new RemoteTraceback(trace.toString()));
        }

        /**
         * In the parent: the exception, whose cause is the traceback. The worker wrote the
         * traceback in place of the cause the exception had there (see {@link #encode}); an
         * exception that had none gets it now, and one whose cause was set to null for good
         * carries it as a suppressed exception.
         */
        Throwable restore() {
            if (exception.getCause() != traceback) {
                try {
                    exception.initCause(traceback);
                } catch (IllegalStateException | IllegalArgumentException causeAlreadySet) {
                    exception.addSuppressed(traceback);
                }
            }
            return exception;
        }
    }

    // ---------------------------------------------------------------------------- frames

    /** A frame of {@code type}, an 8-byte number, and {@code object} serialized after them. */
    static byte[] frame(byte type, long number, Object object) throws IOException {
        Frame out = new Frame(type, number);
        Codec.serialize(object, NONE, out);
        return out.toByteArray();
    }

    /** A frame of {@code type} and an 8-byte number. */
    static byte[] frame(byte type, long number) {
        byte[] f = new byte[9];
        f[0] = type;
        Wire.putLong(f, 1, number);
        return f;
    }

    /** FUNCTION: cache {@code bytes}, a serialized map function, as {@code fn}. */
    static byte[] function(long fn, byte[] bytes) {
        byte[] f = new byte[9 + bytes.length];
        f[0] = FUNCTION;
        Wire.putLong(f, 1, fn);
        System.arraycopy(bytes, 0, f, 9, bytes.length);
        return f;
    }

    /** APPLY: function {@code fn} applied to each of {@code items}. */
    static byte[] apply(long task, long fn, Object[] items) throws IOException {
        Frame out = new Frame(APPLY, task);
        out.writeLong(fn);
        Codec.serialize(items, NONE, out);
        return out.toByteArray();
    }

    /** SKIP: the APPLY of {@code task} must leave out the items at {@code indexes}. */
    static byte[] skip(long task, int[] indexes) {
        byte[] f = new byte[13 + 4 * indexes.length];
        f[0] = SKIP;
        Wire.putLong(f, 1, task);
        Wire.putInt(f, 9, indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            Wire.putInt(f, 13 + 4 * i, indexes[i]);
        }
        return f;
    }

    /** The indexes of a SKIP frame. */
    static int[] skipped(byte[] f) {
        int[] indexes = new int[Wire.getInt(f, 9)];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = Wire.getInt(f, 13 + 4 * i);
        }
        return indexes;
    }

    // ---------------------------------------------------------------------------- outcomes (worker side)

    /** RESULT for a value; if the value cannot be serialized, RESULT for that failure (PPE-16). */
    static byte[] value(long task, Object value) {
        try {
            Frame out = new Frame(RESULT, task);
            out.write(VALUE);
            Codec.serialize(value, NONE, out);
            return out.toByteArray();
        } catch (Throwable e) {
            return thrown(task, Thrown.of(e));
        }
    }

    /** RESULT for an exception; one that cannot be serialized is replaced by a stand-in naming it. */
    static byte[] thrown(long task, Thrown thrown) {
        try {
            return encodeThrown(RESULT, task, thrown);
        } catch (Throwable e) {
            return standIn(RESULT, task, thrown, e);
        }
    }

    /** INIT_FAILED for the initializer's exception. */
    static byte[] initFailed(Thrown thrown) {
        try {
            return encodeThrown(INIT_FAILED, 0, thrown);
        } catch (Throwable e) {
            return standIn(INIT_FAILED, 0, thrown, e);
        }
    }

    /**
     * RESULT for a chunk's outcomes: values, and {@link Thrown} for the items whose call threw.
     * An item whose value or exception cannot be serialized gets that failure (or a stand-in)
     * instead, and the others go through.
     */
    static byte[] outcomes(long task, Object[] outcomes) {
        try {
            return encodeOutcomes(task, outcomes);
        } catch (Throwable whole) {
            for (int i = 0; i < outcomes.length; i++) {
                try {
                    Codec.serialize(outcomes[i], tracebacks(outcomes[i]), OutputStream.nullOutputStream());
                } catch (Throwable e) {
                    outcomes[i] = outcomes[i] instanceof Thrown t ? standIn(t, e) : Thrown.of(e);
                }
            }
            try {
                return encodeOutcomes(task, outcomes);
            } catch (Throwable e) {
                return thrown(task, Thrown.of(e));
            }
        }
    }

    private static byte[] encodeOutcomes(long task, Object[] outcomes) throws IOException {
        Frame out = new Frame(RESULT, task);
        out.write(OUTCOMES);
        IdentityHashMap<Object, Object> replacements = new IdentityHashMap<>();
        for (Object o : outcomes) {
            replacements.putAll(tracebacks(o));
        }
        Codec.serialize(outcomes, replacements, out);
        return out.toByteArray();
    }

    /** {@code thrown} serialized, its exception's cause replaced by its traceback (see {@link Thrown#restore()}). */
    private static byte[] encodeThrown(byte type, long task, Thrown thrown) throws IOException {
        Frame out = new Frame(type, task);
        if (type == RESULT) {
            out.write(THROWN);
        }
        Codec.serialize(thrown, tracebacks(thrown), out);
        return out.toByteArray();
    }

    private static byte[] standIn(byte type, long task, Thrown thrown, Throwable failure) {
        try {
            return encodeThrown(type, task, standIn(thrown, failure));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a stand-in exception", e);   // plain JDK classes: a bug
        }
    }

    /** A {@link NotSerializableException} naming the exception that could not be serialized, with its trace. */
    private static Thrown standIn(Thrown thrown, Throwable failure) {
        NotSerializableException standIn = new NotSerializableException("the task threw " + thrown.exception
                + ", which cannot be serialized: " + failure);
        standIn.setStackTrace(new StackTraceElement[0]);
        return new Thrown(standIn, thrown.traceback);
    }

    /** For a Thrown: its exception's cause, to be written as its traceback; nothing for a value. */
    private static IdentityHashMap<Object, Object> tracebacks(Object outcome) {
        IdentityHashMap<Object, Object> map = new IdentityHashMap<>();
        if (outcome instanceof Thrown t && t.exception.getCause() != null) {
            map.put(t.exception.getCause(), t.traceback);
        }
        return map;
    }

    private static final IdentityHashMap<Object, Object> NONE = new IdentityHashMap<>(0);

    /** A frame being written: the type and an 8-byte number first. */
    private static final class Frame extends ByteArrayOutputStream {
        Frame(byte type, long number) {
            super(256);
            write(type);
            writeLong(number);
        }

        void writeLong(long value) {
            for (int i = 0; i < 8; i++) {
                write((int) (value >>> (56 - 8 * i)));
            }
        }
    }
}
