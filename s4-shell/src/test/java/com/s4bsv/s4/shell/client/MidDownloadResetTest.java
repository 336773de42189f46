package com.s4bsv.s4.shell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.key.S4Key;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw socket node that sends half of the promised body and then resets the connection. */
class MidDownloadResetTest {

    @TempDir
    Path dir;

    @Test
    void aResetAfterHalfTheBodyFailsNamingTheKeyAndLeavesNoFile() throws Exception {
        var served = new AtomicInteger();
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread thread = Thread.ofVirtual().start(() -> serveHalfThenReset(server, served));
            var client = new S4Client(ClusterConfig.parse("127.0.0.1:" + server.getLocalPort() + "\n", "test"));
            Files.writeString(dir.resolve("keep.txt"), "old");
            Path target = dir.resolve("keep.txt");

            assertThatThrownBy(() -> client.get(S4Key.parse("s4://bucket/big.bin"), target, Progress.NONE))
                    .isInstanceOf(S4ClientException.class)
                    .hasMessageContaining("s4://bucket/big.bin")
                    .hasMessageContaining("127.0.0.1:" + server.getLocalPort());

            assertThat(target).hasContent("old");
            try (var files = Files.list(dir)) {
                assertThat(files.toList()).containsExactly(target);
            }
            thread.join(5000);
            assertThat(served).hasValue(1);
        }
    }

    private static void serveHalfThenReset(ServerSocket server, AtomicInteger served) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            if (RequestHeads.read(in) == null) {
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\nx-amz-checksum-crc32c: AAAAAA==\r\n"
                            + "Content-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[500_000]);
            out.flush();
            served.incrementAndGet();
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
