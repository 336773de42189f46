package com.s4bsv.s4.server.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain java.net.http calls to one node: what a client without s4 code sees. Against nodes with keys, every call
 * of an instance is signed ({@code signer}); the static {@link #send} sends a request as it is.
 */
final class S3Http {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final URI endpoint;
    private final UnaryOperator<HttpRequest> signer;

    /** Anonymous calls. */
    S3Http(URI endpoint) {
        this(endpoint, UnaryOperator.identity());
    }

    S3Http(URI endpoint, UnaryOperator<HttpRequest> signer) {
        this.endpoint = endpoint;
        this.signer = signer;
    }

    /** {@code request} signed as this client signs, then sent. */
    HttpResponse<String> call(HttpRequest request) {
        return send(signer.apply(request));
    }

    <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return send(signer.apply(request), handler);
    }

    URI uri(String pathAndQuery) {
        return endpoint.resolve(pathAndQuery);
    }

    HttpResponse<String> put(String path, byte[] data) {
        return call(HttpRequest.newBuilder(uri(path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                .build());
    }

    HttpResponse<byte[]> get(String path) {
        return call(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> head(String path) {
        return call(HttpRequest.newBuilder(uri(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    HttpResponse<String> delete(String path) {
        return call(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    HttpResponse<String> post(String pathAndQuery, String body) {
        return call(HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> listing(String bucket, String prefix) {
        return call(HttpRequest.newBuilder(uri("/" + bucket + "?list-type=2&prefix=" + prefix))
                .build());
    }

    /** The keys of a whole listing (one page is enough for these tests: under 1000 keys). */
    List<String> keys(String bucket, String prefix) {
        HttpResponse<String> r = listing(bucket, prefix);
        if (r.statusCode() != 200) {
            throw new AssertionError(
                    "listing s4://" + bucket + "/" + prefix + ": HTTP " + r.statusCode() + " " + r.body());
        }
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(r.body());
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** A map-family job over HTTP; returns the whole ndjson answer. */
    HttpResponse<String> job(String path, String indir, String outdir, String cmd) {
        return post(
                path,
                "{\"indir\":\"" + indir + "\",\"outdir\":\"" + outdir + "\",\"cmd\":\""
                        + cmd.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    static String code(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    static HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
