package com.s4bsv.s4.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every scenario of {@link S3FrontIT} again, against nodes with keys: the SDK v2, the aws cli and boto3 sign with
 * the nodes' {@code compute} key, raw requests are signed, and forwarding nodes pass the signature on to the owner.
 * Plus what a client without the right key gets: its S3 error, and nothing stored.
 */
class SignedS3FrontIT extends S3FrontIT {

    /** Instead of {@link S3FrontIT#start()}: the same three nodes, with a keys file. */
    @BeforeAll
    @Override
    void start() throws IOException {
        nodes = S4Nodes.startSigned(3, work);
    }

    static S3Client sdkWith(int node, String id, String secret) {
        return S3Client.builder()
                .endpointOverride(nodes.endpoint(node))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
                .forcePathStyle(true)
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** The key is nowhere: not on any node's disk, and a signed HEAD through every node gives 404. */
    static void assertNotStored(String bucket, String key) {
        for (int node = 0; node < nodes.size(); node++) {
            assertThat(nodes.dataDir(node).resolve(bucket).resolve(key))
                    .as("node %d's copy of %s/%s", node, bucket, key)
                    .doesNotExist();
            try (S3Client s3 = sdk(node)) {
                assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
                        .as("HEAD %s/%s through node %d", bucket, key, node)
                        .isInstanceOfSatisfying(
                                S3Exception.class,
                                e -> assertThat(e.statusCode()).isEqualTo(404));
            }
        }
    }

    @Test
    void anUnsignedRequestThroughAForwardingNodeIsAccessDeniedAndStoresNothing() throws Exception {
        String bucket = "refusedraw";
        String key = "canary/unsigned.txt";
        try (S3Client s3 = sdk(0)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("kept.txt"), RequestBody.fromString("secret data"));
        }
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int via = forwarder(bucket, key);
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(nodes.endpoint(via) + "/" + bucket + "/" + key))
                        .PUT(HttpRequest.BodyPublishers.ofString("canary"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
        assertThat(put.body()).contains("<Code>AccessDenied</Code>");
        assertNotStored(bucket, key);

        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(
                                URI.create(nodes.endpoint(forwarder(bucket, "kept.txt")) + "/" + bucket + "/kept.txt"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(403);
        assertThat(get.body()).doesNotContain("secret data");
    }

    @Test
    void theSdkWithAWrongSecretOrAnUnknownKeyGetsItsS3ErrorAndStoresNothing() {
        String bucket = "refusedsdk";
        try (S3Client s3 = sdk(0)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        String key = "canary/wrong-secret.txt";
        int via = forwarder(bucket, key);
        try (S3Client wrongSecret = sdkWith(via, nodes.credentials().accessKeyId(), "not-the-secret");
                S3Client unknownKey = sdkWith(via, "nobody", nodes.credentials().secretAccessKey())) {
            assertThatThrownBy(() ->
                            wrongSecret.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("canary")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
            assertThatThrownBy(() ->
                            unknownKey.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("canary")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
        }
        assertNotStored(bucket, key);
        try (S3Client s3 = sdk(via)) {
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    @Test
    void theAwsCliAndBoto3WithAWrongSecretAreRefusedAndStoreNothing() throws IOException {
        String bucket = "refusedcli";
        try (S3Client s3 = sdk(0)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        Path canary = Files.writeString(work.resolve("canary.txt"), "canary");
        Map<String, String> wrong = new HashMap<>(nodes.awsEnv());
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        wrong.put("AWS_MAX_ATTEMPTS", "1");
        boolean ran = false;
        if (Commands.available("aws", "--version")) {
            ran = true;
            String key = "canary/cli.txt";
            Commands.Result cp = Commands.run(
                    work,
                    wrong,
                    null,
                    300,
                    "aws",
                    "--endpoint-url",
                    nodes.endpoint(forwarder(bucket, key)).toString(),
                    "s3",
                    "cp",
                    canary.toString(),
                    "s3://" + bucket + "/" + key);
            assertThat(cp.exit()).as(cp.toString()).isNotZero();
            assertThat(cp.stderr()).contains("SignatureDoesNotMatch");
            assertNotStored(bucket, key);
        }
        if (Commands.available("python3", "-c", "import boto3")) {
            ran = true;
            String key = "canary/boto3.txt";
            Path py = Files.writeString(work.resolve("boto_refused.py"), """
                    import boto3, sys
                    from botocore.exceptions import ClientError
                    s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1')
                    try:
                        s3.put_object(Bucket=sys.argv[2], Key=sys.argv[3], Body=b'canary')
                        raise SystemExit('stored with a wrong secret')
                    except ClientError as e:
                        print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
                    """);
            Commands.Result put = Commands.run(
                    work,
                    wrong,
                    null,
                    300,
                    "python3",
                    py.toString(),
                    nodes.endpoint(forwarder(bucket, key)).toString(),
                    bucket,
                    key);
            assertThat(put.exit()).as(put.toString()).isZero();
            assertThat(put.out()).contains("SignatureDoesNotMatch 403");
            assertNotStored(bucket, key);
        }
        assumeTrue(ran, "neither the aws cli nor boto3 is installed: skipping");
    }
}
