package com.s4bsv.s4.shell.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.key.S4Key;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S4ClientTest {

    @RegisterExtension
    static WireMockExtension node = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    private static final S4Key KEY = S4Key.parse("s4://bucket/dir/file.txt");

    private S4Client client() {
        return client(Duration.ofSeconds(10));
    }

    private S4Client client(Duration responseTimeout) {
        return new S4Client(
                ClusterConfig.parse("127.0.0.1:" + node.getPort() + "\n", "test"),
                new S4Client.Settings(Duration.ofSeconds(2), responseTimeout, 4));
    }

    private static String crc(byte[] data) {
        return new StreamingChecksum().update(data, 0, data.length).base64();
    }

    private static byte[] random(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void putFileSendsItsChecksumAndRefusesToOverwrite() throws IOException {
        byte[] data = random(100_000, 1);
        Path file = dir.resolve("in.bin");
        Files.write(file, data);
        node.stubFor(
                put(urlEqualTo("/bucket/dir/file.txt")).willReturn(aResponse().withStatus(200)));

        client().put(KEY, file, Progress.NONE);

        LoggedRequest sent = node.findAll(putRequestedFor(urlEqualTo("/bucket/dir/file.txt")))
                .getFirst();
        assertThat(sent.getHeader("x-amz-checksum-crc32c")).isEqualTo(crc(data));
        assertThat(sent.getHeader("If-None-Match")).isEqualTo("*");
        assertThat(sent.getHeader("Content-Length")).isEqualTo("100000");
        assertThat(sent.containsHeader("Expect")).isFalse();
        assertThat(sent.getBody()).isEqualTo(data);
    }

    @Test
    void anEmptyFileIsAnEmptyObject() throws IOException {
        Path file = Files.createFile(dir.resolve("empty"));
        node.stubFor(
                put(urlEqualTo("/bucket/dir/file.txt")).willReturn(aResponse().withStatus(200)));

        client().put(KEY, file, Progress.NONE);

        LoggedRequest sent = node.findAll(putRequestedFor(urlEqualTo("/bucket/dir/file.txt")))
                .getFirst();
        assertThat(sent.getHeader("x-amz-checksum-crc32c")).isEqualTo(crc(new byte[0]));
        assertThat(sent.getBody()).isEmpty();
    }

    @Test
    void putOfAnExistingKeyFailsWithKeyExists() {
        node.stubFor(put(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withBody("<Error><Code>KeyAlreadyExists</Code><Message>exists</Message></Error>")));

        assertThatThrownBy(() -> client().put(KEY, new ByteArrayInputStream(new byte[] {1}), Progress.NONE))
                .isInstanceOf(S4ClientException.KeyExists.class)
                .hasMessage("key already exists: s4://bucket/dir/file.txt 409");
    }

    @Test
    void aLargeUploadAsksNothingFirstAndTheNodesRefusalIsKeyExists() {
        node.stubFor(put(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withBody("<Error><Code>KeyAlreadyExists</Code><Message>exists</Message></Error>")));
        byte[] data = random(Uploads.CHUNK + 1, 6);

        assertThatThrownBy(() -> client().put(KEY, new ByteArrayInputStream(data), Progress.NONE))
                .isInstanceOf(S4ClientException.KeyExists.class);
        node.verify(0, headRequestedFor(urlEqualTo("/bucket/dir/file.txt")));
    }

    @Test
    void smallStdinIsSentWithAPlainChecksumHeader() {
        byte[] data = "x\n".getBytes(StandardCharsets.UTF_8);
        node.stubFor(
                put(urlEqualTo("/bucket/dir/file.txt")).willReturn(aResponse().withStatus(200)));

        client().put(KEY, new ByteArrayInputStream(data), Progress.NONE);

        LoggedRequest sent = node.findAll(putRequestedFor(urlEqualTo("/bucket/dir/file.txt")))
                .getFirst();
        assertThat(sent.getHeader("x-amz-checksum-crc32c")).isEqualTo(crc(data));
        assertThat(sent.getBody()).isEqualTo(data);
        assertThat(sent.containsHeader("Content-Encoding")).isFalse();
    }

    @Test
    void largeStdinStreamsAwsChunkedWithTheChecksumInTheTrailer() {
        byte[] data = random(3 * Uploads.CHUNK + 300_001, 2);
        node.stubFor(
                put(urlEqualTo("/bucket/dir/file.txt")).willReturn(aResponse().withStatus(200)));

        client().put(KEY, new ByteArrayInputStream(data), Progress.NONE);

        LoggedRequest sent = node.findAll(putRequestedFor(urlEqualTo("/bucket/dir/file.txt")))
                .getFirst();
        assertThat(sent.getHeader("Content-Encoding")).isEqualTo("aws-chunked");
        assertThat(sent.getHeader("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32c");
        assertThat(sent.getHeader("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(sent.getHeader("Expect")).isEqualToIgnoringCase("100-continue");
        AwsChunkedBodyTest.Decoded decoded = AwsChunkedBodyTest.decode(sent.getBody());
        assertThat(decoded.data()).isEqualTo(data);
        assertThat(decoded.trailer()).isEqualTo("x-amz-checksum-crc32c:" + crc(data));
    }

    @Test
    void aLargeFileGoesAwsChunkedWithItsLengthsKnownUpFront() throws IOException {
        byte[] data = random(2 * Uploads.CHUNK + 12_345, 7);
        Path file = dir.resolve("large.bin");
        Files.write(file, data);
        node.stubFor(
                put(urlEqualTo("/bucket/dir/file.txt")).willReturn(aResponse().withStatus(200)));

        client().put(KEY, file, Progress.NONE);

        LoggedRequest sent = node.findAll(putRequestedFor(urlEqualTo("/bucket/dir/file.txt")))
                .getFirst();
        assertThat(sent.getHeader("Content-Encoding")).isEqualTo("aws-chunked");
        assertThat(sent.getHeader("x-amz-decoded-content-length")).isEqualTo(Integer.toString(data.length));
        assertThat(sent.getHeader("Content-Length")).isEqualTo(Integer.toString(sent.getBody().length));
        assertThat(sent.containsHeader("Transfer-Encoding")).isFalse();
        assertThat(sent.getHeader("Expect")).isEqualToIgnoringCase("100-continue");
        AwsChunkedBodyTest.Decoded decoded = AwsChunkedBodyTest.decode(sent.getBody());
        assertThat(decoded.data()).isEqualTo(data);
        assertThat(decoded.chunks()).isEqualTo(3);
        assertThat(decoded.trailer()).isEqualTo("x-amz-checksum-crc32c:" + crc(data));
    }

    @Test
    void getVerifiesTheChecksumAndWritesTheBytes() {
        byte[] data = random(200_000, 3);
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(data))
                        .withBody(data)));
        var out = new ByteArrayOutputStream();

        long n = client().get(KEY, out, Progress.NONE);

        assertThat(n).isEqualTo(data.length);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(node.findAll(WireMock.getRequestedFor(urlEqualTo("/bucket/dir/file.txt")))
                        .getFirst()
                        .getHeader("x-amz-checksum-mode"))
                .isEqualTo("ENABLED");
    }

    @Test
    void getToAFileRenamesIntoPlaceAndCreatesMissingFolders() throws IOException {
        byte[] data = random(1000, 4);
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(data))
                        .withBody(data)));
        Path target = dir.resolve("new/sub/out.bin");

        client().get(KEY, target, Progress.NONE);

        assertThat(target).hasBinaryContent(data);
        assertThat(listAll(dir)).containsExactly(target);
    }

    @Test
    void aDownloadedFileFollowsTheUmaskAsTouchWould() throws Exception {
        byte[] data = random(1000, 5);
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(data))
                        .withBody(data)));
        Path touched = dir.resolve("touched");
        assertThat(new ProcessBuilder("touch", touched.toString()).start().waitFor())
                .isZero();
        Path target = dir.resolve("out.bin");

        client().get(KEY, target, Progress.NONE);

        assertThat(Files.getPosixFilePermissions(target))
                .isEqualTo(Files.getPosixFilePermissions(touched))
                .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aGetIntoAFifoWritesIntoItInsteadOfReplacingIt() throws Exception {
        byte[] data = random(300_000, 7);
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(data))
                        .withBody(data)));
        Path fifo = dir.resolve("pipe");
        Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        var received = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        client().get(KEY, fifo, Progress.NONE);

        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }

    @Test
    void aWrongChecksumHeaderFailsAndLeavesNoFile() throws IOException {
        byte[] data = random(5000, 5);
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc("other".getBytes(StandardCharsets.UTF_8)))
                        .withBody(data)));
        Path target = dir.resolve("out.bin");

        assertThatThrownBy(() -> client().get(KEY, target, Progress.NONE))
                .isInstanceOf(S4ClientException.ChecksumMismatch.class)
                .hasMessageStartingWith("checksum mismatch for s4://bucket/dir/file.txt");
        assertThat(listAll(dir)).isEmpty();
    }

    @Test
    void aMissingChecksumHeaderIsRefusedBeforeAnyByteIsWritten() {
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse().withStatus(200).withBody("abc")));
        var out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> client().get(KEY, out, Progress.NONE))
                .isInstanceOf(S4ClientException.ChecksumMismatch.class)
                .hasMessageContaining("without a x-amz-checksum-crc32c header");
        assertThat(out.size()).isZero();
    }

    @Test
    void aConnectionResetMidDownloadFailsCleanlyAndLeavesNoFile() throws IOException {
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Path target = dir.resolve("out.bin");

        assertThatThrownBy(() -> client().get(KEY, target, Progress.NONE))
                .isInstanceOf(S4ClientException.class)
                .hasMessageContaining("127.0.0.1:" + node.getPort());
        assertThat(listAll(dir)).isEmpty();
    }

    @Test
    void aMissingKeyIsNoSuchKeyAndCreatesNothing() throws IOException {
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withBody("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                                + "</Error>")));
        Path target = dir.resolve("newdir/out.bin");

        assertThatThrownBy(() -> client().get(KEY, target, Progress.NONE))
                .isInstanceOf(S4ClientException.NoSuchKey.class)
                .hasMessage("no such key: s4://bucket/dir/file.txt");
        assertThat(listAll(dir)).isEmpty();
        assertThat(dir.resolve("newdir")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "400|BadDigest|The Content-MD5 or checksum value that you specified did not match what the server got.",
                "400|InvalidArgument|Invalid Argument",
                "403|AccessDenied|Access Denied",
                "409|BucketAlreadyExists|The requested bucket name is not available.",
                "411|MissingContentLength|You must provide the Content-Length HTTP header.",
                "500|InternalError|We encountered an internal error. Please try again.",
                "503|SlowDown|Please reduce your request rate.",
                "507|InsufficientStorage|node disk is full"
            })
    void everyS3ErrorBecomesOneLineWithCodeMessageStatusAndNode(int status, String code, String message) {
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                                        + message
                                        + "</Message><Resource>/bucket/dir/file.txt</Resource><RequestId>1</RequestId>"
                                        + "</Error>")));

        assertThatThrownBy(() -> client().get(KEY, new ByteArrayOutputStream(), Progress.NONE))
                .isInstanceOf(S4ClientException.class)
                .hasMessage("s4://bucket/dir/file.txt: " + code + " " + message + " (HTTP " + status
                        + " from 127.0.0.1:"
                        + node.getPort() + ")");
    }

    @Test
    void aNodeThatAnswersSlowlyButInTimeSucceeds() {
        byte[] data = "slow".getBytes(StandardCharsets.UTF_8);
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(data))
                        .withBody(data)
                        .withFixedDelay(300)));
        var out = new ByteArrayOutputStream();

        client(Duration.ofSeconds(5)).get(KEY, out, Progress.NONE);

        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void aNodeThatAnswersTooSlowlyTimesOutNamingTheNode() throws IOException {
        node.stubFor(get(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(new byte[0]))
                        .withFixedDelay(3000)));

        assertThatThrownBy(() -> client(Duration.ofMillis(300)).get(KEY, dir.resolve("x"), Progress.NONE))
                .isInstanceOf(S4ClientException.NodeUnreachable.class)
                .hasMessage("node 127.0.0.1:" + node.getPort() + " unreachable (s4://bucket/dir/file.txt): timed out "
                        + "waiting for an answer");
        assertThat(listAll(dir)).isEmpty();
    }

    @Test
    void anUnreachableNodeIsNamed() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var client = new S4Client(ClusterConfig.parse("127.0.0.1:" + port + "\n", "test"));

        assertThatThrownBy(() -> client.get(KEY, new ByteArrayOutputStream(), Progress.NONE))
                .hasMessage("node 127.0.0.1:" + port + " unreachable (s4://bucket/dir/file.txt): connection refused");
    }

    @Test
    void deleteChecksTheKeyExistsFirst() {
        node.stubFor(
                head(urlEqualTo("/bucket/dir/file.txt")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> client().delete(KEY))
                .isInstanceOf(S4ClientException.NoSuchKey.class)
                .hasMessage("no such key: s4://bucket/dir/file.txt");
        node.verify(0, deleteRequestedFor(urlEqualTo("/bucket/dir/file.txt")));
    }

    @Test
    void deleteRemovesAnExistingKey() {
        node.stubFor(
                head(urlEqualTo("/bucket/dir/file.txt")).willReturn(aResponse().withStatus(200)));
        node.stubFor(delete(urlEqualTo("/bucket/dir/file.txt"))
                .willReturn(aResponse().withStatus(204)));

        client().delete(KEY);

        node.verify(1, deleteRequestedFor(urlEqualTo("/bucket/dir/file.txt")));
    }

    @Test
    void keysArePercentEncodedInThePath() {
        S4Key key = S4Key.parse("s4://bucket/a+b/c%d&e=f.txt");
        byte[] data = "k".getBytes(StandardCharsets.UTF_8);
        node.stubFor(get(urlEqualTo("/bucket/a%2Bb/c%25d%26e%3Df.txt"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(data))
                        .withBody(data)));
        var out = new ByteArrayOutputStream();

        client().get(key, out, Progress.NONE);

        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void healthIsReadinessOfEachNode() {
        node.stubFor(get(urlEqualTo(S4Client.HEALTH_PATH))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"UP\"}")));
        var client = client();

        assertThat(client.health(client.config().node(0), Duration.ofSeconds(1)).healthy())
                .isTrue();

        node.stubFor(get(urlEqualTo(S4Client.HEALTH_PATH))
                .willReturn(aResponse().withStatus(503).withBody("{\"status\":\"OUT_OF_SERVICE\"}")));
        assertThat(client.health(client.config().node(0), Duration.ofSeconds(1)).healthy())
                .isFalse();
    }

    static Stream<Path> walk(Path dir) throws IOException {
        return Files.walk(dir).filter(Files::isRegularFile);
    }

    static List<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> s = walk(dir)) {
            return s.toList();
        }
    }
}
