package com.s4bsv.s4.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes that die: kill -9 in the middle of an upload, a peer that is down during a listing. */
class NodeFailureIT {

    static final long SIZE = 200L << 20;
    static final byte[] BLOCK = new byte[1 << 20];

    static {
        new Random(200).nextBytes(BLOCK);
    }

    @TempDir
    static Path work;

    static S4Nodes nodes;

    @BeforeAll
    static void start() throws IOException {
        nodes = S4Nodes.start(2, work);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** {@code size} bytes of the repeated block, as a stream. */
    static InputStream data(long size) {
        return new InputStream() {
            long position;

            @Override
            public int read() {
                return position < size ? BLOCK[(int) (position++ % BLOCK.length)] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int offset = (int) (position % BLOCK.length);
                int n = (int) Math.min(Math.min(len, BLOCK.length - offset), size - position);
                System.arraycopy(BLOCK, offset, b, off, n);
                position += n;
                return n;
            }
        };
    }

    static String keyOwnedBy(int node) {
        for (int i = 0; ; i++) {
            String path = "big/file" + i + ".bin";
            if (Placement.nodeIndex(new S4Key("crash", path), nodes.size()) == node) {
                return path;
            }
        }
    }

    static long count(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void killDuringA200MiBPutLeavesNoKeyAndNoTempFileAndARetrySucceeds() throws Exception {
        String key = keyOwnedBy(1);
        Path ownerTemp = nodes.dataDir(1).resolve("_tmp");
        try (Socket socket = new Socket("127.0.0.1", nodes.port(0))) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /crash/" + key + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + SIZE + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = data(SIZE);
            byte[] buffer = new byte[1 << 16];
            long sent = 0;
            while (sent < 64L << 20) {
                int n = in.read(buffer);
                out.write(buffer, 0, n);
                sent += n;
            }
            out.flush();
            Instant deadline = Instant.now().plusSeconds(30);
            while (count(ownerTemp) == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(count(ownerTemp))
                    .as("the owner is receiving into a temp file")
                    .isPositive();
            nodes.kill(1);
        }

        nodes.restart(1);
        assertThat(count(ownerTemp)).as("temp files after restart").isZero();
        assertThat(Files.exists(nodes.dataDir(1).resolve("crash").resolve(key))).isFalse();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int node = 0; node < 2; node++) {
            HttpResponse<Void> head = http.send(
                    HttpRequest.newBuilder(nodes.endpoint(node).resolve("/crash/" + key))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(404);
        }

        HttpResponse<String> retry = http.send(
                HttpRequest.newBuilder(nodes.endpoint(0).resolve("/crash/" + key))
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> data(SIZE)), SIZE))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        var expected = new StreamingChecksum();
        try (InputStream in = data(SIZE)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                expected.update(buffer, 0, n);
            }
        }
        assertThat(retry.headers().firstValue("x-amz-checksum-crc32c")).hasValue(expected.base64());
        HttpResponse<Void> head = http.send(
                HttpRequest.newBuilder(nodes.endpoint(0).resolve("/crash/" + key))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValueAsLong("content-length")).hasValue(SIZE);
        assertThat(head.headers().firstValue("x-amz-checksum-crc32c")).hasValue(expected.base64());
        assertThat(count(nodes.dataDir(0).resolve("_tmp"))).isZero();
        assertThat(count(ownerTemp)).isZero();
    }

    @Test
    void aPeerThatIsDownFailsTheListingWithItsNameAndHealthSaysSo() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        http.send(
                HttpRequest.newBuilder(nodes.endpoint(0).resolve("/down/" + keyOwnedBy(0)))
                        .PUT(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        nodes.kill(1);
        try {
            HttpResponse<String> list = http.send(
                    HttpRequest.newBuilder(nodes.endpoint(0).resolve("/down?list-type=2"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(503);
            assertThat(list.body()).contains("<Code>ServiceUnavailable</Code>").contains("127.0.0.1:" + nodes.port(1));

            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(nodes.endpoint(0).resolve("/_s4/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("127.0.0.1:" + nodes.port(1));
            HttpResponse<String> readiness = http.send(
                    HttpRequest.newBuilder(nodes.endpoint(0).resolve("/_s4/actuator/health/readiness"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
        } finally {
            nodes.restart(1);
        }
        HttpResponse<String> list = http.send(
                HttpRequest.newBuilder(nodes.endpoint(0).resolve("/down?list-type=2"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
    }

    @Test
    void startUpFailuresAreOneLineAndNonZero() throws Exception {
        Path badConf = work.resolve("bad.conf");
        Files.writeString(badConf, "127.0.0.1:99999\n");
        Commands.Result bad = Commands.run(
                work,
                Map.of(),
                null,
                60,
                S4Nodes.java(),
                "-jar",
                S4Nodes.jar().toString(),
                "-conf",
                badConf.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.stderr().strip().lines()).hasSize(1).allMatch(l -> l.contains("bad port"));

        Commands.Result inUse = Commands.run(
                work,
                Map.of(),
                null,
                60,
                S4Nodes.java(),
                "-jar",
                S4Nodes.jar().toString(),
                "--port",
                Integer.toString(nodes.port(0)),
                "--conf",
                nodes.conf().toString(),
                "--data-dir",
                work.resolve("other").toString());
        assertThat(inUse.exit()).isNotZero();
        assertThat(inUse.stderr().strip().lines())
                .hasSize(1)
                .allMatch(l -> l.contains(Integer.toString(nodes.port(0))));

        Commands.Result help = Commands.run(
                work, Map.of(), null, 60, S4Nodes.java(), "-jar", S4Nodes.jar().toString(), "-help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("usage: s4-server");
    }
}
