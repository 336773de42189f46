package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.s4bsv.s4.server.StandaloneNodeAppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** One real node on a random port, driven by the AWS SDK for Java v2 (path style). */
class S3AppTest extends StandaloneNodeAppTest {

    final List<String> sentContentSha256 = new CopyOnWriteArrayList<>();
    S3Client s3;
    String bucket;

    @BeforeEach
    void client() {
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .forcePathStyle(true)
                .httpClient(ApacheHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
                        context.httpRequest()
                                .firstMatchingHeader("x-amz-content-sha256")
                                .ifPresent(sentContentSha256::add);
                    }
                }))
                .build();
        bucket = "b" + Long.toHexString(new Random().nextLong() & 0xFFFFFFFFL);
        s3.createBucket(b -> b.bucket(bucket));
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void putGetHeadDeleteRoundTripWithChecksumHeader() {
        byte[] data = random(100_000, 1);
        s3.putObject(b -> b.bucket(bucket).key("dir/file.bin"), RequestBody.fromBytes(data));

        ResponseBytes<GetObjectResponse> got =
                s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/file.bin").checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().checksumCRC32C()).isNotBlank();
        assertThat(got.response().eTag()).startsWith("\"").endsWith("\"");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("dir/file.bin")).contentLength())
                .isEqualTo(100_000);

        s3.deleteObject(b -> b.bucket(bucket).key("dir/file.bin"));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("dir/file.bin")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void sdkStreamsAwsChunkedWithTrailingChecksumAndItIsVerified() {
        for (ChecksumAlgorithm algorithm : List.of(
                ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
            byte[] data = random(300_000, algorithm.ordinal());
            String key = "algo/" + algorithm;
            s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm), RequestBody.fromBytes(data));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray())
                    .isEqualTo(data);
        }
        assertThat(sentContentSha256).anyMatch(v -> v.startsWith("STREAMING-"));
    }

    @Test
    void createBucketFollowsS3NamingRulesWhileAPutStillMakesItsBucketAsInS4() throws Exception {
        // The SDK itself refuses most of these names, so plain HTTP asks what the node answers.
        for (String name : List.of("ab", "10.0.0.1", "my.-bucket")) {
            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + name))
                                    .PUT(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body())
                    .contains("<Code>InvalidBucketName</Code>")
                    .contains(name);
            assertThat(Files.exists(dataDir.resolve(name))).isFalse();
        }
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("xn--abc")))
                .isInstanceOfSatisfying(
                        S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName"));

        s3.putObject(b -> b.bucket("ab").key("k"), RequestBody.fromString("implicit"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("ab").key("k")).asUtf8String())
                .isEqualTo("implicit");
    }

    @Test
    void conditionalReadsFollowS3Precedence() {
        s3.putObject(b -> b.bucket(bucket).key("cond"), RequestBody.fromString("data"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("cond"));
        Instant modified = head.lastModified();
        Instant before = modified.minusSeconds(60);
        Instant after = modified.plusSeconds(60);

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond").ifModifiedSince(before))
                        .asUtf8String())
                .isEqualTo("data");
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("cond").ifModifiedSince(after)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("cond").ifUnmodifiedSince(before)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        // If-Match that holds wins over If-Unmodified-Since that does not; If-None-Match over If-Modified-Since.
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket)
                                .key("cond")
                                .ifMatch(head.eTag())
                                .ifUnmodifiedSince(before))
                        .asUtf8String())
                .isEqualTo("data");
        assertThatThrownBy(() -> s3.getObject(b ->
                        b.bucket(bucket).key("cond").ifNoneMatch(head.eTag()).ifModifiedSince(before)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket)
                                .key("cond")
                                .ifNoneMatch("\"other\"")
                                .ifModifiedSince(after))
                        .asUtf8String())
                .isEqualTo("data");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("cond").ifUnmodifiedSince(before)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void metadataIsKeptOnPutAndMultipartAndReturnedWithOverrides() {
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        s3.putObject(
                b -> b.bucket(bucket)
                        .key("meta")
                        .contentType("text/csv")
                        .contentEncoding("identity")
                        .contentDisposition("attachment; filename=\"a.csv\"")
                        .contentLanguage("en")
                        .cacheControl("max-age=60")
                        .expires(expires)
                        .metadata(Map.of("color", "blue", "Word", "caf\u00e9")),
                RequestBody.fromString("a,b"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("meta"));
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(head.contentEncoding()).isEqualTo("identity");
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"a.csv\"");
        assertThat(head.contentLanguage()).isEqualTo("en");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.expires()).isEqualTo(expires);
        assertThat(head.metadata()).containsEntry("color", "blue").containsKey("word");

        GetObjectResponse got = s3.getObjectAsBytes(b -> b.bucket(bucket)
                        .key("meta")
                        .responseContentType("text/plain")
                        .responseCacheControl("no-store"))
                .response();
        assertThat(got.contentType()).isEqualTo("text/plain");
        assertThat(got.cacheControl()).isEqualTo("no-store");
        assertThat(got.contentLanguage()).isEqualTo("en");

        String id = s3.createMultipartUpload(b -> b.bucket(bucket)
                        .key("meta-multi")
                        .contentType("image/png")
                        .metadata(Map.of("origin", "multipart")))
                .uploadId();
        String etag = s3.uploadPart(
                        b -> b.bucket(bucket).key("meta-multi").uploadId(id).partNumber(1),
                        RequestBody.fromString("png"))
                .eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket)
                .key("meta-multi")
                .uploadId(id)
                .multipartUpload(m ->
                        m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        HeadObjectResponse multi = s3.headObject(b -> b.bucket(bucket).key("meta-multi"));
        assertThat(multi.contentType()).isEqualTo("image/png");
        assertThat(multi.metadata()).containsEntry("origin", "multipart");

        assertThatThrownBy(() -> s3.putObject(
                        b -> b.bucket(bucket).key("meta-big").metadata(Map.of("big", "x".repeat(2100))),
                        RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MetadataTooLarge");
                });
        assertThat(Files.exists(dataDir.resolve(bucket).resolve("meta-big"))).isFalse();
    }

    @Test
    void folderMarkersAreStoredListedReadAndDeletedBesideTheKeysUnderThem() {
        s3.putObject(b -> b.bucket(bucket).key("tree/"), RequestBody.empty());
        s3.putObject(b -> b.bucket(bucket).key("tree/a"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(bucket).key("tree/sub/"), RequestBody.empty());

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("tree")).contents())
                .extracting(S3Object::key)
                .containsExactly("tree/", "tree/a", "tree/sub/");
        ListObjectsV2Response delimited =
                s3.listObjectsV2(b -> b.bucket(bucket).prefix("tree/").delimiter("/"));
        assertThat(delimited.contents()).extracting(S3Object::key).containsExactly("tree/", "tree/a");
        assertThat(delimited.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("tree/sub/");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tree/")).asByteArray())
                .isEmpty();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("tree/sub/")).contentLength())
                .isZero();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("tree/"), RequestBody.empty()))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("full/"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));

        s3.deleteObject(b -> b.bucket(bucket).key("tree/"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tree/a")).asUtf8String())
                .isEqualTo("a");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("tree/")))
                .isInstanceOf(NoSuchKeyException.class);
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key("tree/sub/"), o -> o.key("tree/a"))));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("tree")).contents())
                .isEmpty();
    }

    @Test
    void existingKeyIsRefusedWith409() {
        s3.putObject(b -> b.bucket(bucket).key("once"), RequestBody.fromString("first"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("once"), RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyAlreadyExists");
                });
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("once")).asUtf8String())
                .isEqualTo("first");
    }

    @Test
    void rangesAndUnsatisfiableRange() {
        s3.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromString("0123456789"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=2-4"))
                        .asUtf8String())
                .isEqualTo("234");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=7-"))
                        .asUtf8String())
                .isEqualTo("789");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=-3"))
                        .asUtf8String())
                .isEqualTo("789");
        assertThatThrownBy(
                        () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=20-30")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));
    }

    @Test
    void listsWithPrefixDelimiterAndPages() {
        List<String> keys = List.of("a/1", "a/2", "a/b/3", "a_x", "b", "c/d/e", "c.txt", "k.xxh");
        for (String key : keys) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        ListObjectsV2Response root = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertThat(root.contents()).extracting(S3Object::key).containsExactly("a_x", "b", "c.txt", "k.xxh");
        assertThat(root.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/", "c/");

        ListObjectsV2Response underscore =
                s3.listObjectsV2(b -> b.bucket(bucket).delimiter("_"));
        assertThat(underscore.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a_");

        List<String> paged = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(3)).contents().forEach(o -> paged.add(o.key()));
        assertThat(paged).containsExactly("a/1", "a/2", "a/b/3", "a_x", "b", "c.txt", "c/d/e", "k.xxh");

        List<String> pagedPrefixes = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(1).delimiter("/"))
                .forEach(page -> {
                    page.contents().forEach(o -> pagedPrefixes.add(o.key()));
                    page.commonPrefixes().forEach(p -> pagedPrefixes.add(p.prefix()));
                });
        assertThat(pagedPrefixes).containsExactly("a/", "a_x", "b", "c.txt", "c/", "k.xxh");

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("b")).contents())
                .extracting(S3Object::key)
                .containsExactly("c.txt", "c/d/e", "k.xxh");
        assertThat(s3.listObjects(b -> b.bucket(bucket).prefix("a/").marker("a/1"))
                        .contents())
                .extracting(S3Object::key)
                .containsExactly("a/2", "a/b/3");
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("no-such-bucket")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void multipartUploadAppearsAtCompleteAndRepeatedCompleteIs200() {
        String key = "multi/big.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        byte[] part1 = random(5 * 1024 * 1024, 11);
        byte[] part2 = random(1234, 12);
        String e1 = s3.uploadPart(
                        b -> b.bucket(bucket).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(part1))
                .eTag();
        String e2 = s3.uploadPart(
                        b -> b.bucket(bucket).key(key).uploadId(id).partNumber(2), RequestBody.fromBytes(part2))
                .eTag();
        assertThat(s3.listParts(b -> b.bucket(bucket).key(key).uploadId(id)).parts())
                .hasSize(2);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key))).isInstanceOf(S3Exception.class);

        List<CompletedPart> parts = List.of(
                CompletedPart.builder().partNumber(1).eTag(e1).build(),
                CompletedPart.builder().partNumber(2).eTag(e2).build());
        String etag = s3.completeMultipartUpload(
                        b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)))
                .eTag();
        String again = s3.completeMultipartUpload(
                        b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)))
                .eTag();
        assertThat(again).isEqualTo(etag);

        byte[] whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        byte[] expected = new byte[part1.length + part2.length];
        System.arraycopy(part1, 0, expected, 0, part1.length);
        System.arraycopy(part2, 0, expected, part1.length, part2.length);
        assertThat(whole).isEqualTo(expected);

        ResponseBytes<GetObjectResponse> second =
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).partNumber(2));
        assertThat(second.asByteArray()).isEqualTo(part2);
        assertThat(second.response().partsCount()).isEqualTo(2);
        assertThat(second.response().contentRange())
                .isEqualTo("bytes " + part1.length + "-" + (expected.length - 1) + "/" + expected.length);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).partNumber(1))
                        .asByteArray())
                .isEqualTo(part1);
        HeadObjectResponse headOfFirst =
                s3.headObject(b -> b.bucket(bucket).key(key).partNumber(1));
        assertThat(headOfFirst.contentLength()).isEqualTo(part1.length);
        assertThat(headOfFirst.partsCount()).isEqualTo(2);
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key(key).partNumber(3)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart");
                });

        String small = s3.createMultipartUpload(b -> b.bucket(bucket).key("multi/small"))
                .uploadId();
        String s1 = s3.uploadPart(
                        b -> b.bucket(bucket).key("multi/small").uploadId(small).partNumber(1),
                        RequestBody.fromBytes(part2))
                .eTag();
        String s2 = s3.uploadPart(
                        b -> b.bucket(bucket).key("multi/small").uploadId(small).partNumber(2),
                        RequestBody.fromBytes(part2))
                .eTag();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                        .key("multi/small")
                        .uploadId(small)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(1).eTag(s1).build(),
                                CompletedPart.builder().partNumber(2).eTag(s2).build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall");
                });
        ListMultipartUploadsResponse open =
                s3.listMultipartUploads(b -> b.bucket(bucket).prefix("multi/"));
        assertThat(open.uploads())
                .extracting(MultipartUpload::key, MultipartUpload::uploadId)
                .containsExactly(tuple("multi/small", small));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).delimiter("/")).commonPrefixes())
                .extracting(CommonPrefix::prefix)
                .containsExactly("multi/");
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("multi/small").uploadId(small));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();

        String aborted = s3.createMultipartUpload(b -> b.bucket(bucket).key("multi/aborted"))
                .uploadId();
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("multi/aborted").uploadId(aborted));
        assertThatThrownBy(() ->
                        s3.listParts(b -> b.bucket(bucket).key("multi/aborted").uploadId(aborted)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void deleteObjectsAndBucketLifecycle() {
        for (String key : List.of("x/1", "x/2", "y")) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        var result = s3.deleteObjects(b -> b.bucket(bucket)
                .delete(d -> d.objects(o -> o.key("x/1"), o -> o.key("x/2"), o -> o.key("y"), o -> o.key("missing"))));
        assertThat(result.deleted()).hasSize(4);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        s3.headBucket(b -> b.bucket(bucket));
        s3.deleteBucket(b -> b.bucket(bucket));
        assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));
    }

    @Test
    void exactlyOneOfTwentyConcurrentPutsWins() throws Exception {
        var start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                byte[] body = ("writer " + i + " ").repeat(5000 + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        s3.putObject(b -> b.bucket(bucket).key("race"), RequestBody.fromBytes(body));
                        return body.length;
                    } catch (S3Exception e) {
                        assertThat(e.statusCode()).isEqualTo(409);
                        return -1;
                    }
                }));
            }
            start.countDown();
        }
        List<Integer> winners = new ArrayList<>();
        for (Future<Integer> f : results) {
            if (f.get() > 0) {
                winners.add(f.get());
            }
        }
        assertThat(winners).hasSize(1);
        String stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("race")).asUtf8String();
        assertThat(stored).hasSize(winners.get(0));
        String writer = stored.substring(0, stored.indexOf(' ', 7) + 1);
        assertThat(stored).isEqualTo(writer.repeat(stored.length() / writer.length()));
    }

    @Test
    void hostileKeysGet400AndTouchNothingOutsideTheRoot() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of(
                "/" + bucket + "/a/%2e%2e/%2e%2e/%2e%2e/escape",
                "/" + bucket + "/a/..%2f..%2fx",
                "/" + bucket + "/%2E%2E",
                "/" + bucket + "/ta%09b",
                "/_tmp/x",
                "/" + bucket + "/a//b")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .PUT(HttpRequest.BodyPublishers.ofString("evil"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).contains("<Code>").contains("<Error>");
        }
        assertThat(Files.exists(dataDir.getParent().resolve("escape"))).isFalse();
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().contains("escape")))
                    .isEmpty();
        }
    }

    @Test
    void keyCollidingWithDirectoryIsAClearErrorNotA500() {
        s3.putObject(b -> b.bucket(bucket).key("a/b/c"), RequestBody.fromString("c"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("a/b"), RequestBody.fromString("b")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyPathConflict");
                });
    }

    @Test
    void prometheusAndHealthAreUnderTheInternalPrefix() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("m"), RequestBody.fromString("metrics"));
        HttpClient http = HttpClient.newHttpClient();
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_s4/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .contains("s4_requests_seconds_bucket")
                .contains("operation=\"PutObject\"")
                .contains("s4_bytes_in_total")
                .contains("s4_objects_stored")
                .contains("s4_temp_bytes")
                .contains("s4_checksum_failures_total");
        for (String group : List.of("liveness", "readiness")) {
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_s4/actuator/health/" + group))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
        String health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_s4/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(health).contains("diskSpace").contains("peers");
    }
}
