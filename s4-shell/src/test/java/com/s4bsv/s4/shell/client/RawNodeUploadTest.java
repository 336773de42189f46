package com.s4bsv.s4.shell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.sigv4.SigV4;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads against a node played on a raw socket: what goes on the wire, and what the client makes of answers that
 * come early, break off, or never come.
 */
class RawNodeUploadTest {

    private static final S4Key KEY = S4Key.parse("s4://bucket/big.bin");
    private static final String CONFLICT =
            "<Error><Code>KeyAlreadyExists</Code><Message>key already exists</Message></Error>";

    @TempDir
    Path home;

    /** What the node saw: the request head and how many body bytes it read. */
    record Seen(String head, long bodyBytes) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    interface Script {
        /** Plays the node's side after the request head was read; returns the body bytes read. */
        long play(Socket socket, InputStream in, OutputStream out) throws IOException;
    }

    /** Serves one connection with {@code script}; the future completes with what the node saw. */
    private static CompletableFuture<Seen> serveOnce(ServerSocket server, Script script) {
        var seen = new CompletableFuture<Seen>();
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                String head = RequestHeads.read(in);
                long body = script.play(socket, in, socket.getOutputStream());
                seen.complete(new Seen(head == null ? "" : head, body));
            } catch (IOException | RuntimeException e) {
                seen.completeExceptionally(e);
            }
        });
        return seen;
    }

    /** Reads the body until the client stops (end of stream, reset, or a second of silence). */
    private static long drain(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(1000);
        long n = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            int r;
            while ((r = in.read(buffer)) > 0) {
                n += r;
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // the client stopped sending
        }
        return n;
    }

    private static void answer(OutputStream out, String statusLine, String body) throws IOException {
        out.write((statusLine + "\r\nContent-Type: application/xml\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private S4Client client(ServerSocket server, Map<String, String> env) {
        return new S4Client(
                ClusterConfig.parse("127.0.0.1:" + server.getLocalPort() + "\n", "test"),
                new S4Client.Settings(Duration.ofSeconds(5), Duration.ofSeconds(20), 2),
                Signing.from(env::get, home));
    }

    private static byte[] random(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    private static ServerSocket node() throws IOException {
        return new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    @Test
    void aRefusalBeforeTheContinueMeansNoByteOfTheBodyIsSent() throws Exception {
        try (ServerSocket server = node()) {
            var seen = serveOnce(server, (socket, in, out) -> {
                answer(out, "HTTP/1.1 409 Conflict", CONFLICT);
                return drain(socket, in);
            });

            assertThatThrownBy(() -> client(server, Map.of())
                            .put(KEY, new ByteArrayInputStream(random(3 * Uploads.CHUNK)), Progress.NONE))
                    .isInstanceOf(S4ClientException.KeyExists.class)
                    .hasMessageContaining("s4://bucket/big.bin");

            Seen request = seen.get(30, TimeUnit.SECONDS);
            assertThat(request.header("Expect")).isEqualToIgnoringCase("100-continue");
            assertThat(request.bodyBytes()).isZero();
        }
    }

    @Test
    void aRefusalRightAfterTheContinueStopsTheBodyEarly() throws Exception {
        int size = 64 * Uploads.CHUNK;
        try (ServerSocket server = node()) {
            // as Tomcat does: 100 at once, the refusal when the application looks, then it hangs up; both heads in
            // one packet, so the refusal arrives with the 100 and not after it
            var seen = serveOnce(server, (socket, in, out) -> {
                var both = new java.io.ByteArrayOutputStream();
                both.writeBytes("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                answer(both, "HTTP/1.1 409 Conflict", CONFLICT);
                out.write(both.toByteArray());
                out.flush();
                return drain(socket, in);
            });

            assertThatThrownBy(() ->
                            client(server, Map.of()).put(KEY, new ByteArrayInputStream(random(size)), Progress.NONE))
                    .isInstanceOf(S4ClientException.KeyExists.class);

            assertThat(seen.get(30, TimeUnit.SECONDS).bodyBytes()).isLessThan(size / 4);
        }
    }

    @Test
    void aNodeThatHangsUpMidUploadFailsNamingNodeAndKey() throws Exception {
        try (ServerSocket server = node()) {
            var seen = serveOnce(server, (socket, in, out) -> {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long n = in.readNBytes(3 * Uploads.CHUNK / 2).length;
                socket.setSoLinger(true, 0);
                return n;
            });

            assertThatThrownBy(() -> client(server, Map.of())
                            .put(KEY, new ByteArrayInputStream(random(32 * Uploads.CHUNK)), Progress.NONE))
                    .isInstanceOf(S4ClientException.NodeUnreachable.class)
                    .hasMessageContaining("s4://bucket/big.bin")
                    .hasMessageContaining("127.0.0.1:" + server.getLocalPort());
            assertThat(seen.get(30, TimeUnit.SECONDS).bodyBytes()).isEqualTo(3 * Uploads.CHUNK / 2);
        }
    }

    @Test
    void anAnswerThatBreaksOffIsAFailureNotASuccess() throws Exception {
        try (ServerSocket server = node()) {
            var seen = serveOnce(server, (socket, in, out) -> {
                long n = in.readNBytes(5).length;
                out.write("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return n;
            });

            assertThatThrownBy(() -> client(server, Map.of())
                            .put(
                                    KEY,
                                    new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)),
                                    Progress.NONE))
                    .isInstanceOf(S4ClientException.NodeUnreachable.class)
                    .hasMessageContaining("closed mid-answer");
            assertThat(seen.get(30, TimeUnit.SECONDS).header("Content-Length")).isEqualTo("5");
        }
    }

    @Test
    void aStreamOfUnknownLengthIsSignedAsStreamingWithItsHostAsSent() throws Exception {
        byte[] data = random(2 * Uploads.CHUNK + 5);
        try (ServerSocket server = node()) {
            var body = new CompletableFuture<byte[]>();
            var seen = serveOnce(server, (socket, in, out) -> {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] all = readChunkedHttpBody(in);
                body.complete(all);
                answer(out, "HTTP/1.1 200 OK", "");
                return all.length;
            });

            client(server, Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret"))
                    .put(KEY, new ByteArrayInputStream(data), Progress.NONE);

            Seen request = seen.get(30, TimeUnit.SECONDS);
            assertThat(request.header("x-amz-content-sha256")).isEqualTo(SigV4.STREAMING_UNSIGNED_TRAILER);
            assertThat(request.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(signatureOf(request.head(), "secret")).isEqualTo(sentSignature(request.header("Authorization")));
            assertThat(AwsChunkedBodyTest.decode(body.get()).data()).isEqualTo(data);
        }
    }

    @Test
    void aDownloadIsSignedToo() throws Exception {
        try (ServerSocket server = node()) {
            var seen = serveOnce(server, (socket, in, out) -> {
                answer(out, "HTTP/1.1 404 Not Found", "<Error><Code>NoSuchKey</Code></Error>");
                return 0;
            });

            assertThatThrownBy(
                            () -> client(server, Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret"))
                                    .get(KEY, OutputStream.nullOutputStream(), Progress.NONE))
                    .isInstanceOf(S4ClientException.NoSuchKey.class);

            Seen request = seen.get(30, TimeUnit.SECONDS);
            assertThat(request.header("x-amz-content-sha256")).isEqualTo(SigV4.UNSIGNED_PAYLOAD);
            assertThat(signatureOf(request.head(), "secret")).isEqualTo(sentSignature(request.header("Authorization")));
        }
    }

    /** The signature a verifier computes from the head as received (Host and x-amz-* headers as they came). */
    private static String signatureOf(String head, String secret) {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        String authorization = headers.get("authorization");
        String signedHeaders = field(authorization, "SignedHeaders=");
        String credential = field(authorization, "Credential=");
        String[] scope = credential.split("/", 2);
        assertThat(scope[0]).isEqualTo("id");
        List<Map.Entry<String, String>> canonical = new ArrayList<>();
        for (String name : signedHeaders.split(";")) {
            canonical.add(Map.entry(name, SigV4.canonicalValue(headers.get(name))));
        }
        assertThat(signedHeaders).contains("host");
        String amzDate = headers.get("x-amz-date");
        String payload = headers.get("x-amz-content-sha256");
        String request = SigV4.canonicalRequest(
                requestLine[0],
                SigV4.canonicalUri(requestLine[1]),
                SigV4.canonicalQuery(null, null),
                canonical,
                payload);
        String date = amzDate.substring(0, 8);
        return SigV4.signature(
                SigV4.signingKey(secret, date, "us-east-1", SigV4.SERVICE),
                SigV4.stringToSign(amzDate, SigV4.scope(date, "us-east-1", SigV4.SERVICE), request));
    }

    private static String sentSignature(String authorization) {
        return field(authorization, "Signature=");
    }

    private static String field(String authorization, String name) {
        int at = authorization.indexOf(name) + name.length();
        int end = authorization.indexOf(',', at);
        return authorization
                .substring(at, end < 0 ? authorization.length() : end)
                .strip();
    }

    /** An HTTP chunked body, de-chunked (the aws-chunked encoding inside it stays). */
    private static byte[] readChunkedHttpBody(InputStream in) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        while (true) {
            var line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new UncheckedIOException(new java.io.EOFException("body ended"));
                }
                line.append((char) b);
            }
            int size = Integer.parseInt(line.toString().strip(), 16);
            if (size == 0) {
                in.readNBytes(2);
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            in.readNBytes(2);
        }
    }
}
