package dev.spindle.multiprocessing.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Mutual authentication of a new connection by an HMAC challenge over the process tree's key,
 * as {@code multiprocessing.connection}'s {@code deliver_challenge}/{@code answer_challenge}, in
 * both directions, before anything else is read.
 *
 * <pre>
 *   server -> client   CHALLENGE  nonceS (32 random bytes)
 *   client -> server   ANSWER     HMAC(key, "client" || nonceS) || nonceC (32 random bytes)
 *   server -> client   WELCOME    HMAC(key, "server" || nonceC)       (or FAILURE, then close)
 * </pre>
 *
 * Each side proves it holds the key without sending it; the labels keep an answer from being
 * replayed in the other direction; the nonces are fresh per connection. Frames are at most
 * {@link FrameChannel#HANDSHAKE_MAX} bytes, so an unauthenticated peer cannot make either side
 * allocate more. MACs are compared in constant time.
 */
public final class Handshake {

    private static final byte CHALLENGE = 1;
    private static final byte ANSWER = 2;
    private static final byte WELCOME = 3;
    private static final byte FAILURE = 4;
    private static final int NONCE = 32;
    private static final byte[] CLIENT = "client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER = "server".getBytes(StandardCharsets.US_ASCII);

    private Handshake() {}

    /**
     * The accepting side.
     *
     * @throws IOException if the peer does not prove it holds {@code key}, or the connection fails
     */
    public static void server(FrameChannel channel, byte[] key) throws IOException {
        byte[] nonceS = Entropy.bytes(NONCE);
        channel.writeNow(typed(CHALLENGE, nonceS));
        byte[] answer = channel.readNow(FrameChannel.HANDSHAKE_MAX);
        if (answer.length != 1 + HmacSha256.LENGTH + NONCE || answer[0] != ANSWER) {
            channel.writeNow(new byte[] {FAILURE});
            throw new IOException("authentication failed: malformed answer");
        }
        byte[] mac = Arrays.copyOfRange(answer, 1, 1 + HmacSha256.LENGTH);
        if (!HmacSha256.equal(mac, HmacSha256.mac(key, concat(CLIENT, nonceS)))) {
            channel.writeNow(new byte[] {FAILURE});
            throw new IOException("authentication failed: the peer does not hold this process tree's key");
        }
        byte[] nonceC = Arrays.copyOfRange(answer, 1 + HmacSha256.LENGTH, answer.length);
        channel.writeNow(typed(WELCOME, HmacSha256.mac(key, concat(SERVER, nonceC))));
    }

    /**
     * The connecting side.
     *
     * @throws IOException if the server does not prove it holds {@code key}, refuses ours, or the
     *     connection fails
     */
    public static void client(FrameChannel channel, byte[] key) throws IOException {
        byte[] challenge = channel.readNow(FrameChannel.HANDSHAKE_MAX);
        if (challenge.length != 1 + NONCE || challenge[0] != CHALLENGE) {
            throw new IOException("authentication failed: malformed challenge");
        }
        byte[] nonceS = Arrays.copyOfRange(challenge, 1, challenge.length);
        byte[] nonceC = Entropy.bytes(NONCE);
        channel.writeNow(typed(ANSWER, concat(HmacSha256.mac(key, concat(CLIENT, nonceS)), nonceC)));
        byte[] welcome = channel.readNow(FrameChannel.HANDSHAKE_MAX);
        if (welcome.length == 1 && welcome[0] == FAILURE) {
            throw new IOException("authentication failed: the server refused this process's key");
        }
        if (welcome.length != 1 + HmacSha256.LENGTH || welcome[0] != WELCOME
                || !HmacSha256.equal(Arrays.copyOfRange(welcome, 1, welcome.length), HmacSha256.mac(key, concat(SERVER, nonceC)))) {
            throw new IOException("authentication failed: the server does not hold this process tree's key");
        }
    }

    private static byte[] typed(byte type, byte[] body) {
        byte[] out = new byte[1 + body.length];
        out[0] = type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
