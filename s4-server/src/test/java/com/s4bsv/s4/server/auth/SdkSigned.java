package com.s4bsv.s4.server.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Requests signed by the AWS SDK v2 signer (the oracle: what real clients send), as raw bytes that a test may alter
 * before sending them with java.net.http.
 */
final class SdkSigned {

    /** How the body is signed. */
    enum Payload {
        UNSIGNED,
        SIGNED,
        STREAMING,
        STREAMING_TRAILER
    }

    /** A signed request as it will go on the wire; every part may be replaced. */
    record Wire(String method, URI uri, Map<String, String> headers, byte[] body) {

        Wire withUri(URI newUri) {
            return new Wire(method, newUri, headers, body);
        }

        Wire withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.keySet().removeIf(n -> n.equalsIgnoreCase(name));
            copy.put(name, value);
            return new Wire(method, uri, copy, body);
        }

        Wire withBody(byte[] newBody) {
            return new Wire(method, uri, headers, newBody);
        }

        Wire withBody(UnaryOperator<String> edit) {
            return withBody(
                    edit.apply(new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "expect", "connection");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String accessKey;
    private final String secret;
    private String region = "us-east-1";
    private String service = "s3";
    private Instant time = Instant.now();

    SdkSigned(String accessKey, String secret) {
        this.accessKey = accessKey;
        this.secret = secret;
    }

    SdkSigned region(String value) {
        this.region = value;
        return this;
    }

    SdkSigned service(String value) {
        this.service = value;
        return this;
    }

    SdkSigned at(Instant value) {
        this.time = value;
        return this;
    }

    /**
     * A presigned URL as the SDK's S3 presigner makes it (signed for UNSIGNED-PAYLOAD, as S3 wants; the generic
     * signer would sign the empty body's hash), valid from now for {@code expires}.
     */
    Wire presign(String method, URI uri, Duration expires) {
        int slash = uri.getPath().indexOf('/', 1);
        String bucket = uri.getPath().substring(1, slash);
        String key = uri.getPath().substring(slash + 1);
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()))
                .region(Region.of(region))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .build()) {
            PresignedRequest presigned = switch (method) {
                case "GET" ->
                    presigner.presignGetObject(r -> r.signatureDuration(expires)
                            .getObjectRequest(g -> g.bucket(bucket).key(key)));
                case "PUT" ->
                    presigner.presignPutObject(r -> r.signatureDuration(expires)
                            .putObjectRequest(g -> g.bucket(bucket).key(key)));
                default -> throw new IllegalArgumentException(method);
            };
            Map<String, String> headers = new LinkedHashMap<>();
            presigned.signedHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            return new Wire(method, URI.create(presigned.url().toString()), headers, new byte[0]);
        }
    }

    Wire sign(String method, URI uri, Map<String, String> headers, byte[] body, Payload payload) {
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        if (payload == Payload.STREAMING || payload == Payload.STREAMING_TRAILER) {
            request.putHeader("x-amz-decoded-content-length", Integer.toString(body.length));
            request.putHeader("Content-Length", Integer.toString(body.length));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC))
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payload != Payload.UNSIGNED)
                    .putProperty(
                            AwsV4HttpSigner.CHUNK_ENCODING_ENABLED,
                            payload == Payload.STREAMING || payload == Payload.STREAMING_TRAILER);
            if (payload == Payload.STREAMING_TRAILER) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            }
        });
        Map<String, String> out = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> out.put(name, String.join(",", values)));
        byte[] sent;
        try (InputStream in =
                signed.payload().map(ContentStreamProvider::newStream).orElse(InputStream.nullInputStream())) {
            sent = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Wire(method, signed.request().getUri(), out, sent);
    }

    static HttpResponse<String> send(Wire wire) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(wire.uri())
                .timeout(Duration.ofMinutes(1))
                .method(wire.method(), HttpRequest.BodyPublishers.ofByteArray(wire.body()));
        wire.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> unsigned(String method, URI uri, Map<String, String> headers, byte[] body) {
        return send(new Wire(method, uri, headers, body));
    }

    static List<String> codes(HttpResponse<String> response) {
        return List.of(Integer.toString(response.statusCode()), errorCode(response.body()));
    }

    static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        return start < 0 ? "" : body.substring(start + 6, body.indexOf("</Code>", start));
    }
}
