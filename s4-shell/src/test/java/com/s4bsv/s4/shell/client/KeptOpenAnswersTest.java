package com.s4bsv.s4.shell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.key.S4Key;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's small requests ask for a delimited answer and the node keeps the connection open after it, as Tomcat
 * does: answers without a body (204 to a DELETE, a HEAD) must end at their head, not when the connection ends.
 */
class KeptOpenAnswersTest {

    // only bounds a hang: the answers below come at once
    private static final Duration HANG = Duration.ofSeconds(60);

    @TempDir
    Path home;

    /** Answers each request's head with {@code answer} and keeps the connection open until the client closes it. */
    private static CompletableFuture<List<String>> serve(ServerSocket server, int requests, String answer) {
        var seen = new CompletableFuture<List<String>>();
        Thread.ofVirtual().start(() -> {
            List<String> heads = new ArrayList<>();
            try {
                for (int i = 0; i < requests; i++) {
                    try (Socket socket = server.accept()) {
                        InputStream in = socket.getInputStream();
                        String head = RequestHeads.read(in);
                        heads.add(head == null ? "" : head);
                        OutputStream out = socket.getOutputStream();
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        while (in.read() >= 0) {
                            // the connection stays open until the client is done with it
                        }
                    }
                }
                seen.complete(heads);
            } catch (IOException | RuntimeException e) {
                seen.completeExceptionally(e);
            }
        });
        return seen;
    }

    private S4Client client(ServerSocket server) {
        return new S4Client(
                ClusterConfig.parse("127.0.0.1:" + server.getLocalPort() + "\n", "test"),
                new S4Client.Settings(Duration.ofSeconds(5), Duration.ofSeconds(20), 2),
                Signing.from(name -> null, home));
    }

    @Test
    void aDeleteAnswered204OnAConnectionKeptOpenEndsAtTheHead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            var heads = serve(server, 1, "HTTP/1.1 204 \r\nx-amz-request-id: 1\r\n\r\n");
            try (S4Client client = client(server)) {
                assertTimeoutPreemptively(HANG, () -> client.deleteEmptyBucket("bucket"));
            }
            assertThat(heads.get()).singleElement().asString().startsWith("DELETE /bucket HTTP/1.1\r\n");
        }
    }

    @Test
    void aHeadAnsweredWithALengthButNoBodyEndsAtTheHead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            var heads = serve(server, 1, "HTTP/1.1 200 \r\nContent-Length: 1048576\r\n\r\n");
            try (S4Client client = client(server)) {
                assertThat(assertTimeoutPreemptively(HANG, () -> client.exists(S4Key.parse("s4://bucket/k"))))
                        .isTrue();
            }
            assertThat(heads.get()).singleElement().asString().startsWith("HEAD /bucket/k HTTP/1.1\r\n");
            assertThat(heads.get().get(0)).doesNotContainIgnoringCase("Connection: close");
        }
    }
}
