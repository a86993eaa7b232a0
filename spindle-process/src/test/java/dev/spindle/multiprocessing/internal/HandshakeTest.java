package dev.spindle.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HMAC challenge both ways: the same key passes, another key fails on both sides. */
@Timeout(30)
class HandshakeTest {

    private static void handshake(Path dir, byte[] serverKey, byte[] clientKey, CompletableFuture<IOException> serverOutcome)
            throws Exception {
        Path path = dir.resolve("t.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            Thread.ofPlatform().daemon(true).start(() -> {
                try (SocketChannel s = server.accept(); FrameChannel channel = new FrameChannel(s, "server")) {
                    Handshake.server(channel, serverKey);
                    serverOutcome.complete(null);
                } catch (IOException e) {
                    serverOutcome.complete(e);
                }
            });
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(path));
                Handshake.client(new FrameChannel(c, "client"), clientKey);
            }
        }
    }

    @Test
    @DisplayName("both sides holding the key authenticate each other")
    void sameKey(@TempDir Path dir) throws Exception {
        byte[] key = Entropy.bytes(32);
        CompletableFuture<IOException> server = new CompletableFuture<>();
        handshake(dir, key, key.clone(), server);
        assertThat(server.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    @DisplayName("a client with another key is refused, and learns it")
    void wrongKey(@TempDir Path dir) throws Exception {
        CompletableFuture<IOException> server = new CompletableFuture<>();
        assertThatThrownBy(() -> handshake(dir, Entropy.bytes(32), Entropy.bytes(32), server))
                .isInstanceOf(IOException.class).hasMessageContaining("authentication failed");
        assertThat(server.get(10, TimeUnit.SECONDS)).hasMessageContaining("does not hold this process tree's key");
    }
}
