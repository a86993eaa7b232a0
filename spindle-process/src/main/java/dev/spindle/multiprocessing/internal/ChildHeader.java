package dev.spindle.multiprocessing.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What a parent writes on a child's stdin, and all of it: the tree's key, where the child
 * reports how it exits, who the parent is, and the serialized task. Nothing of this is on the
 * command line, where {@code ps} would show it. After it the parent writes nothing more and
 * keeps the pipe open; the child takes end-of-file as the parent's death ({@link ParentWatch}).
 *
 * <pre>
 *   int     MAGIC ('SPN1')
 *   bytes   authkey             (int length, then the bytes)
 *   UTF     status file path    (see {@link ExitStatus})
 *   long    parent pid
 *   long    parent start, epoch millis (-1: unknown)
 *   UTF     parent name
 *   bytes   task                (the serialized process object)
 * </pre>
 *
 * @param authkey the tree's key
 * @param statusFile where the child writes how it ends
 * @param parentPid the parent's pid
 * @param parentStartMillis the parent's start instant, to tell it from a later process with its pid
 * @param parentName the parent's process name
 * @param task the serialized process object
 */
public record ChildHeader(byte[] authkey, String statusFile, long parentPid, long parentStartMillis, String parentName, byte[] task) {

    private static final int MAGIC = 0x53504e31;

    /** Writes the header and task to {@code out}, and flushes. */
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(authkey.length);
        data.write(authkey);
        data.writeUTF(statusFile);
        data.writeLong(parentPid);
        data.writeLong(parentStartMillis);
        data.writeUTF(parentName);
        data.writeInt(task.length);
        data.write(task);
        data.flush();
    }

    /** Reads what {@link #writeTo} wrote. */
    static ChildHeader readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != MAGIC) {
            throw new IOException("this program is started by Spindle's JvmProcess, which writes its task on stdin"
                    + " (read 0x" + Integer.toHexString(magic) + ")");
        }
        byte[] key = data.readNBytes(checked(data.readInt(), 1024));
        String status = data.readUTF();
        long pid = data.readLong();
        long start = data.readLong();
        String name = data.readUTF();
        int n = checked(data.readInt(), Integer.MAX_VALUE - 64);
        byte[] task = new byte[n];
        data.readFully(task);
        return new ChildHeader(key, status, pid, start, name, task);
    }

    private static int checked(int n, int max) throws IOException {
        if (n < 0 || n > max) {
            throw new IOException("bad length " + n + " in the task header");
        }
        return n;
    }
}
