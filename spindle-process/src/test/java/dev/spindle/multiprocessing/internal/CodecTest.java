package dev.spindle.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The deserialization filter: what it lets through and what it rejects. */
class CodecTest {

    /** A stand-in for a gadget class: same name prefix as a denied package. */
    static final class Node implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        Node next;
    }

    @Test
    @DisplayName("ordinary objects and the user's own classes round-trip")
    void roundTrip() throws Exception {
        Object value = Map.of("list", new ArrayList<>(List.of(1, 2.5, "x")), "array", new int[] {1, 2, 3});
        Object back = Codec.deserialize(Codec.serialize(value));
        assertThat(back).usingRecursiveComparison().isEqualTo(value);
        assertThat(Codec.deserialize(Codec.serialize(new Node()))).isInstanceOf(Node.class);
    }

    @Test
    @DisplayName("a graph deeper than the cap is rejected with InvalidClassException; one just under it passes")
    void depthCap() throws Exception {
        // Serialization recurses once per level: a deep stack, so that writing is not what fails.
        java.util.concurrent.FutureTask<Void> body = new java.util.concurrent.FutureTask<>(() -> {
            byte[] tooDeep = Codec.serialize(chain(Codec.MAX_DEPTH + 10));
            assertThatThrownBy(() -> Codec.deserialize(tooDeep)).isInstanceOf(InvalidClassException.class)
                    .hasMessageContaining("REJECTED");
            assertThat(Codec.deserialize(Codec.serialize(chain(Codec.MAX_DEPTH / 2 - 10)))).isInstanceOf(Node.class);
            return null;
        });
        Thread deep = new Thread(null, body, "deep-stack", 256L << 20);
        deep.start();
        body.get();
    }

    private static Node chain(int length) {
        Node head = new Node();
        Node n = head;
        for (int i = 1; i < length; i++) {
            n.next = new Node();
            n = n.next;
        }
        return head;
    }

    @Test
    @DisplayName("an array whose header claims more elements than the message has bytes is rejected before it is allocated")
    void arrayBomb() throws Exception {
        byte[] honest = Codec.serialize(new byte[16]);
        // The length is the 4 bytes before the 16 data bytes at the end; claim 2^30 instead.
        byte[] forged = honest.clone();
        int at = forged.length - 16 - 4;
        ByteArrayOutputStream length = new ByteArrayOutputStream();
        new DataOutputStream(length).writeInt(1 << 30);
        System.arraycopy(length.toByteArray(), 0, forged, at, 4);
        assertThatThrownBy(() -> Codec.deserialize(forged)).isInstanceOf(InvalidClassException.class);
        assertThat((byte[]) Codec.deserialize(honest)).hasSize(16);
    }

    @Test
    @DisplayName("classes of known gadget chains are rejected by name")
    void deniedPackages() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            // javax.management.BadAttributeValueExpException is the classic trigger of a chain.
            out.writeObject(new javax.management.BadAttributeValueExpException("x"));
        }
        assertThatThrownBy(() -> Codec.deserialize(bytes.toByteArray())).isInstanceOf(InvalidClassException.class);
    }
}
