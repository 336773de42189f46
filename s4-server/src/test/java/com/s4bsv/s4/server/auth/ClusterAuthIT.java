package com.s4bsv.s4.server.auth;

import static com.s4bsv.s4.server.auth.SdkSigned.Payload.SIGNED;
import static com.s4bsv.s4.server.auth.SdkSigned.Payload.UNSIGNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.server.S4Nodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Three nodes with keys: forwarded requests keep the client's signature (the owner verifies it, payload included),
 * fan-out and compute calls between nodes are signed with the cluster key, and a client cannot pass for a node.
 */
class ClusterAuthIT {

    @TempDir
    static Path work;

    static S4Nodes nodes;

    @BeforeAll
    static void start() throws IOException {
        Path keys = work.resolve("keys");
        Files.writeString(keys, "reader readsecret read\nwriter writesecret write\ncomputer computesecret compute\n");
        nodes = S4Nodes.start(3, work, "--keys-file", keys.toString());
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static S3Client client(int node, String id, String secret) {
        return S3Client.builder()
                .endpointOverride(nodes.endpoint(node))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
                .forcePathStyle(true)
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    static URI uri(int node, String pathAndQuery) {
        return nodes.endpoint(node).resolve(pathAndQuery);
    }

    /** A key of {@code bucket} owned by {@code owner}. */
    static String keyOwnedBy(String bucket, String prefix, int owner, int from) {
        for (int i = from; ; i++) {
            String key = prefix + i;
            if (Placement.nodeIndex(new S4Key(bucket, key), nodes.size()) == owner) {
                return key;
            }
        }
    }

    @Test
    void aCopyReadsItsSourceFromAnotherNodeWithTheClusterKeyAndNeedsWrite() {
        try (S3Client writer = client(0, "writer", "writesecret");
                S3Client reader = client(0, "reader", "readsecret")) {
            writer.createBucket(b -> b.bucket("auth-copy"));
            String source = keyOwnedBy("auth-copy", "src", 1, 0);
            String target = keyOwnedBy("auth-copy", "dst", 2, 0);
            writer.putObject(p -> p.bucket("auth-copy").key(source), RequestBody.fromString("copied"));

            assertThat(catchThrowableOfType(
                                    S3Exception.class,
                                    () -> reader.copyObject(c -> c.sourceBucket("auth-copy")
                                            .sourceKey(source)
                                            .destinationBucket("auth-copy")
                                            .destinationKey(target)))
                            .statusCode())
                    .isEqualTo(403);
            writer.copyObject(c -> c.sourceBucket("auth-copy")
                    .sourceKey(source)
                    .destinationBucket("auth-copy")
                    .destinationKey(target));

            assertThat(reader.getObjectAsBytes(g -> g.bucket("auth-copy").key(target))
                            .asUtf8String())
                    .isEqualTo("copied");
        }
    }

    @Test
    void signedClientsWorkAcrossNodes() {
        try (S3Client writer = client(0, "writer", "writesecret");
                S3Client reader = client(1, "reader", "readsecret")) {
            writer.createBucket(b -> b.bucket("auth-c1"));
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String key = "in/k" + i;
                writer.putObject(p -> p.bucket("auth-c1").key(key), RequestBody.fromString("row " + i + "\n"));
                keys.add(key);
            }
            List<String> listed = reader.listObjectsV2Paginator(l -> l.bucket("auth-c1")).contents().stream()
                    .map(S3Object::key)
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
            for (int i = 0; i < 12; i++) {
                assertThat(reader.getObjectAsBytes(g -> g.bucket("auth-c1").key("in/k" + 3))
                                .asUtf8String())
                        .isEqualTo("row 3\n");
            }
            String remote = keyOwnedBy("auth-c1", "mp", 2, 0);
            String upload = writer.createMultipartUpload(
                            c -> c.bucket("auth-c1").key(remote))
                    .uploadId();
            String etag = writer.uploadPart(
                            u -> u.bucket("auth-c1")
                                    .key(remote)
                                    .uploadId(upload)
                                    .partNumber(1),
                            RequestBody.fromString("multipart"))
                    .eTag();
            writer.completeMultipartUpload(c -> c.bucket("auth-c1")
                    .key(remote)
                    .uploadId(upload)
                    .multipartUpload(m -> m.parts(
                            CompletedPart.builder().partNumber(1).eTag(etag).build())));
            assertThat(reader.getObjectAsBytes(g -> g.bucket("auth-c1").key(remote))
                            .asUtf8String())
                    .isEqualTo("multipart");
        }
    }

    @Test
    void computeFansOutAndForwardsSigned() {
        SdkSigned writer = new SdkSigned("writer", "writesecret");
        SdkSigned computer = new SdkSigned("computer", "computesecret");
        assertThat(SdkSigned.send(writer.sign("PUT", uri(0, "/auth-c2"), Map.of(), new byte[0], UNSIGNED))
                        .statusCode())
                .isEqualTo(200);
        for (int node = 0; node < 3; node++) {
            String key = keyOwnedBy("auth-c2", "in/", node, 0);
            assertThat(SdkSigned.send(writer.sign(
                                    "PUT",
                                    uri(0, "/auth-c2/" + key),
                                    Map.of(),
                                    "a\nb\n".getBytes(StandardCharsets.UTF_8),
                                    SIGNED))
                            .statusCode())
                    .isEqualTo(200);
        }
        String remote = keyOwnedBy("auth-c2", "in/", 2, 0);
        HttpResponse<String> eval = SdkSigned.send(computer.sign(
                "POST",
                uri(0, "/_s4/eval"),
                Map.of("Content-Type", "application/json"),
                ("{\"key\":\"s4://auth-c2/" + remote + "\",\"cmd\":\"wc -l\"}").getBytes(StandardCharsets.UTF_8),
                SIGNED));
        assertThat(eval.statusCode()).as(eval.body()).isEqualTo(200);
        assertThat(eval.body().strip()).isEqualTo("2");
        HttpResponse<String> map = SdkSigned.send(computer.sign(
                "POST",
                uri(1, "/_s4/map"),
                Map.of("Content-Type", "application/json"),
                "{\"indir\":\"s4://auth-c2/in/\",\"outdir\":\"s4://auth-c2/out/\",\"cmd\":\"tr a-z A-Z\"}"
                        .getBytes(StandardCharsets.UTF_8),
                SIGNED));
        assertThat(map.statusCode()).as(map.body()).isEqualTo(200);
        assertThat(map.body()).doesNotContain("\"error\"");
        HttpResponse<String> listing = SdkSigned.send(
                computer.sign("GET", uri(2, "/auth-c2?list-type=2&prefix=out/"), Map.of(), new byte[0], UNSIGNED));
        assertThat(listing.body().split("<Key>", -1)).hasSize(4);
    }

    @Test
    void aClientCannotPassForANode() {
        SdkSigned reader = new SdkSigned("reader", "readsecret");
        SdkSigned writer = new SdkSigned("writer", "writesecret");
        assertThat(SdkSigned.send(writer.sign("PUT", uri(0, "/auth-c3"), Map.of(), new byte[0], UNSIGNED))
                        .statusCode())
                .isEqualTo(200);
        String remote = keyOwnedBy("auth-c3", "k", 1, 0);
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        List<List<String>> answers = List.of(
                SdkSigned.codes(
                        SdkSigned.send(reader.sign("PUT", uri(0, "/auth-c3/" + remote), Map.of(), data, SIGNED))),
                SdkSigned.codes(SdkSigned.send(
                        reader.sign("PUT", uri(1, "/auth-c3/" + remote), Map.of("x-s4-forwarded", "1"), data, SIGNED))),
                SdkSigned.codes(SdkSigned.send(
                        writer.sign("PUT", uri(2, "/auth-c3/" + remote), Map.of("x-s4-forwarded", "1"), data, SIGNED))),
                SdkSigned.codes(
                        SdkSigned.unsigned("PUT", uri(1, "/auth-c3/" + remote), Map.of("x-s4-forwarded", "1"), data)));
        assertThat(answers).allSatisfy(a -> assertThat(a).containsExactly("403", "AccessDenied"));
        for (int node = 0; node < 3; node++) {
            assertThat(SdkSigned.send(reader.sign(
                                    "HEAD", uri(node, "/auth-c3/" + remote), Map.of(), new byte[0], UNSIGNED))
                            .statusCode())
                    .as("stored nowhere")
                    .isEqualTo(404);
        }
        assertThat(SdkSigned.send(reader.sign("GET", uri(0, "/auth-c3/" + remote), Map.of(), new byte[0], UNSIGNED))
                        .statusCode())
                .as("stored nowhere")
                .isEqualTo(404);
        for (int node = 0; node < 3; node++) {
            assertThat(nodes.dataDir(node).resolve("auth-c3").resolve(remote)).doesNotExist();
        }
    }
}
