package com.s4bsv.s4.server.auth;

import static com.s4bsv.s4.server.auth.SdkSigned.Payload.SIGNED;
import static com.s4bsv.s4.server.auth.SdkSigned.Payload.STREAMING;
import static com.s4bsv.s4.server.auth.SdkSigned.Payload.STREAMING_TRAILER;
import static com.s4bsv.s4.server.auth.SdkSigned.Payload.UNSIGNED;
import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.StandaloneNodeAppTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node with keys, attacked: every forged, altered, replayed, expired or under-privileged request gets its S3
 * error, stores nothing and runs nothing; the same requests signed right pass.
 */
class AuthAppTest extends StandaloneNodeAppTest {

    static Path keysFile;
    static Path canary;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("s4-auth-test");
            keysFile = dir.resolve("keys");
            canary = dir.resolve("canary");
            Files.writeString(keysFile, """
                    # test keys
                    reader readsecret read
                    writer writesecret write
                    computer computesecret compute
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("s4.auth.keys-file", keysFile::toString);
    }

    final SdkSigned reader = new SdkSigned("reader", "readsecret");
    final SdkSigned writer = new SdkSigned("writer", "writesecret");
    final SdkSigned computer = new SdkSigned("computer", "computesecret");
    final byte[] data = "some data to store\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    @BeforeEach
    void bucket() {
        assertThat(SdkSigned.send(writer.sign("PUT", uri("/auth"), Map.of(), new byte[0], UNSIGNED))
                        .statusCode())
                .isIn(200, 409);
    }

    SdkSigned.Wire put(SdkSigned as, String key, SdkSigned.Payload payload) {
        return as.sign("PUT", uri("/auth/" + key), Map.of("Content-Type", "text/plain"), data, payload);
    }

    void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(SdkSigned.codes(response)).as(response.body()).containsExactly(Integer.toString(status), code);
    }

    void assertNotStored(String key) {
        HttpResponse<String> get =
                SdkSigned.send(reader.sign("GET", uri("/auth/" + key), Map.of(), new byte[0], UNSIGNED));
        assertThat(get.statusCode()).as("%s must not be stored", key).isEqualTo(404);
    }

    /** {@code text} with the character after the first {@code marker} replaced by another one. */
    static String flipAfter(String text, String marker) {
        int at = text.indexOf(marker) + marker.length();
        assertThat(at).as(marker).isGreaterThanOrEqualTo(marker.length());
        char other = text.charAt(at) == '0' ? '1' : '0';
        return text.substring(0, at) + other + text.substring(at + 1);
    }

    /** Waits out a presigned URL's expiry (X-Amz-Expires after X-Amz-Date, both in whole seconds). */
    static SdkSigned.Wire expired(SdkSigned.Wire presigned) {
        try {
            Thread.sleep(2100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return presigned;
    }

    @Test
    void rightKeysPassWithEveryPayloadMode() {
        int i = 0;
        for (SdkSigned.Payload payload : SdkSigned.Payload.values()) {
            String key = "ok/" + payload + (i++);
            HttpResponse<String> response = SdkSigned.send(put(writer, key, payload));
            assertThat(response.statusCode())
                    .as(payload + ": " + response.body())
                    .isEqualTo(200);
            HttpResponse<String> get =
                    SdkSigned.send(reader.sign("GET", uri("/auth/" + key), Map.of(), new byte[0], UNSIGNED));
            assertThat(get.body()).isEqualTo(new String(data, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aCopyNeedsWriteOnTheDestinationAndReadOnTheSource() {
        assertThat(SdkSigned.send(put(writer, "copy/source", UNSIGNED)).statusCode())
                .isEqualTo(200);
        Map<String, String> copy = Map.of("x-amz-copy-source", "/auth/copy/source");

        assertRefused(
                SdkSigned.send(reader.sign("PUT", uri("/auth/copy/by-reader"), copy, new byte[0], UNSIGNED)),
                403,
                "AccessDenied");
        assertNotStored("copy/by-reader");

        // Roles include the ones before them: write includes reading the source.
        HttpResponse<String> copied =
                SdkSigned.send(writer.sign("PUT", uri("/auth/copy/by-writer"), copy, new byte[0], UNSIGNED));
        assertThat(copied.statusCode()).as(copied.body()).isEqualTo(200);
        HttpResponse<String> get =
                SdkSigned.send(reader.sign("GET", uri("/auth/copy/by-writer"), Map.of(), new byte[0], UNSIGNED));
        assertThat(get.body()).isEqualTo(new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void unsignedOrForgedRequestsAreRefused() {
        Map<String, Supplier<HttpResponse<String>>> attacks = new LinkedHashMap<>();
        attacks.put("no auth", () -> SdkSigned.unsigned("PUT", uri("/auth/a1"), Map.of(), data));
        attacks.put("wrong secret", () -> SdkSigned.send(put(new SdkSigned("writer", "guess"), "a2", SIGNED)));
        attacks.put("unknown key", () -> SdkSigned.send(put(new SdkSigned("nobody", "writesecret"), "a3", SIGNED)));
        attacks.put(
                "wrong region",
                () -> SdkSigned.send(put(new SdkSigned("writer", "writesecret").region("eu-west-1"), "a4", SIGNED)));
        attacks.put(
                "wrong service",
                () -> SdkSigned.send(put(new SdkSigned("writer", "writesecret").service("ec2"), "a5", SIGNED)));
        attacks.put("scope of another day", () -> {
            SdkSigned.Wire wire = put(writer, "a6", SIGNED);
            String auth = wire.header("Authorization");
            String day = auth.substring(auth.indexOf('/') + 1, auth.indexOf('/') + 9);
            return SdkSigned.send(wire.withHeader("Authorization", auth.replace("/" + day + "/", "/20200101/")));
        });
        attacks.put(
                "20 minutes old",
                () -> SdkSigned.send(put(
                        new SdkSigned("writer", "writesecret").at(Instant.now().minus(Duration.ofMinutes(20))),
                        "a7",
                        SIGNED)));
        attacks.put(
                "changed path", () -> SdkSigned.send(put(writer, "a8", SIGNED).withUri(uri("/auth/a8x"))));
        attacks.put(
                "changed query",
                () -> SdkSigned.send(put(writer, "a9", SIGNED).withUri(uri("/auth/a9?partNumber=1&uploadId=x"))));
        attacks.put(
                "changed signed header",
                () -> SdkSigned.send(put(writer, "a10", SIGNED).withHeader("Content-Type", "text/html")));
        attacks.put("added header in SignedHeaders missing", () -> {
            SdkSigned.Wire wire = put(writer, "a11", SIGNED);
            return SdkSigned.send(wire.withHeader(
                    "Authorization",
                    wire.header("Authorization").replace("SignedHeaders=", "SignedHeaders=x-amz-meta-a;")));
        });
        attacks.put(
                "changed body, signed payload",
                () -> SdkSigned.send(put(writer, "a12", SIGNED).withBody(s -> s.replaceFirst("some", "SOME"))));
        attacks.put(
                "unsigned payload claimed after signing",
                () -> SdkSigned.send(
                        put(writer, "a13", SIGNED).withHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD")));
        attacks.put(
                "tampered chunk data",
                () -> SdkSigned.send(
                        put(writer, "a14", STREAMING).withBody(s -> s.replaceFirst("some data", "SOME data"))));
        attacks.put(
                "tampered chunk signature",
                () -> SdkSigned.send(put(writer, "a15", STREAMING).withBody(s -> flipAfter(s, "chunk-signature="))));
        attacks.put("final chunk left out", () -> {
            SdkSigned.Wire wire = put(writer, "a16", STREAMING);
            String body = new String(wire.body(), StandardCharsets.ISO_8859_1);
            return SdkSigned.send(wire.withBody(body.substring(0, body.lastIndexOf("\r\n0;chunk-signature=") + 2)
                    .getBytes(StandardCharsets.ISO_8859_1)));
        });
        attacks.put(
                "tampered trailer",
                () -> SdkSigned.send(
                        put(writer, "a17", STREAMING_TRAILER).withBody(s -> flipAfter(s, "x-amz-checksum-crc32:"))));
        attacks.put(
                "tampered trailer signature",
                () -> SdkSigned.send(
                        put(writer, "a18", STREAMING_TRAILER).withBody(s -> flipAfter(s, "x-amz-trailer-signature:"))));
        attacks.put("read key PUT", () -> SdkSigned.send(put(reader, "a19", SIGNED)));
        attacks.put(
                "read key impersonating a node",
                () -> SdkSigned.send(
                        reader.sign("PUT", uri("/auth/a20"), Map.of("x-s4-forwarded", "1"), data, SIGNED)));
        attacks.put(
                "write key impersonating a node",
                () -> SdkSigned.send(
                        writer.sign("PUT", uri("/auth/a21"), Map.of("x-s4-forwarded", "1"), data, SIGNED)));
        attacks.put(
                "read key DELETE",
                () -> SdkSigned.send(reader.sign("DELETE", uri("/auth/a22"), Map.of(), new byte[0], UNSIGNED)));
        attacks.put(
                "read key multipart",
                () -> SdkSigned.send(reader.sign("POST", uri("/auth/a23?uploads"), Map.of(), new byte[0], UNSIGNED)));
        attacks.put(
                "presigned PUT, expired",
                () -> SdkSigned.send(expired(writer.presign("PUT", uri("/auth/a24"), Duration.ofSeconds(1)))
                        .withBody(data)));
        attacks.put("presigned PUT, other key", () -> {
            SdkSigned.Wire wire = writer.presign("PUT", uri("/auth/a25"), Duration.ofMinutes(5));
            return SdkSigned.send(wire.withUri(URI.create(wire.uri().toString().replace("/auth/a25", "/auth/a25b")))
                    .withBody(data));
        });
        attacks.put("presigned PUT, longer expiry", () -> {
            SdkSigned.Wire wire = writer.presign("PUT", uri("/auth/a26"), Duration.ofMinutes(5));
            return SdkSigned.send(
                    wire.withUri(URI.create(wire.uri().toString().replace("X-Amz-Expires=300", "X-Amz-Expires=3000")))
                            .withBody(data));
        });
        attacks.put("presigned GET used for PUT", () -> {
            SdkSigned.Wire wire = writer.presign("GET", uri("/auth/a27"), Duration.ofMinutes(5));
            return SdkSigned.send(new SdkSigned.Wire("PUT", wire.uri(), wire.headers(), data));
        });
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("no auth", List.of("403", "AccessDenied"));
        expected.put("wrong secret", List.of("403", "SignatureDoesNotMatch"));
        expected.put("unknown key", List.of("403", "InvalidAccessKeyId"));
        expected.put("wrong region", List.of("400", "AuthorizationHeaderMalformed"));
        expected.put("wrong service", List.of("400", "AuthorizationHeaderMalformed"));
        expected.put("scope of another day", List.of("400", "AuthorizationHeaderMalformed"));
        expected.put("20 minutes old", List.of("403", "RequestTimeTooSkewed"));
        expected.put("changed path", List.of("403", "SignatureDoesNotMatch"));
        expected.put("changed query", List.of("403", "SignatureDoesNotMatch"));
        expected.put("changed signed header", List.of("403", "SignatureDoesNotMatch"));
        expected.put("added header in SignedHeaders missing", List.of("403", "SignatureDoesNotMatch"));
        expected.put("changed body, signed payload", List.of("400", "XAmzContentSHA256Mismatch"));
        expected.put("unsigned payload claimed after signing", List.of("403", "SignatureDoesNotMatch"));
        expected.put("tampered chunk data", List.of("403", "SignatureDoesNotMatch"));
        expected.put("tampered chunk signature", List.of("403", "SignatureDoesNotMatch"));
        // the SDK signs Content-Length: a shorter body no longer matches the seed signature
        expected.put("final chunk left out", List.of("403", "SignatureDoesNotMatch"));
        expected.put("tampered trailer", List.of("403", "SignatureDoesNotMatch"));
        expected.put("tampered trailer signature", List.of("403", "SignatureDoesNotMatch"));
        expected.put("read key PUT", List.of("403", "AccessDenied"));
        expected.put("read key impersonating a node", List.of("403", "AccessDenied"));
        expected.put("write key impersonating a node", List.of("403", "AccessDenied"));
        expected.put("read key DELETE", List.of("403", "AccessDenied"));
        expected.put("read key multipart", List.of("403", "AccessDenied"));
        expected.put("presigned PUT, expired", List.of("403", "AccessDenied"));
        expected.put("presigned PUT, other key", List.of("403", "SignatureDoesNotMatch"));
        expected.put("presigned PUT, longer expiry", List.of("403", "SignatureDoesNotMatch"));
        expected.put("presigned GET used for PUT", List.of("403", "SignatureDoesNotMatch"));
        Map<String, List<String>> actual = new LinkedHashMap<>();
        attacks.forEach((name, attack) -> actual.put(name, SdkSigned.codes(attack.get())));
        assertThat(actual).containsExactlyEntriesOf(expected);
        for (String key : List.of(
                "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a8x", "a9", "a10", "a11", "a12", "a13", "a14", "a15",
                "a16", "a17", "a18", "a19", "a20", "a21", "a23", "a24", "a25", "a25b", "a26", "a27")) {
            assertNotStored(key);
        }
    }

    @Test
    void signatureDoesNotMatchCarriesTheStringToSign() {
        HttpResponse<String> response = SdkSigned.send(put(new SdkSigned("writer", "guess"), "s1", SIGNED));
        assertRefused(response, 403, "SignatureDoesNotMatch");
        assertThat(response.body())
                .contains("<StringToSign>AWS4-HMAC-SHA256\n")
                .contains("<AWSAccessKeyId>writer<")
                .contains("<CanonicalRequest>PUT\n/auth/s1\n");
    }

    @Test
    void refusedRequestsLearnNothingAboutWhatExists() {
        assertRefused(SdkSigned.unsigned("GET", uri("/no-such-bucket/k"), Map.of(), new byte[0]), 403, "AccessDenied");
        assertRefused(SdkSigned.unsigned("GET", uri("/auth?tagging"), Map.of(), new byte[0]), 403, "AccessDenied");
    }

    @Test
    void presignedGetWorksUntilItExpires() {
        assertThat(SdkSigned.send(put(writer, "p1", SIGNED)).statusCode()).isEqualTo(200);
        HttpResponse<String> get = SdkSigned.send(reader.presign("GET", uri("/auth/p1"), Duration.ofMinutes(5)));
        assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
        HttpResponse<String> expired =
                SdkSigned.send(expired(reader.presign("GET", uri("/auth/p1"), Duration.ofSeconds(1))));
        assertRefused(expired, 403, "AccessDenied");
        assertThat(expired.body()).contains("Request has expired");
    }

    @Test
    void computeNeedsTheComputeRoleAndAnUnalteredBody() throws IOException {
        assertThat(SdkSigned.send(put(writer, "c/input", SIGNED)).statusCode()).isEqualTo(200);
        byte[] eval = ("{\"key\":\"s4://auth/c/input\",\"cmd\":\"touch '" + canary + "'; wc -l\"}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        URI evalUri = uri("/_s4/eval");
        assertRefused(SdkSigned.unsigned("POST", evalUri, json, eval), 403, "AccessDenied");
        assertRefused(SdkSigned.send(reader.sign("POST", evalUri, json, eval, SIGNED)), 403, "AccessDenied");
        assertRefused(SdkSigned.send(writer.sign("POST", evalUri, json, eval, SIGNED)), 403, "AccessDenied");
        assertRefused(
                SdkSigned.send(new SdkSigned("computer", "wrong").sign("POST", evalUri, json, eval, SIGNED)),
                403,
                "SignatureDoesNotMatch");
        byte[] other = Arrays.copyOf(eval, eval.length);
        other[other.length - 3] = 'c';
        assertRefused(
                SdkSigned.send(
                        computer.sign("POST", evalUri, json, eval, SIGNED).withBody(other)),
                400,
                "XAmzContentSHA256Mismatch");
        assertThat(canary).as("no refused request may run the command").doesNotExist();

        HttpResponse<String> ran = SdkSigned.send(computer.sign("POST", evalUri, json, eval, SIGNED));
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        assertThat(ran.body().strip()).isEqualTo("1000");
        assertThat(canary).as("the same command, signed by a compute key, runs").exists();
    }

    @Test
    void healthIsOpenOtherActuatorEndpointsAreNot() {
        assertThat(SdkSigned.unsigned("GET", uri("/_s4/actuator/health/liveness"), Map.of(), new byte[0])
                        .statusCode())
                .isEqualTo(200);
        assertThat(SdkSigned.unsigned("GET", uri("/_s4/actuator/prometheus"), Map.of(), new byte[0])
                        .statusCode())
                .isEqualTo(200);
        assertRefused(SdkSigned.unsigned("GET", uri("/_s4/actuator/env"), Map.of(), new byte[0]), 403, "AccessDenied");
        assertThat(SdkSigned.send(reader.sign("GET", uri("/_s4/actuator/env"), Map.of(), new byte[0], UNSIGNED))
                        .statusCode())
                .as("not exposed")
                .isIn(400, 404);
    }
}
