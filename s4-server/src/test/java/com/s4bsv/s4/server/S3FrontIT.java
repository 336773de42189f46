package com.s4bsv.s4.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.server.s3.UnservedSubresources;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 front of issue 15 on three real nodes, each client talking to a node that forwards to the key's owner:
 * metadata round-trips, folder markers, open uploads listed across nodes, and every unserved subresource refused
 * with the key and the bucket intact, through the aws CLI, boto3 and the AWS SDK v2. The nodes take anonymous
 * requests here; {@link SignedS3FrontIT} runs every scenario again against nodes with keys.
 */
// One instance for the class, so a subclass's @BeforeAll overrides this one: a static one only hid it, and JUnit ran
// both, leaving the first cluster running after the class.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3FrontIT {

    static final List<String> UNSERVED = UnservedSubresources.ALL;

    @TempDir
    static Path work;

    static S4Nodes nodes;

    @BeforeAll
    void start() throws IOException {
        nodes = S4Nodes.start(3, work);
    }

    @AfterAll
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** A node that does not own the key: every request for it is forwarded. */
    static int forwarder(String bucket, String path) {
        return (Placement.nodeIndex(new S4Key(bucket, path), nodes.size()) + 1) % nodes.size();
    }

    static S3Client sdk(int node) {
        return S3Client.builder()
                .endpointOverride(nodes.endpoint(node))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        nodes.credentials().accessKeyId(), nodes.credentials().secretAccessKey())))
                .forcePathStyle(true)
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @Test
    void sdkKeepsMetadataListsOpenUploadsAndFolderMarkersThroughAForwardingNode() {
        String key = "meta/report.csv";
        int via = forwarder("sdkfront", key);
        try (S3Client s3 = sdk(via);
                S3Client other = sdk((via + 1) % 3)) {
            s3.createBucket(b -> b.bucket("sdkfront"));
            s3.putObject(
                    b -> b.bucket("sdkfront")
                            .key(key)
                            .contentType("text/csv")
                            .cacheControl("no-cache")
                            .metadata(Map.of("origin", "sdk")),
                    RequestBody.fromString("a,b\n"));
            HeadObjectResponse head = other.headObject(b -> b.bucket("sdkfront").key(key));
            assertThat(head.contentType()).isEqualTo("text/csv");
            assertThat(head.cacheControl()).isEqualTo("no-cache");
            assertThat(head.metadata()).containsEntry("origin", "sdk");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("sdkfront").key(key).responseContentType("text/plain"))
                            .response()
                            .contentType())
                    .isEqualTo("text/plain");

            String upload = "open/upload.bin";
            String id;
            try (S3Client starter = sdk(forwarder("sdkfront", upload))) {
                id = starter.createMultipartUpload(b -> b.bucket("sdkfront").key(upload))
                        .uploadId();
            }
            for (int node = 0; node < 3; node++) {
                try (S3Client any = sdk(node)) {
                    assertThat(any.listMultipartUploads(b -> b.bucket("sdkfront"))
                                    .uploads())
                            .extracting(MultipartUpload::key, MultipartUpload::uploadId)
                            .containsExactly(tuple(upload, id));
                }
            }
            s3.abortMultipartUpload(b -> b.bucket("sdkfront").key(upload).uploadId(id));

            s3.putObject(b -> b.bucket("sdkfront").key("meta/"), RequestBody.empty());
            assertThat(other.listObjectsV2(b -> b.bucket("sdkfront").prefix("meta"))
                            .contents())
                    .extracting(S3Object::key)
                    .containsExactly("meta/", key);

            assertThatThrownBy(() ->
                            s3.deleteObjectTagging(b -> b.bucket("sdkfront").key(key)))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
            assertThatThrownBy(() -> s3.getBucketVersioning(b -> b.bucket("sdkfront")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
            assertThat(other.getObjectAsBytes(b -> b.bucket("sdkfront").key(key))
                            .asUtf8String())
                    .isEqualTo("a,b\n");
        }
    }

    @Test
    void everyUnservedSubresourceIsRefusedThroughEveryNodeAndNothingChanges() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String key = "kept/object";
        put(http, nodes.endpoint(0) + "/rawfront/" + key, "kept");
        put(http, nodes.endpoint(0) + "/rawempty", "");
        int via = forwarder("rawfront", key);
        for (String subresource : UNSERVED) {
            for (String method : List.of("GET", "PUT", "POST", "DELETE", "HEAD")) {
                for (String path : List.of("/rawfront/" + key, "/rawfront", "/rawempty")) {
                    URI uri = URI.create(nodes.endpoint(via) + path + "?" + subresource);
                    HttpResponse<String> answer = http.send(
                            nodes.sign(HttpRequest.newBuilder(uri)
                                    .method(
                                            method,
                                            method.equals("PUT")
                                                    ? HttpRequest.BodyPublishers.ofString("<Tagging/>")
                                                    : HttpRequest.BodyPublishers.noBody())
                                    .build()),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as("%s %s", method, uri).isEqualTo(501);
                }
            }
        }
        assertThat(http.send(
                                nodes.sign(HttpRequest.newBuilder(URI.create(nodes.endpoint(via) + "/rawfront/" + key))
                                        .build()),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .isEqualTo("kept");
        assertThat(http.send(
                                nodes.sign(HttpRequest.newBuilder(URI.create(nodes.endpoint(via) + "/rawempty"))
                                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                        .build()),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    private static void put(HttpClient http, String uri, String body) throws Exception {
        HttpResponse<String> answer = http.send(
                nodes.sign(HttpRequest.newBuilder(URI.create(uri))
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void awsCliSyncsATreeWithAFolderMarkerTwiceAndKeepsMetadata() throws IOException {
        assumeTrue(Commands.available("aws", "--version"), "aws CLI not installed: skipping the aws CLI test");
        Path tree = Files.createDirectories(work.resolve("tree/sub"));
        Files.writeString(work.resolve("tree/top.txt"), "top");
        Files.writeString(tree.resolve("inner.txt"), "inner");
        assertThat(nodes.aws(0, work, null, "s3", "mb", "s3://clifront").exit()).isZero();
        Commands.Result marker =
                nodes.aws(1, work, null, "s3api", "put-object", "--bucket", "clifront", "--key", "tree/empty/");
        assertThat(marker.exit()).as(marker.toString()).isZero();

        Commands.Result first =
                nodes.aws(2, work, null, "s3", "sync", work.resolve("tree").toString(), "s3://clifront/tree/");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("upload:");
        Commands.Result second =
                nodes.aws(1, work, null, "s3", "sync", work.resolve("tree").toString(), "s3://clifront/tree/");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).doesNotContain("upload:");
        Commands.Result ls = nodes.aws(0, work, null, "s3", "ls", "--recursive", "s3://clifront/tree/");
        assertThat(ls.out()).contains("tree/empty/", "tree/top.txt", "tree/sub/inner.txt");

        int via = forwarder("clifront", "meta.json");
        Commands.Result put = nodes.aws(
                via,
                work,
                null,
                "s3",
                "cp",
                "--content-type",
                "application/json",
                "--metadata",
                "team=data",
                work.resolve("tree/top.txt").toString(),
                "s3://clifront/meta.json");
        assertThat(put.exit()).as(put.toString()).isZero();
        Commands.Result head = nodes.aws(
                (via + 1) % 3, work, null, "s3api", "head-object", "--bucket", "clifront", "--key", "meta.json");
        assertThat(head.out()).contains("application/json").contains("\"team\": \"data\"");

        Commands.Result tagging = nodes.aws(
                via, work, null, "s3api", "delete-object-tagging", "--bucket", "clifront", "--key", "meta.json");
        assertThat(tagging.exit()).isNotZero();
        assertThat(tagging.stderr()).contains("NotImplemented");
        assertThat(nodes.aws(0, work, null, "s3", "cp", "s3://clifront/meta.json", "-")
                        .out())
                .isEqualTo("top");

        Commands.Result uploads = nodes.aws(via, work, null, "s3api", "list-multipart-uploads", "--bucket", "clifront");
        assertThat(uploads.exit()).as(uploads.toString()).isZero();
    }

    @Test
    void boto3KeepsMetadataListsOpenUploadsAndIsRefusedWhatS4DoesNotServe() throws IOException {
        assumeTrue(Commands.available("python3", "-c", "import boto3"), "python3 boto3 not installed: skipping");
        String script = """
                import boto3, sys
                from botocore.exceptions import ClientError
                # credentials from the environment: the nodes' key (signed run) or dummy ones
                s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1')
                other = boto3.client('s3', endpoint_url=sys.argv[2], region_name='us-east-1')
                s3.create_bucket(Bucket='botofront')
                s3.put_object(Bucket='botofront', Key='m/k.txt', Body=b'hi', ContentType='text/plain',
                              ContentDisposition='inline', Metadata={'who': 'boto3'})
                head = other.head_object(Bucket='botofront', Key='m/k.txt')
                assert head['ContentType'] == 'text/plain', head
                assert head['ContentDisposition'] == 'inline', head
                assert head['Metadata'] == {'who': 'boto3'}, head
                up = s3.create_multipart_upload(Bucket='botofront', Key='m/open.bin')['UploadId']
                listed = other.list_multipart_uploads(Bucket='botofront', Prefix='m/')['Uploads']
                assert [(u['Key'], u['UploadId']) for u in listed] == [('m/open.bin', up)], listed
                for call in (lambda: s3.delete_object_tagging(Bucket='botofront', Key='m/k.txt'),
                             lambda: s3.put_object_tagging(Bucket='botofront', Key='m/k.txt',
                                                           Tagging={'TagSet': [{'Key': 'a', 'Value': 'b'}]}),
                             lambda: s3.get_object_acl(Bucket='botofront', Key='m/k.txt'),
                             lambda: s3.delete_bucket_policy(Bucket='botofront'),
                             lambda: s3.put_bucket_versioning(Bucket='botofront',
                                                              VersioningConfiguration={'Status': 'Enabled'})):
                    try:
                        call()
                        raise SystemExit('served: %r' % call)
                    except ClientError as e:
                        assert e.response['ResponseMetadata']['HTTPStatusCode'] == 501, e.response
                assert other.get_object(Bucket='botofront', Key='m/k.txt')['Body'].read() == b'hi'
                s3.head_bucket(Bucket='botofront')
                print('OK')
                """;
        Path py = work.resolve("boto_front.py");
        Files.writeString(py, script);
        int via = forwarder("botofront", "m/k.txt");
        Commands.Result result = Commands.run(
                work,
                nodes.awsEnv(),
                null,
                300,
                "python3",
                py.toString(),
                nodes.endpoint(via).toString(),
                nodes.endpoint((via + 1) % 3).toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("OK");
    }

    // ---- CopyObject and UploadPartCopy (issue 15 item 3) ----

    static int owner(String bucket, String path) {
        return Placement.nodeIndex(new S4Key(bucket, path), nodes.size());
    }

    /** A key under {@code prefix} whose owner is not {@code node}. */
    static String keyNotOwnedBy(String bucket, String prefix, int node) {
        for (int i = 0; ; i++) {
            if (owner(bucket, prefix + i) != node) {
                return prefix + i;
            }
        }
    }

    @Test
    void sdkCopiesFromOneNodeToAnotherThroughAThirdWithItsMetadataAndConditions() {
        String bucket = "sdkcopy";
        String source = "src/data.csv";
        String target = keyNotOwnedBy(bucket, "dst/copy-", owner(bucket, source));
        int via = 3 - owner(bucket, source) - owner(bucket, target);
        try (S3Client s3 = sdk(via)) {
            s3.createBucket(b -> b.bucket(bucket));
            String etag = s3.putObject(
                            b -> b.bucket(bucket)
                                    .key(source)
                                    .contentType("text/csv")
                                    .metadata(Map.of("origin", "sdk")),
                            RequestBody.fromString("x,y\n1,2\n"))
                    .eTag();
            assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket)
                            .sourceKey(source)
                            .destinationBucket(bucket)
                            .destinationKey(target)
                            .copySourceIfNoneMatch(etag)))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));

            String copied = s3.copyObject(b -> b.sourceBucket(bucket)
                            .sourceKey(source)
                            .destinationBucket(bucket)
                            .destinationKey(target)
                            .copySourceIfMatch(etag))
                    .copyObjectResult()
                    .eTag();

            assertThat(copied).isEqualTo(etag);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(target)).asUtf8String())
                    .isEqualTo("x,y\n1,2\n");
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(target));
            assertThat(head.contentType()).isEqualTo("text/csv");
            assertThat(head.metadata()).containsEntry("origin", "sdk");
            assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket)
                            .sourceKey(source)
                            .destinationBucket(bucket)
                            .destinationKey(target)))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(409));
            assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket)
                            .sourceKey("src/missing")
                            .destinationBucket(bucket)
                            .destinationKey(target + "-2")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @Test
    void awsCliCopiesMovesAndCopiesAMultipartObjectPartByPart() throws IOException {
        assumeTrue(Commands.available("aws", "--version"), "aws CLI not installed: skipping the aws CLI test");
        byte[] big = new byte[9 * 1024 * 1024 + 5];
        new java.util.Random(9).nextBytes(big);
        Path bigFile = Files.write(work.resolve("copy-big.bin"), big);
        Files.writeString(work.resolve("copy-small.txt"), "small");
        assertThat(nodes.aws(0, work, null, "s3", "mb", "s3://clicopy").exit()).isZero();
        for (String name : List.of("copy-big.bin", "copy-small.txt")) {
            Commands.Result up =
                    nodes.aws(1, work, null, "s3", "cp", work.resolve(name).toString(), "s3://clicopy/" + name);
            assertThat(up.exit()).as(up.toString()).isZero();
        }

        String smallCopy = keyNotOwnedBy("clicopy", "small-copy-", owner("clicopy", "copy-small.txt"));
        int via = forwarder("clicopy", smallCopy);
        Commands.Result cp =
                nodes.aws(via, work, null, "s3", "cp", "s3://clicopy/copy-small.txt", "s3://clicopy/" + smallCopy);
        assertThat(cp.exit()).as(cp.toString()).isZero();
        Commands.Result mv =
                nodes.aws(via, work, null, "s3", "mv", "s3://clicopy/" + smallCopy, "s3://clicopy/moved.txt");
        assertThat(mv.exit()).as(mv.toString()).isZero();
        assertThat(nodes.aws(2, work, null, "s3", "cp", "s3://clicopy/moved.txt", "-")
                        .out())
                .isEqualTo("small");
        assertThat(nodes.aws(0, work, null, "s3", "ls", "s3://clicopy/").out())
                .contains("moved.txt", "copy-small.txt")
                .doesNotContain("small-copy.txt");

        // Above the cli's 8 MiB threshold: CreateMultipartUpload, UploadPartCopy per range, Complete; the parts
        // are streamed from the source's node to another one.
        String bigCopy = keyNotOwnedBy("clicopy", "big-copy-", owner("clicopy", "copy-big.bin"));
        Commands.Result multipart = nodes.aws(
                forwarder("clicopy", bigCopy),
                work,
                null,
                "s3",
                "cp",
                "s3://clicopy/copy-big.bin",
                "s3://clicopy/" + bigCopy);
        assertThat(multipart.exit()).as(multipart.toString()).isZero();
        Path back = work.resolve("big-copy.back");
        Commands.Result get = nodes.aws(0, work, null, "s3", "cp", "s3://clicopy/" + bigCopy, back.toString());
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(bigFile));
        Commands.Result head = nodes.aws(
                1, work, null, "s3api", "head-object", "--bucket", "clicopy", "--key", bigCopy, "--part-number", "2");
        assertThat(head.out()).contains("\"PartsCount\": 2");
    }

    @Test
    void boto3CopiesAndRenamesByCopyAndDelete() throws IOException {
        assumeTrue(Commands.available("python3", "-c", "import boto3"), "python3 boto3 not installed: skipping");
        String script = """
                import boto3, sys
                from botocore.exceptions import ClientError
                # credentials from the environment: the nodes' key (signed run) or dummy ones
                s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1')
                other = boto3.client('s3', endpoint_url=sys.argv[2], region_name='us-east-1')
                s3.create_bucket(Bucket='botocopy')
                s3.put_object(Bucket='botocopy', Key='a.txt', Body=b'hello', ContentType='text/plain',
                              Metadata={'who': 'boto3'})
                s3.copy({'Bucket': 'botocopy', 'Key': 'a.txt'}, 'botocopy', 'b.txt')
                assert other.get_object(Bucket='botocopy', Key='b.txt')['Body'].read() == b'hello'
                head = other.head_object(Bucket='botocopy', Key='b.txt')
                assert head['ContentType'] == 'text/plain', head
                assert head['Metadata'] == {'who': 'boto3'}, head
                try:
                    s3.copy_object(Bucket='botocopy', Key='c.txt', CopySource='botocopy/a.txt',
                                   CopySourceIfMatch='"nope"')
                    raise SystemExit('copied despite a failing If-Match')
                except ClientError as e:
                    assert e.response['ResponseMetadata']['HTTPStatusCode'] == 412, e.response
                s3.copy_object(Bucket='botocopy', Key='renamed.txt', CopySource={'Bucket': 'botocopy', 'Key': 'b.txt'},
                               MetadataDirective='REPLACE', ContentType='application/json', Metadata={'new': '1'})
                s3.delete_object(Bucket='botocopy', Key='b.txt')
                head = other.head_object(Bucket='botocopy', Key='renamed.txt')
                assert head['ContentType'] == 'application/json' and head['Metadata'] == {'new': '1'}, head
                keys = [o['Key'] for o in other.list_objects_v2(Bucket='botocopy')['Contents']]
                assert keys == ['a.txt', 'renamed.txt'], keys
                print('OK')
                """;
        Path py = work.resolve("boto_copy.py");
        Files.writeString(py, script);
        int via = forwarder("botocopy", "b.txt");
        Commands.Result result = Commands.run(
                work,
                nodes.awsEnv(),
                null,
                300,
                "python3",
                py.toString(),
                nodes.endpoint(via).toString(),
                nodes.endpoint((via + 1) % 3).toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("OK");
    }
}
