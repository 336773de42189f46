package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.server.StandaloneNodeAppTest;
import com.s4bsv.s4.server.s3.checksum.Crc64NvmeTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Bytes an SDK will not send: broken aws-chunked bodies, wrong checksums, Expect: 100-continue by hand. */
class RawSocketAppTest extends StandaloneNodeAppTest {

    record Answer(int status, String head, String body) {}

    private Answer send(String head, byte[] body, boolean closeEarly) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (closeEarly) {
                socket.shutdownOutput();
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = readResponse(in);
        String text = new String(all, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        int status = head.isEmpty() ? -1 : Integer.parseInt(head.substring(9, 12));
        return new Answer(status, head, body);
    }

    private static byte[] readResponse(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // the server may reset after answering a refused body
        }
        return out.toByteArray();
    }

    private String put(String key, String headers) {
        return "PUT /raw/" + key + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n";
    }

    private static String chunked(String data, String trailerName, String trailerValue, boolean signed) {
        String ext = signed ? ";chunk-signature=" + "0".repeat(64) : "";
        var body = new StringBuilder();
        int half = data.length() / 2;
        for (String chunk : new String[] {data.substring(0, half), data.substring(half)}) {
            body.append(Integer.toHexString(chunk.length()))
                    .append(ext)
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        body.append("0").append(ext).append("\r\n");
        if (trailerName != null) {
            body.append(trailerName).append(':').append(trailerValue).append("\r\n");
            if (signed) {
                body.append("x-amz-trailer-signature:").append("0".repeat(64)).append("\r\n");
            }
        }
        body.append("\r\n");
        return body.toString();
    }

    private static String crc32(String data) {
        var crc = new CRC32();
        crc.update(data.getBytes(StandardCharsets.UTF_8));
        long v = crc.getValue();
        return Base64.getEncoder()
                .encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private boolean stored(String key) {
        return Files.exists(dataDir.resolve("raw").resolve(key));
    }

    private long tempEntries() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("_tmp"))) {
            return files.count();
        }
    }

    @Test
    void unsignedAwsChunkedWithTrailerIsDecodedAndVerified() throws IOException {
        String data = "hello aws-chunked world";
        String body = chunked(data, "x-amz-checksum-crc32", crc32(data), false);
        Answer answer = send(
                put(
                        "unsigned",
                        "x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n"
                                + "Content-Encoding: aws-chunked\r\nx-amz-trailer: x-amz-checksum-crc32\r\n"
                                + "x-amz-decoded-content-length: " + data.length() + "\r\nContent-Length: "
                                + body.length() + "\r\n"),
                body.getBytes(StandardCharsets.UTF_8),
                false);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(Files.readString(dataDir.resolve("raw/unsigned"))).isEqualTo(data);
    }

    @Test
    void signedAwsChunkedWithTrailerIsDecoded() throws IOException {
        String data = "signed chunks, signatures not checked";
        String body = chunked(data, "x-amz-checksum-crc32", crc32(data), true);
        Answer answer = send(
                put(
                        "signed",
                        "x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER\r\n"
                                + "x-amz-trailer: x-amz-checksum-crc32\r\nx-amz-decoded-content-length: "
                                + data.length()
                                + "\r\nContent-Length: " + body.length() + "\r\n"),
                body.getBytes(StandardCharsets.UTF_8),
                false);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(Files.readString(dataDir.resolve("raw/signed"))).isEqualTo(data);
    }

    @Test
    void wrongTrailerChecksumIsBadDigestAndStoresNothing() throws IOException {
        String data = "the trailer lies";
        String body = chunked(data, "x-amz-checksum-crc32", crc32("something else"), false);
        Answer answer = send(
                put(
                        "badtrailer",
                        "x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n"
                                + "x-amz-trailer: x-amz-checksum-crc32\r\nContent-Length: " + body.length() + "\r\n"),
                body.getBytes(StandardCharsets.UTF_8),
                false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>BadDigest</Code>");
        assertThat(stored("badtrailer")).isFalse();
        assertThat(tempEntries()).isZero();
    }

    @Test
    void truncatedAwsChunkedBodyIsIncompleteBodyAndStoresNothing() throws IOException {
        String body = "10\r\n0123456789abcdef\r\n8\r\n01234567\r\n";
        Answer answer = send(
                put(
                        "truncated",
                        "x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n" + "Content-Length: "
                                + body.length() + "\r\n"),
                body.getBytes(StandardCharsets.UTF_8),
                false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>IncompleteBody</Code>");
        assertThat(stored("truncated")).isFalse();
        assertThat(tempEntries()).isZero();
    }

    @Test
    void connectionClosedMidBodyStoresNothing() throws IOException {
        byte[] half = new byte[50_000];
        send(put("halfway", "Content-Length: 100000\r\n"), half, true);
        assertThat(stored("halfway")).isFalse();
        assertThat(tempEntries()).isZero();
    }

    @Test
    void oversizedChunkHeaderIsRefused() throws IOException {
        String body = "10;" + "x".repeat(10_000) + "\r\n0123456789abcdef\r\n0\r\n\r\n";
        Answer answer = send(
                put(
                        "hugeheader",
                        "x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n" + "Content-Length: "
                                + body.length() + "\r\n"),
                body.getBytes(StandardCharsets.UTF_8),
                false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>InvalidRequest</Code>").contains("longer than");
        assertThat(stored("hugeheader")).isFalse();

        String huge = "fffffffff\r\n";
        Answer tooBig = send(
                put(
                        "hugechunk",
                        "x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n" + "Content-Length: "
                                + huge.length() + "\r\n"),
                huge.getBytes(StandardCharsets.UTF_8),
                false);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body()).contains("exceeds");
    }

    @Test
    void headerChecksumsOfEveryKindAreVerified() throws Exception {
        String data = "checksummed";
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        String sha256Hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String sha1 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-1").digest(bytes));
        String crc32c = StreamingChecksum.toBase64(
                new StreamingChecksum().update(bytes, 0, bytes.length).value());
        String crc64 = Base64.getEncoder()
                .encodeToString(ByteBuffer.allocate(8)
                        .putLong(Crc64NvmeTest.crc64(bytes))
                        .array());
        String[][] good = {
            {"Content-MD5", md5},
            {"x-amz-content-sha256", sha256Hex},
            {"x-amz-checksum-sha1", sha1},
            {"x-amz-checksum-crc32c", crc32c},
            {"x-amz-checksum-crc32", crc32(data)},
            {"x-amz-checksum-crc64nvme", crc64}
        };
        for (String[] header : good) {
            String key = "good-" + header[0];
            Answer ok = send(
                    put(key, header[0] + ": " + header[1] + "\r\nContent-Length: " + bytes.length + "\r\n"),
                    bytes,
                    false);
            assertThat(ok.status()).as(header[0] + " " + ok.body()).isEqualTo(200);
            String bad = header[0].equals("x-amz-content-sha256")
                    ? "0".repeat(64)
                    : header[0].equals("x-amz-checksum-crc32c")
                            ? crc32("x")
                            : md5.equals(header[1])
                                    ? Base64.getEncoder().encodeToString(new byte[16])
                                    : header[0].endsWith("sha1")
                                            ? Base64.getEncoder().encodeToString(new byte[20])
                                            : header[0].endsWith("crc64nvme")
                                                    ? Base64.getEncoder().encodeToString(new byte[8])
                                                    : crc32("x");
            Answer refused = send(
                    put("bad-" + header[0], header[0] + ": " + bad + "\r\nContent-Length: " + bytes.length + "\r\n"),
                    bytes,
                    false);
            assertThat(refused.status()).as(header[0]).isEqualTo(400);
            assertThat(refused.body())
                    .containsAnyOf("<Code>BadDigest</Code>", "<Code>XAmzContentSHA256Mismatch</Code>");
            assertThat(stored("bad-" + header[0])).isFalse();
        }
        assertThat(tempEntries()).isZero();
    }

    @Test
    void expectContinueGets100ThenStoresAndAnExistingKeyGets409WithoutTheBody() throws IOException {
        byte[] body = "continued".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(put("expect", "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            var interim = new StringBuilder();
            while (!interim.toString().endsWith("\r\n\r\n")) {
                interim.append((char) in.read());
            }
            assertThat(interim.toString()).startsWith("HTTP/1.1 100");
            out.write(body);
            out.flush();
            assertThat(new String(readResponse(in), StandardCharsets.ISO_8859_1))
                    .contains(" 200 ");
        }
        // An existing key: the final 409 comes without the body ever being sent.
        Answer refused = send(
                put("expect", "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n"), new byte[0], false);
        assertThat(refused.head() + "\r\n\r\n" + refused.body()).contains("HTTP/1.1 409");
        assertThat(refused.body()).contains("KeyAlreadyExists");
    }
}
