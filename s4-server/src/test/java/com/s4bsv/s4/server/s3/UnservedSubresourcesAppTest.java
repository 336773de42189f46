package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.StandaloneNodeAppTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every S3 subresource s4 does not serve, with every method, on a bucket and on a key: 501 NotImplemented as an S3
 * XML error, and the data dir is exactly as before (the issue: {@code DELETE /b/k?tagging} used to delete the key).
 */
class UnservedSubresourcesAppTest extends StandaloneNodeAppTest {

    static final List<String> UNSERVED = UnservedSubresources.ALL;

    static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String BODY = "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>";

    @BeforeEach
    void bucketAndKey() throws Exception {
        if (send("GET", "/sub/key", "").statusCode() != 200) {
            assertThat(send("PUT", "/sub", "").statusCode()).isEqualTo(200);
            assertThat(send("PUT", "/sub/key", "the data").statusCode()).isEqualTo(200);
            assertThat(send("PUT", "/empty-bucket", "").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everyUnservedSubresourceIsNotImplementedWithEveryMethodAndNothingChangesOnDisk() throws Exception {
        Map<String, String> before = snapshot();
        List<String> tried = new ArrayList<>();
        for (String subresource : UNSERVED) {
            for (String method : METHODS) {
                for (String path : List.of("/sub", "/sub/", "/sub/key", "/empty-bucket")) {
                    for (String query : List.of(subresource, subresource + "=1&prefix=")) {
                        String target = path + "?" + query;
                        HttpResponse<String> answer = send(method, target, method.equals("PUT") ? BODY : "");
                        assertThat(answer.statusCode())
                                .as("%s %s: %s", method, target, answer.body())
                                .isEqualTo(501);
                        if (!method.equals("HEAD")) {
                            assertThat(answer.body())
                                    .as("%s %s", method, target)
                                    .contains("<Code>NotImplemented</Code>")
                                    .contains(subresource);
                        }
                        tried.add(method + " " + target);
                    }
                }
            }
        }
        assertThat(tried).hasSize(UNSERVED.size() * METHODS.size() * 4 * 2);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(send("GET", "/sub/key", "").body()).isEqualTo("the data");
        assertThat(send("HEAD", "/empty-bucket", "").statusCode()).isEqualTo(200);
    }

    @Test
    void aServedOperationWithAnUnknownParameterIsRefusedToo() throws Exception {
        Map<String, String> before = snapshot();
        for (String target : List.of(
                "/sub/key?max-keys=1",
                "/sub/key?uploads&tagging",
                "/sub?delete&acl",
                "/sub?list-type=2&versions",
                "/sub/key?uploadId=00000000000000000000000000000000&retention",
                "/?acl",
                "/sub?location&policy")) {
            for (String method : METHODS) {
                assertThat(send(method, target, "").statusCode())
                        .as("%s %s", method, target)
                        .isEqualTo(501);
            }
        }
        assertThat(send("PUT", "/sub/other?partNumber=1", "data").statusCode()).isEqualTo(501);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void parametersEveryClientAddsAreAccepted() throws Exception {
        assertThat(send("GET", "/sub/key?x-id=GetObject", "").body()).isEqualTo("the data");
        assertThat(send(
                                "GET",
                                "/sub?list-type=2&prefix=&delimiter=%2F&encoding-type=url&max-keys=5&start-after="
                                        + "&x-id=ListObjectsV2",
                                "")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/sub?marker=&encoding-type=url&prefix=k&delimiter=", "")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/sub?location", "").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/sub?uploads", "").statusCode()).isEqualTo(200);
        // A presigned URL carries its signature in X-Amz-* parameters.
        assertThat(send("GET", "/sub/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=60&X-Amz-Signature=ab", "")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aMethodNoOperationServesWithoutSubresourceIsStillMethodNotAllowed() throws Exception {
        assertThat(send("POST", "/sub/key", "").statusCode()).isEqualTo(405);
        assertThat(send("POST", "/sub", "").statusCode()).isEqualTo(405);
    }

    @Test
    void computePathsAreNotS3AndKeepTheirParameters() throws Exception {
        assertThat(send("GET", "/_s4/actuator/health?anything=1", "").statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String target, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                        .method(method, publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every path under the data dir (temp space aside) with its size, time and content. */
    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.filter(p -> !dataDir.relativize(p).toString().startsWith("_tmp"))
                    .forEach(p -> {
                        try {
                            BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
                            String content =
                                    attrs.isRegularFile() ? Files.readString(p, StandardCharsets.ISO_8859_1) : "dir";
                            files.put(
                                    dataDir.relativize(p).toString(),
                                    attrs.size() + " " + attrs.lastModifiedTime() + " " + content);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return files;
    }
}
