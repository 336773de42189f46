package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.StandaloneNodeAppTest;
import com.s4bsv.s4.server.storage.ObjectStore;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** CopyObject and UploadPartCopy on one real node, through the AWS SDK v2, over the real store. */
@TestPropertySource(properties = "s4.storage.min-part-size=1MB")
class CopyAppTest extends StandaloneNodeAppTest {

    @Autowired
    ObjectStore store;

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
                .build();
        bucket = "c" + Long.toHexString(new Random().nextLong() & 0xFFFFFFFFL);
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void close() {
        s3.close();
    }

    private byte[] put(String key, int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        s3.putObject(
                b -> b.bucket(bucket).key(key).contentType("text/csv").metadata(Map.of("origin", "put")),
                RequestBody.fromBytes(data));
        return data;
    }

    @Test
    void copyObjectKeepsBytesChecksumAndMetadataOrReplacesTheMetadata() {
        byte[] data = put("src.csv", 100_000);

        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket(bucket)
                .sourceKey("src.csv")
                .destinationBucket(bucket)
                .destinationKey("dir/copy.csv"));
        HeadObjectResponse source = s3.headObject(b -> b.bucket(bucket).key("src.csv"));
        assertThat(copied.copyObjectResult().eTag()).isEqualTo(source.eTag());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/copy.csv"))
                        .asByteArray())
                .isEqualTo(data);
        HeadObjectResponse copy = s3.headObject(b -> b.bucket(bucket).key("dir/copy.csv"));
        assertThat(copy.contentType()).isEqualTo("text/csv");
        assertThat(copy.metadata()).isEqualTo(Map.of("origin", "put"));

        s3.copyObject(b -> b.sourceBucket(bucket)
                .sourceKey("src.csv")
                .destinationBucket(bucket)
                .destinationKey("replaced.csv")
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType("application/json")
                .metadata(Map.of("fresh", "yes")));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(bucket).key("replaced.csv"));
        assertThat(replaced.contentType()).isEqualTo("application/json");
        assertThat(replaced.metadata()).isEqualTo(Map.of("fresh", "yes"));
    }

    @Test
    void aFolderMarkerCopiesToAFolderMarker() {
        s3.putObject(b -> b.bucket(bucket).key("dir/").metadata(Map.of("kind", "folder")), RequestBody.empty());

        s3.copyObject(b -> b.sourceBucket(bucket)
                .sourceKey("dir/")
                .destinationBucket(bucket)
                .destinationKey("moved/"));

        HeadObjectResponse marker = s3.headObject(b -> b.bucket(bucket).key("moved/"));
        assertThat(marker.contentLength()).isZero();
        assertThat(marker.metadata()).isEqualTo(Map.of("kind", "folder"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(o -> o.key())
                .contains("dir/", "moved/");
    }

    @Test
    void aCopyOntoAnExistingKeyIs409AndOfAMissingOneIs404() {
        put("a", 10);
        put("b", 20);

        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket)
                        .sourceKey("a")
                        .destinationBucket(bucket)
                        .destinationKey("b")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("b")).contentLength())
                .isEqualTo(20);
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket)
                        .sourceKey("missing")
                        .destinationBucket(bucket)
                        .destinationKey("c")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aMultipartCopyByRangesRebuildsTheSource() {
        byte[] data = put("big.bin", 3 * 1024 * 1024 + 17);
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("big-copy.bin"))
                .uploadId();
        long partSize = 1024 * 1024 + 1;
        List<CompletedPart> parts = new ArrayList<>();
        for (int number = 1; (number - 1) * partSize < data.length; number++) {
            long first = (number - 1) * partSize;
            long last = Math.min(data.length, first + partSize) - 1;
            int n = number;
            String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket)
                            .sourceKey("big.bin")
                            .destinationBucket(bucket)
                            .destinationKey("big-copy.bin")
                            .uploadId(id)
                            .partNumber(n)
                            .copySourceRange("bytes=" + first + "-" + last))
                    .copyPartResult()
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        s3.completeMultipartUpload(
                b -> b.bucket(bucket).key("big-copy.bin").uploadId(id).multipartUpload(m -> m.parts(parts)));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big-copy.bin"))
                        .asByteArray())
                .isEqualTo(data);
        assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket)
                        .sourceKey("big.bin")
                        .destinationBucket(bucket)
                        .destinationKey("big-copy.bin")
                        .uploadId(id)
                        .partNumber(1)
                        .copySourceRange("bytes=0-" + data.length)))
                .isInstanceOf(S3Exception.class);
    }

    @Test
    void aSourceWhoseBytesRottedOnDiskIsNotCopiedAndNothingIsLeft() throws Exception {
        byte[] data = put("rotten", 4096);
        Path file = store.pathOf(new S4Key(bucket, "rotten"));
        file.toFile().setWritable(true);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] flipped = Arrays.copyOfRange(data, 100, 101);
            flipped[0] ^= 1;
            channel.write(ByteBuffer.wrap(flipped), 100);
        }

        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket)
                        .sourceKey("rotten")
                        .destinationBucket(bucket)
                        .destinationKey("copy-of-rotten")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("copy-of-rotten")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(store.pathOf(new S4Key(bucket, "copy-of-rotten"))).doesNotExist();
    }
}
