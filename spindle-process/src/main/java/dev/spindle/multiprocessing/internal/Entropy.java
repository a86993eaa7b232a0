package dev.spindle.multiprocessing.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Random bytes for keys and challenges, read from {@code /dev/urandom} (the kernel's CSPRNG),
 * falling back to {@link SecureRandom} where there is none. Reading the device directly keeps the
 * JDK's security providers out of a child's start-up (see {@link HmacSha256}).
 */
public final class Entropy {

    private Entropy() {}

    /** Returns {@code n} random bytes. */
    public static byte[] bytes(int n) {
        byte[] out = new byte[n];
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            int off = 0;
            while (off < n) {
                int r = in.read(out, off, n - off);
                if (r < 0) {
                    throw new IOException("EOF on /dev/urandom");
                }
                off += r;
            }
            return out;
        } catch (IOException e) {
            new SecureRandom().nextBytes(out);
            return out;
        }
    }
}
