package dev.spindle.multiprocessing.internal;

import java.io.DataInputStream;

/**
 * An object that other processes call through this process's {@link Server}: a pipe, a queue.
 * Each call runs on a thread of the server's pool and may block; a caller that is interrupted
 * cancels its call, which interrupts that thread.
 */
public interface Served {

    /**
     * Serves one call.
     *
     * @param peer the process calling, for what must be released when it goes away
     * @param op the operation, as the object defines it
     * @param args the call's payload
     * @return the reply
     * @throws InterruptedException when the call is cancelled while it waits; the reply is then
     *     {@link Reply#CANCELLED}, so it must have had no effect
     * @throws Exception anything else; the reply is then {@link Reply#FAILED} with its message
     */
    Reply serve(Peer peer, int op, DataInputStream args) throws Exception;
}
