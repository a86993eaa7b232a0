package dev.spindle.multiprocessing;

import dev.spindle.multiprocessing.PoolProtocol.Thrown;
import dev.spindle.multiprocessing.internal.Codec;
import dev.spindle.multiprocessing.internal.FrameChannel;
import dev.spindle.multiprocessing.internal.Link;
import dev.spindle.multiprocessing.internal.Server;
import dev.spindle.multiprocessing.internal.Wire;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A worker process of a {@link ProcessPoolExecutor}: the {@link JvmProcess} the pool starts, and,
 * in the child, the loop that runs the pool's tasks (CPython's {@code _process_worker}).
 *
 * <p>In the child, {@link #run()} connects back to the pool's process (its control server, with
 * the tree's key) twice: a task channel, which this, the JVM's main thread, reads and writes
 * itself, and a control channel for INTERRUPT, read by a thread of its own, since the main thread
 * is busy with the task to be interrupted. It runs the initializer, says READY, and then runs one
 * task at a time, in the order they come, until the pool says EXIT or goes away. An INTERRUPT
 * interrupts the main thread if, and only if, that task is running, or as it begins if it has
 * not yet (see {@code running}, {@code interruptFor}). Functions of {@code map} arrive once
 * (FUNCTION) and are deserialized on first use, on the main thread, so that a failure to read
 * one is that task's failure. Whatever
 * a task throws, errors included, goes back as its outcome; what ends the JVM ends the worker,
 * and the pool sees that (see {@link ProcessPoolExecutor}). The protocol is {@link PoolProtocol}.
 */
final class PoolWorker extends JvmProcess {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String address;
    private final long acceptor;
    private final long token;
    private final byte[] initializer;

    /**
     * A worker that will connect to acceptor {@code acceptor} of the control server at
     * {@code address}, introducing itself with {@code token}.
     *
     * @param initializer the serialized initializer, or null
     */
    PoolWorker(String name, String address, long acceptor, long token, byte[] initializer) {
        this.address = address;
        this.acceptor = acceptor;
        this.token = token;
        this.initializer = initializer;
        setName(name);
    }

    /** In the child: the worker's life. */
    @Override
    public void run() {
        FrameChannel channel;
        FrameChannel control;
        try {
            channel = Link.dial(address, Server.attachHello(acceptor, token));
            control = Link.dial(address, Server.attachHello(acceptor, -token));
        } catch (IOException e) {
            throw new UncheckedIOException(name() + " cannot reach its pool in " + address, e);
        }
        Loop loop = new Loop(channel);
        control.start(loop);
        try {
            if (initializer != null) {
                try {
                    ((Runnable) Codec.deserialize(initializer)).run();
                } catch (Throwable t) {
                    channel.writeNow(PoolProtocol.initFailed(Thrown.of(t)));
                    return;
                }
            }
            channel.writeNow(new byte[] {PoolProtocol.READY});
        } catch (IOException e) {
            channel.close();
            return;     // the pool is gone
        }
        loop.run();
    }

    /**
     * The task loop on the worker's main thread, which reads and writes the task channel itself
     * (no thread handoff on a task's way in or out), and the control channel's handler.
     */
    private static final class Loop implements FrameChannel.Handler {

        /*
         * `running` is the task the main thread is running (0: none); it is written by the main
         * thread and read by the control channel's reader thread, both under `interruptLock`, so
         * an INTERRUPT reaches the task it names and never a later one: the main thread clears
         * `running` and then the interrupt status before it reads or writes the task channel
         * again (an interrupt during socket I/O would close it). The function maps and `skip`
         * are the main thread's own.
         */
        private final FrameChannel channel;
        private final Thread main = Thread.currentThread();
        private final Object interruptLock = new Object();
        private long running;
        private long interruptFor;
        private final Map<Long, byte[]> functionBytes = new HashMap<>();
        private final Map<Long, Function<Object, Object>> functions = new HashMap<>();
        private int[] skip;

        Loop(FrameChannel channel) {
            this.channel = channel;
        }

        /** A control frame: INTERRUPT is the only one. */
        @Override
        public void frame(byte[] frame) {
            if (frame.length == 9 && frame[0] == PoolProtocol.INTERRUPT) {
                interrupt(Wire.getLong(frame, 1));
            }
        }

        /** The control channel closed: the pool is gone or dropped this worker; the task channel says so too. */
        @Override
        public void closed(IOException cause) {}

        /** INTERRUPT: interrupts the task now if it runs, or as it begins if it is still queued here. */
        private void interrupt(long task) {
            synchronized (interruptLock) {
                if (running == task) {
                    main.interrupt();
                } else {
                    interruptFor = task;
                }
            }
        }

        void run() {
            for (;;) {
                byte[] f;
                try {
                    f = channel.readNow(FrameChannel.MAX);
                } catch (IOException e) {
                    channel.close();
                    return;     // the pool is gone, or closed this worker's channel
                }
                if (f.length == 0) {
                    channel.close();
                    return;
                }
                switch (f[0]) {
                    case PoolProtocol.FUNCTION -> functionBytes.put(Wire.getLong(f, 1), Arrays.copyOfRange(f, 9, f.length));
                    case PoolProtocol.FORGET -> {
                        functionBytes.remove(Wire.getLong(f, 1));
                        functions.remove(Wire.getLong(f, 1));
                    }
                    case PoolProtocol.SKIP -> skip = PoolProtocol.skipped(f);
                    case PoolProtocol.CALL -> send(call(f));
                    case PoolProtocol.APPLY -> send(apply(f));
                    case PoolProtocol.EXIT -> {
                        return;
                    }
                    default -> {
                        channel.close();        // not the pool's protocol
                        return;
                    }
                }
            }
        }

        private byte[] call(byte[] f) {
            long task = Wire.getLong(f, 1);
            begin(task);
            Object value;
            try {
                Callable<?> callable = (Callable<?>) Codec.deserialize(f, 9, f.length - 9);
                value = callable.call();
            } catch (Throwable t) {
                end();
                return PoolProtocol.thrown(task, Thrown.of(t));
            }
            end();
            return PoolProtocol.value(task, value);
        }

        private byte[] apply(byte[] f) {
            long task = Wire.getLong(f, 1);
            int[] skipped = skip;
            skip = null;
            begin(task);
            Object[] outcomes;
            try {
                Function<Object, Object> fn = function(Wire.getLong(f, 9));
                Object[] items = (Object[]) Codec.deserialize(f, 17, f.length - 17);
                outcomes = new Object[items.length];
                boolean[] leaveOut = new boolean[items.length];
                if (skipped != null) {
                    for (int i : skipped) {
                        leaveOut[i] = true;
                    }
                }
                for (int i = 0; i < items.length; i++) {
                    if (leaveOut[i]) {
                        continue;
                    }
                    try {
                        outcomes[i] = fn.apply(items[i]);
                    } catch (Throwable t) {
                        outcomes[i] = Thrown.of(t);
                    }
                }
            } catch (Throwable t) {
                end();
                return PoolProtocol.thrown(task, Thrown.of(t));
            }
            end();
            return PoolProtocol.outcomes(task, outcomes);
        }

        @SuppressWarnings("unchecked")
        private Function<Object, Object> function(long id) throws IOException, ClassNotFoundException {
            Function<Object, Object> fn = functions.get(id);
            if (fn == null) {
                byte[] bytes = functionBytes.get(id);
                if (bytes == null) {
                    throw new IllegalStateException("the pool never sent function " + id);
                }
                fn = (Function<Object, Object>) Codec.deserialize(bytes);
                functions.put(id, fn);
            }
            return fn;
        }

        private void begin(long task) {
            synchronized (interruptLock) {
                running = task;
                if (interruptFor == task) {
                    main.interrupt();
                }
            }
        }

        private void end() {
            synchronized (interruptLock) {
                running = 0;
            }
            Thread.interrupted();   // an interrupt for the task that just ended must not reach the next one
        }

        /**
         * Writes a result on this, the main thread: the channel's only writer (the reader thread
         * never writes), so it needs no writer thread, and a task's round trip one thread handoff
         * less. Safe from interrupts: they reach this thread only while a task runs, and
         * {@link #end()} has cleared the status (an interrupted thread would close the socket).
         */
        private void send(byte[] frame) {
            try {
                channel.writeNow(frame);
            } catch (IOException e) {
                channel.close();    // the pool is gone: the next read ends the loop
            }
        }
    }
}
