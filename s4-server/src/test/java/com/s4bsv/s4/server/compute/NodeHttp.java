package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP to s4 nodes for compute tests: S3 puts/gets/listings and the /_s4/ compute calls. */
final class NodeHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");

    private final URI endpoint;

    NodeHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The answer of a map-family call: its ndjson lines and the final one. */
    record JobAnswer(int status, List<JsonNode> lines, String raw) {

        JsonNode last() {
            assertThat(lines).as(raw).isNotEmpty();
            return lines.getLast();
        }

        String type() {
            return last().path("type").asString();
        }

        JobAnswer assertDone() {
            assertThat(status).as(raw).isEqualTo(200);
            assertThat(type()).as(raw).isEqualTo("done");
            return this;
        }

        JobAnswer assertError() {
            assertThat(status).as(raw).isEqualTo(200);
            assertThat(type()).as(raw).isEqualTo("error");
            return this;
        }
    }

    void put(String key, byte[] data) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(key))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                .build());
        assertThat(r.statusCode()).as("PUT %s: %s", key, r.body()).isEqualTo(200);
    }

    void put(String key, String text) {
        put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    void putFile(String key, Path file) {
        try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(key))
                    .PUT(HttpRequest.BodyPublishers.ofFile(file))
                    .build());
            assertThat(r.statusCode()).as("PUT %s: %s", key, r.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object's bytes, or null when it does not exist. */
    byte[] get(String key) {
        try {
            HttpResponse<byte[]> r =
                    HTTP.send(HttpRequest.newBuilder(uri(key)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 404) {
                return null;
            }
            assertThat(r.statusCode()).as("GET %s", key).isEqualTo(200);
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stored CRC32C (base64) of a key, from HEAD. */
    String checksum(String key) {
        try {
            HttpResponse<Void> r = HTTP.send(
                    HttpRequest.newBuilder(uri(key))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).as("HEAD %s", key).isEqualTo(200);
            return r.headers().firstValue("x-amz-checksum-crc32c").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String text(String key) {
        byte[] data = get(key);
        assertThat(data).as("key %s", key).isNotNull();
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Every key (relative to the bucket) under {@code s4://bucket/prefix}, over all nodes, in key order. */
    List<String> list(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String query =
                    "list-type=2&prefix=" + enc(prefix) + (token == null ? "" : "&continuation-token=" + enc(token));
            HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket + "?" + query))
                    .build());
            if (r.statusCode() == 404) {
                return keys;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Matcher m = KEY.matcher(r.body());
            while (m.find()) {
                keys.add(xmlText(m.group(1)));
            }
            Matcher next = Pattern.compile("<NextContinuationToken>([^<]*)</NextContinuationToken>")
                    .matcher(r.body());
            token = next.find() ? xmlText(next.group(1)) : null;
        } while (token != null);
        return keys;
    }

    JobAnswer job(String path, String indir, String outdir, String cmd) {
        return job(path, indir, outdir, cmd, false);
    }

    JobAnswer job(String path, String indir, String outdir, String cmd, boolean localOnly) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("indir", indir);
        body.put("outdir", outdir);
        body.put("cmd", cmd);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (localOnly) {
            request.header("x-s4-local", "1");
        }
        try {
            HttpResponse<InputStream> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            List<JsonNode> lines = new ArrayList<>();
            var raw = new StringBuilder();
            try (var reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    raw.append(line).append('\n');
                    if (r.statusCode() == 200 && !line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
            return new JobAnswer(r.statusCode(), lines, raw.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> eval(String key, String cmd) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("cmd", cmd);
        return send(HttpRequest.newBuilder(endpoint.resolve("/_s4/eval"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private URI uri(String key) {
        assertThat(key).startsWith("s4://");
        return endpoint.resolve("/" + encodePath(key.substring("s4://".length())));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encodes all but unreserved characters and '/' (the ITs run against the jar, not the classes). */
    static String encodePath(String path) {
        var out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String xmlText(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
