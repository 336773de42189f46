package com.s4bsv.s4.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
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
import software.amazon.awssdk.services.s3.model.ChecksumMode;

/** Three real nodes driven by the aws CLI, boto3 and the AWS SDK v2, each talking to any node. */
class ClusterIT {

    @TempDir
    static Path work;

    static S4Nodes nodes;

    @BeforeAll
    static void start() throws IOException {
        nodes = S4Nodes.start(3, work);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static int owner(String bucket, String path) {
        return Placement.nodeIndex(new S4Key(bucket, path), nodes.size());
    }

    static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void awsCliCopiesListsAndRemovesThroughAnyNode() throws IOException {
        assumeTrue(Commands.available("aws", "--version"), "aws CLI not installed: skipping the aws CLI test");
        Path local = Files.createDirectories(work.resolve("cli-up"));
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            String name = (i % 2 == 0 ? "even/" : "odd/deeper/") + "file" + i + ".txt";
            files.put(name, ("content " + i + "\n").getBytes());
        }
        files.put("big.bin", random(50 * 1024 * 1024, 50));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = local.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }

        Commands.Result up = nodes.aws(
                0, work, null, "s3", "cp", "--recursive", "--only-show-errors", local.toString(), "s3://cli/up/");
        assertThat(up.exit()).as(up.toString()).isZero();

        Commands.Result ls = nodes.aws(1, work, null, "s3", "ls", "--recursive", "s3://cli/up/");
        assertThat(ls.exit()).as(ls.toString()).isZero();
        List<String> listed =
                ls.out().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
        assertThat(listed)
                .containsExactlyElementsOf(
                        files.keySet().stream().map(k -> "up/" + k).sorted().toList());

        Commands.Result dirs = nodes.aws(2, work, null, "s3", "ls", "s3://cli/up/");
        assertThat(dirs.out()).contains("PRE even/").contains("PRE odd/").contains("big.bin");

        Commands.Result big = nodes.aws(2, work, null, "s3", "cp", "s3://cli/up/big.bin", "-");
        assertThat(big.exit()).as(big.stderr()).isZero();
        assertThat(big.stdout()).isEqualTo(files.get("big.bin"));

        Commands.Result stdin = nodes.aws(1, work, "from stdin\n".getBytes(), "s3", "cp", "-", "s3://cli/stdin.txt");
        assertThat(stdin.exit()).as(stdin.toString()).isZero();
        assertThat(nodes.aws(0, work, null, "s3", "cp", "s3://cli/stdin.txt", "-")
                        .out())
                .isEqualTo("from stdin\n");

