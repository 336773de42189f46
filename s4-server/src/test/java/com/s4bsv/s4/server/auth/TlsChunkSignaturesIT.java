package com.s4bsv.s4.server.auth;

import static com.s4bsv.s4.server.auth.SdkSigned.Payload.STREAMING;
import static com.s4bsv.s4.server.auth.SdkSigned.Payload.STREAMING_TRAILER;
import static com.s4bsv.s4.server.auth.SdkSigned.Payload.UNSIGNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.server.S4Nodes;
import com.s4bsv.testing.TestCerts;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed streaming uploads (every chunk signed, and the trailer variant) over https through a forwarding node:
 * boto3 and the aws cli send unsigned-trailer uploads over TLS, so the AWS SDK v2 signer makes the signed ones here.
 * A tampered chunk is refused and nothing is stored.
 */
class TlsChunkSignaturesIT {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "expect", "connection");

    @TempDir
    static Path work;

    static S4Nodes nodes;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(TestCerts.opensslAvailable(), "openssl not installed: skipping the TLS tests");
        TestCerts certs = TestCerts.make(work.resolve("certs"));
        Path keys = work.resolve("keys");
        Files.writeString(keys, "writer writesecret write\n");
        nodes = S4Nodes.startTls(2, work, certs, "--keys-file", keys.toString());
        http = nodes.httpClient();
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static HttpResponse<String> send(SdkSigned.Wire wire) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(wire.uri())
                .timeout(TestTimeouts.atLeast(Duration.ofMinutes(1)))
                .method(wire.method(), HttpRequest.BodyPublishers.ofByteArray(wire.body()));
        wire.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signedChunksAndTrailersVerifyOverHttpsThroughAForwardingNode() {
        SdkSigned writer = new SdkSigned("writer", "writesecret");
        URI bucket = URI.create(nodes.endpoint(0) + "/tlschunks");
        assertThat(send(writer.sign("PUT", bucket, Map.of(), new byte[0], UNSIGNED))
                        .statusCode())
                .isEqualTo(200);
        String key = "k0";
        for (int i = 0; Placement.nodeIndex(new S4Key("tlschunks", key), 2) != 1; i++) {
            key = "k" + i;
        }
        byte[] data = "some data\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        for (SdkSigned.Payload payload : new SdkSigned.Payload[] {STREAMING, STREAMING_TRAILER}) {
            URI uri = URI.create(nodes.endpoint(0) + "/tlschunks/" + key + payload.name());
            SdkSigned.Wire put = writer.sign("PUT", uri, Map.of(), data, payload);
            assertThat(put.header("x-amz-content-sha256")).startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
            HttpResponse<String> answer = send(put);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            HttpResponse<String> get = send(writer.sign(
                    "GET",
                    URI.create(nodes.endpoint(1) + "/tlschunks/" + key + payload.name()),
                    Map.of(),
                    new byte[0],
                    UNSIGNED));
            assertThat(get.body()).isEqualTo(new String(data, StandardCharsets.UTF_8));
        }
        URI tamperedUri = URI.create(nodes.endpoint(0) + "/tlschunks/" + key + "tampered");
        HttpResponse<String> tampered = send(writer.sign("PUT", tamperedUri, Map.of(), data, STREAMING)
                .withBody(s -> s.replaceFirst("some data", "SOME data")));
        assertThat(tampered.statusCode()).as(tampered.body()).isEqualTo(403);
        assertThat(SdkSigned.errorCode(tampered.body())).isEqualTo("SignatureDoesNotMatch");
        assertThat(nodes.dataDir(1).resolve("tlschunks").resolve(key + "tampered"))
                .doesNotExist();
    }
}
