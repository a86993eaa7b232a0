package dev.spindle.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hand-written HMAC-SHA256 agrees with RFC 4231 and with the JDK's, for every length around the block size. */
class HmacSha256Test {

    @Test
    @DisplayName("RFC 4231 test cases 1, 2 and 6 (a key longer than the block)")
    void rfc4231() {
        HexFormat hex = HexFormat.of();
        byte[] key1 = new byte[20];
        java.util.Arrays.fill(key1, (byte) 0x0b);
        assertThat(hex.formatHex(HmacSha256.mac(key1, "Hi There".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(hex.formatHex(HmacSha256.mac("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        byte[] key6 = new byte[131];
        java.util.Arrays.fill(key6, (byte) 0xaa);
        assertThat(hex.formatHex(HmacSha256.mac(key6,
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    @DisplayName("agrees with javax.crypto's HmacSHA256 and MessageDigest's SHA-256 on random keys and messages of 0 to 200 bytes")
    void agreesWithTheJdk() throws Exception {
        Random random = new Random(42);
        Mac jdk = Mac.getInstance("HmacSHA256");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int n = 0; n <= 200; n++) {
            byte[] key = new byte[1 + random.nextInt(100)];
            byte[] message = new byte[n];
            random.nextBytes(key);
            random.nextBytes(message);
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            assertThat(HmacSha256.mac(key, message)).as("length " + n).isEqualTo(jdk.doFinal(message));
            assertThat(HmacSha256.sha256(message)).isEqualTo(sha.digest(message));
        }
        assertThat(HmacSha256.equal(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(HmacSha256.equal(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(HmacSha256.equal(new byte[] {1}, new byte[] {1, 2})).isFalse();
    }
}