        Path down = work.resolve("cli-down");
        Commands.Result get = nodes.aws(
                1, work, null, "s3", "cp", "--recursive", "--only-show-errors", "s3://cli/up/", down.toString());
        assertThat(get.exit()).as(get.toString()).isZero();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(Files.readAllBytes(down.resolve(file.getKey())))
                    .as(file.getKey())
                    .isEqualTo(file.getValue());
        }

        for (int node = 0; node < 3; node++) {
            assertThat(filesUnder(nodes.dataDir(node).resolve("cli")))
                    .as("keys on node " + node)
                    .isNotEmpty();
        }
        for (String key : files.keySet()) {
            int owner = owner("cli", "up/" + key);
            assertThat(Files.exists(nodes.dataDir(owner).resolve("cli/up/" + key)))
                    .as(key)
                    .isTrue();
        }

        Commands.Result again = nodes.aws(2, work, "x".getBytes(), "s3", "cp", "-", "s3://cli/stdin.txt");
        assertThat(again.exit()).isNotZero();
        assertThat(again.stderr()).contains("KeyAlreadyExists");

        Commands.Result rm = nodes.aws(0, work, null, "s3", "rm", "--recursive", "--only-show-errors", "s3://cli/up/");
        assertThat(rm.exit()).as(rm.toString()).isZero();
        assertThat(nodes.aws(2, work, null, "s3", "ls", "--recursive", "s3://cli/up/")
                        .out())
                .isEmpty();
        for (int node = 0; node < 3; node++) {
            assertThat(filesUnder(nodes.dataDir(node).resolve("cli/up"))).isEmpty();
            assertThat(filesUnder(nodes.dataDir(node).resolve("_tmp"))).isEmpty();
        }
    }

    @Test
    void boto3WithDefaultSettings() throws IOException {
        assumeTrue(Commands.available("python3", "-c", "import boto3"), "python3 boto3 not installed: skipping");
        Path big = work.resolve("boto-30m.bin");
        Files.write(big, random(30 * 1024 * 1024, 30));
        String script = """
                import boto3, sys
                from botocore.config import Config
                endpoint, big, out = sys.argv[1], sys.argv[2], sys.argv[3]
                s3 = boto3.client('s3', endpoint_url=endpoint, aws_access_key_id='s4', aws_secret_access_key='s4',
                                  region_name='us-east-1')
                sent = []
                s3.meta.events.register('before-send.s3.PutObject',
                                        lambda request, **kw: sent.append(dict(request.headers)))
                s3.create_bucket(Bucket='boto')
                for i in range(12):
                    s3.put_object(Bucket='boto', Key='k/%03d_part' % i, Body=b'body %d' % i)
                assert any(k.lower().startswith('x-amz-checksum-') for k in sent[0]), sent[0]
                s3.upload_file(big, 'boto', 'big/30m.bin')
                s3.download_file('boto', 'big/30m.bin', out)
                keys = []
                for page in s3.get_paginator('list_objects_v2').paginate(Bucket='boto', Prefix='k/',
                                                                          PaginationConfig={'PageSize': 5}):
                    keys += [o['Key'] for o in page.get('Contents', [])]
                assert keys == ['k/%03d_part' % i for i in range(12)], keys
                body = s3.get_object(Bucket='boto', Key='k/007_part', ChecksumMode='ENABLED')['Body'].read()
                assert body == b'body 7', body
                r = s3.delete_objects(Bucket='boto', Delete={'Objects': [{'Key': k} for k in keys]})
                assert len(r['Deleted']) == 12, r
                assert s3.list_objects_v2(Bucket='boto', Prefix='k/')['KeyCount'] == 0
                print('OK')
                """;
        Path py = work.resolve("boto_test.py");
        Files.writeString(py, script);
        Path out = work.resolve("boto-30m.out");
        Commands.Result result = Commands.run(
                work,
                nodes.awsEnv(),
                null,
                300,
                "python3",
                py.toString(),
                nodes.endpoint(1).toString(),
                big.toString(),
                out.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("OK");
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(big));
        for (int i = 0; i < 12; i++) {
            assertThat(owner("boto", String.format("k/%03d_part", i))).isEqualTo(i % 3);
        }
    }

    @Test
    void sdkAwsChunkedUploadsAreForwardedToTheOwnerAndVerified() {
        try (S3Client s3 = S3Client.builder()
                        .endpointOverride(nodes.endpoint(0))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("s4", "s4")))
                        .forcePathStyle(true)
                        .httpClient(ApacheHttpClient.create())
                        .build();
                S3Client other = S3Client.builder()
                        .endpointOverride(nodes.endpoint(2))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("s4", "s4")))
                        .forcePathStyle(true)
                        .httpClient(ApacheHttpClient.create())
                        .build()) {
            s3.createBucket(b -> b.bucket("sdk"));
            for (int i = 0; i < 9; i++) {
                byte[] data = random(70_000 + i, i);
                String key = "f/" + i + "_x";
                s3.putObject(b -> b.bucket("sdk").key(key), RequestBody.fromBytes(data));
                var got = other.getObjectAsBytes(b -> b.bucket("sdk").key(key).checksumMode(ChecksumMode.ENABLED));
                assertThat(got.asByteArray()).isEqualTo(data);
                assertThat(got.response().checksumCRC32C()).isNotBlank();
                assertThat(Files.exists(nodes.dataDir(i % 3).resolve("sdk/" + key)))
                        .isTrue();
            }
        }
    }

    @Test
    void listingsMergeEveryNodeInKeyOrderAndPrefixDeletesReachTheOwners() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add("m/" + (char) ('a' + i % 26) + i);
        }
        for (String key : keys) {
            int via = key.length() % 3;
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(URI.create(nodes.endpoint(via) + "/merge/" + key))
                            .PUT(HttpRequest.BodyPublishers.ofString(key))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            String query = "/merge?list-type=2&max-keys=7" + (token == null ? "" : "&continuation-token=" + token);
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(nodes.endpoint(1) + query))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            for (String part : body.split("<Key>")) {
                if (part.contains("</Key>")) {
                    listed.add(part.substring(0, part.indexOf("</Key>")));
                }
            }
            token = body.contains("<NextContinuationToken>")
                    ? body.substring(
                            body.indexOf("<NextContinuationToken>") + 23, body.indexOf("</NextContinuationToken>"))
                    : null;
        } while (token != null);
        assertThat(listed).containsExactlyElementsOf(keys.stream().sorted().toList());

        HttpResponse<String> deleted = http.send(
                HttpRequest.newBuilder(URI.create(nodes.endpoint(2) + "/merge?prefix=m/"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).contains("<Deleted>30</Deleted>");
        for (int node = 0; node < 3; node++) {
            assertThat(filesUnder(nodes.dataDir(node).resolve("merge"))).isEmpty();
        }
    }

    @Test
    void everyNodeFindsItselfInTheSameConfig() throws IOException {
        ClusterConfig config = ClusterConfig.load(nodes.conf());
        assertThat(config.size()).isEqualTo(3);
        for (int node = 0; node < 3; node++) {
            assertThat(Files.readString(nodes.log(node))).contains("node " + node + " of 3");
        }
    }

    @Test
    void thePackagedNodeStartsWithTheBeanDefinitionsMadeAtBuildTime() throws IOException {
        // process-aot at package time; the log says so when a start uses them (S4ServerApplication.main)
        assertThat(Files.readString(nodes.log(0))).contains("Starting AOT-processed S4ServerApplication");
    }
}
