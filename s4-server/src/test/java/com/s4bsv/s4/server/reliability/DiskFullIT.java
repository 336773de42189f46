package com.s4bsv.s4.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.server.S4Nodes;
import com.s4bsv.s4.sigv4.Credentials;
import com.s4bsv.s4.sigv4.RequestSigner;
import com.s4bsv.testing.TestTimeouts;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Disk full on one node's data root (a 16 MiB tmpfs) of a two-node cluster: PUT, forwarded PUT, UploadPart and
 * CompleteMultipartUpload are 507 InsufficientStorage, nothing is left half-written, existing keys stay readable
 * and listable, map and map-to-n fail with a clear error, and once space is freed the same upload succeeds. The
 * nodes have keys: every client signs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiskFullIT {

    static final String BUCKET = "full";
    static final String FULL_MESSAGE = "Your upload exceeds the available storage.";

    @TempDir
    static Path work;

    static SmallDisk disk;
    static final Process[] nodes = new Process[2];
    static final int[] ports = new int[2];
    static final Credentials keys = S4Nodes.newComputeKey();
    static S3Http direct;
    static S3Http forwarding;
    static final Map<String, byte[]> kept = new LinkedHashMap<>();
    static final List<String> fillers = new ArrayList<>();
    static String refused;
    static byte[] refusedData;
    static String uploadId;
    static String part1Etag;
    static int accepted;
    static int refusals;
    static final Random random = new Random(507);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        Path data1 = work.resolve("node1").resolve("s4_data");
        var why = new StringBuilder();
        disk = SmallDisk.on(data1, "16m", why);
        Assumptions.assumeTrue(
                disk != null,
                "no small filesystem for the disk-full test: " + why
                        + "; it never fills the real disk, so it is skipped");
        for (int i = 0; i < 2; i++) {
            try (var socket = new ServerSocket(0)) {
                ports[i] = socket.getLocalPort();
            }
        }
        Path conf = work.resolve("s4.conf");
        Files.writeString(conf, "127.0.0.1:" + ports[0] + "\n127.0.0.1:" + ports[1] + "\n");
        Path keysFile = S4Nodes.writeKeysFile(work, keys);
        for (int i = 0; i < 2; i++) {
            Path dir = Files.createDirectories(work.resolve("node" + i));
            List<String> command = List.of(
                    S4Nodes.java(),
                    "-XX:+UseSerialGC",
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    S4Nodes.jar().toString(),
                    "--port",
                    Integer.toString(ports[i]),
                    "--conf",
                    conf.toString(),
                    "--data-dir",
                    dir.resolve("s4_data").toString(),
                    "--keys-file",
                    keysFile.toString());
            nodes[i] = new ProcessBuilder(i == 1 ? disk.wrap(command) : command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile())
                    .start();
        }
        for (int i = 0; i < 2; i++) {
            awaitLive(i);
        }
        RequestSigner signer = new RequestSigner(keys, "us-east-1");
        direct = new S3Http(endpoint(1), request -> S4Nodes.sign(request, signer));
        forwarding = new S3Http(endpoint(0), request -> S4Nodes.sign(request, signer));
        System.out.println("RELIABILITY faults: disk-full setup mode=" + disk.mode() + " size=16m");
    }

    static URI endpoint(int node) {
        return URI.create("http://127.0.0.1:" + ports[node]);
    }

    static void awaitLive(int node) throws Exception {
        long deadline = System.nanoTime() + TestTimeouts.start().toNanos();
        while (System.nanoTime() < deadline) {
            if (!nodes[node].isAlive()) {
                String log = Files.readString(work.resolve("node" + node).resolve("server.log"));
                Assumptions.assumeFalse(
                        log.contains("extended attributes"),
                        "the small tmpfs has no user xattrs on this kernel: " + log.strip());
                throw new IllegalStateException("node " + node + " exited; "
                        + TestTimeouts.logTail(work.resolve("node" + node).resolve("server.log")));
            }
            try {
                if (S3Http.send(HttpRequest.newBuilder(endpoint(node).resolve("/_s4/actuator/health/liveness"))
                                        .build())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node " + node + " not live after " + TestTimeouts.describe() + "; "
                + TestTimeouts.logTail(work.resolve("node" + node).resolve("server.log")));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (Process node : nodes) {
                if (node != null) {
                    node.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            }
        } finally {
            if (disk != null) {
                disk.close();
            }
        }
    }

    static Path data1() {
        return disk.view(nodes[1].toHandle());
    }

    /** A path in the bucket whose key node {@code node} owns. */
    static String ownedBy(int node, String prefix) {
        for (int i = 0; ; i++) {
            String path = prefix + i + ".bin";
            if (Placement.nodeIndex(new S4Key(BUCKET, path), 2) == node
                    && !kept.containsKey(path)
                    && !fillers.contains(path)
                    && !path.equals(refused)) {
                return path;
            }
        }
    }

    static byte[] bytes(int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    static void assertInsufficientStorage(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(507);
        assertThat(S3Http.code(r.body())).isEqualTo("InsufficientStorage");
        assertThat(r.body()).contains("<Message>" + FULL_MESSAGE);
    }

    @Test
    @Order(1)
    void putsAre507InsufficientStorageOnceTheDataDirIsFullAndLeaveNothingBehind() throws Exception {
        for (int i = 0; i < 4; i++) {
            String path = ownedBy(1, "keep/k");
            byte[] data = bytes(200_000);
            HttpResponse<String> r = (i % 2 == 0 ? direct : forwarding).put("/" + BUCKET + "/" + path, data);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            kept.put(path, data);
        }
        for (String numbered : List.of("in/00000", "in/00002")) {
            byte[] data = bytes(50_000);
            assertThat(forwarding.put("/" + BUCKET + "/" + numbered, data).statusCode())
                    .isEqualTo(200);
            kept.put(numbered, data);
        }
        String mp = uploadKey();
        HttpResponse<String> create = direct.post("/" + BUCKET + "/" + mp + "?uploads", "");
        assertThat(create.statusCode()).as(create.body()).isEqualTo(200);
        uploadId = first("<UploadId>([^<]*)</UploadId>", create.body());
        HttpResponse<String> part1 = direct.call(
                HttpRequest.newBuilder(direct.uri("/" + BUCKET + "/" + mp + "?partNumber=1&uploadId=" + uploadId))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(1 << 20)))
                        .build());
        assertThat(part1.statusCode()).as(part1.body()).isEqualTo(200);
        part1Etag = part1.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> full = null;
        for (int size : new int[] {1 << 20, 64 << 10}) {
            for (int i = 0; i < 300; i++) {
                String path = ownedBy(1, "fill/f");
                byte[] data = bytes(size);
                HttpResponse<String> r = direct.put("/" + BUCKET + "/" + path, data);
                if (r.statusCode() == 200) {
                    fillers.add(path);
                    accepted++;
                    continue;
                }
                assertInsufficientStorage(r);
                refusals++;
                full = r;
                refused = path;
                refusedData = data;
                break;
            }
        }
        assertThat(full).as("the 16 MiB disk never filled").isNotNull();
        assertThat(full.body()).contains("<Resource>/" + BUCKET + "/" + refused + "</Resource>");
        assertThat(direct.head("/" + BUCKET + "/" + refused).statusCode()).isEqualTo(404);
        assertThat(DataDirs.tempLeftovers(List.of(data1())))
                .as("the refused upload's temp file")
                .isEmpty();
        assertThat(Files.getFileStore(data1()).getUsableSpace()).isLessThan(64 << 10);
    }

    @Test
    @Order(2)
    void aForwardedPutRelaysTheOwners507() throws Exception {
        HttpResponse<String> r = forwarding.put("/" + BUCKET + "/" + refused, refusedData);
        assertInsufficientStorage(r);
        refusals++;
        assertThat(forwarding.head("/" + BUCKET + "/" + refused).statusCode()).isEqualTo(404);
        assertThat(DataDirs.tempLeftovers(List.of(data1()))).isEmpty();
    }

    @Test
    @Order(2)
    void awsCliBoto3AndTheS4ClientReportInsufficientStorage() throws Exception {
        byte[] data = bytes(100_000);
        Path file = work.resolve("upload.bin");
        Files.write(file, data);
        int clients = 0;
        if (Cli.hasAws(work)) {
            Cli aws = Cli.run(
                    work,
                    keys,
                    List.of(
                            "aws",
                            "--endpoint-url",
                            endpoint(0).toString(),
                            "s3",
                            "cp",
                            file.toString(),
                            "s3://" + BUCKET + "/" + refused));
            assertThat(aws.exit()).as("%s", aws).isNotZero();
            assertThat(aws.err() + aws.out()).contains("InsufficientStorage").contains(FULL_MESSAGE);
            clients++;
        } else {
            System.out.println("RELIABILITY faults: aws CLI not installed, its disk-full check skipped");
        }
        if (Cli.hasBoto3(work)) {
            Cli boto3 = Cli.run(
                    work,
                    keys,
                    List.of(
                            "python3",
                            "-c",
                            String.join(
                                    "\n",
                                    "import boto3, sys",
                                    "from botocore.config import Config",
                                    "s3 = boto3.client('s3', endpoint_url=sys.argv[1], config=Config(retries={'max_attempts': 1}))",
                                    "try:",
                                    "    s3.put_object(Bucket='" + BUCKET
                                            + "', Key=sys.argv[2], Body=open(sys.argv[3], 'rb').read())",
                                    "    print('STORED')",
                                    "except s3.exceptions.ClientError as e:",
                                    "    print('ERROR', e.response['ResponseMetadata']['HTTPStatusCode'], e)",
                                    "    sys.exit(1)"),
                            endpoint(1).toString(),
                            refused,
                            file.toString()));
            assertThat(boto3.exit()).as("%s", boto3).isEqualTo(1);
            assertThat(boto3.out())
                    .startsWith("ERROR 507")
                    .contains("InsufficientStorage")
                    .doesNotContain("STORED");
            clients++;
        } else {
            System.out.println("RELIABILITY faults: python3 boto3 not installed, its disk-full check skipped");
        }
        Path root = Path.of(System.getProperty("s4.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        if (Files.isRegularFile(root.resolve("s4-shell/target/s4-shell.jar"))) {
            Path conf = work.resolve("s4.conf");
            Cli s4 = Cli.run(
                    work,
                    keys,
                    List.of(
                            "env",
                            "S4_CONF_PATH=" + conf,
                            root.resolve("bin/s4").toString(),
                            "cp",
                            file.toString(),
                            "s4://" + BUCKET + "/" + refused));
            assertThat(s4.exit()).as("%s", s4).isEqualTo(1);
            assertThat(s4.err().lines().toList())
                    .hasSize(1)
                    .allMatch(l -> l.startsWith("fatal: ") && l.contains("InsufficientStorage"));
            System.out.println("RELIABILITY faults: s4 cp onto the full node said: "
                    + s4.err().strip());
            clients++;
        } else {
            System.out.println("RELIABILITY faults: s4-shell jar not built yet, the bin/s4 disk-full check skipped");
        }
        refusals += clients;
        assertThat(direct.head("/" + BUCKET + "/" + refused).statusCode()).isEqualTo(404);
        assertThat(DataDirs.tempLeftovers(List.of(data1()))).isEmpty();
        System.out.println(
                "RELIABILITY faults: scenario=disk-full-clients clients-told-insufficient-storage=" + clients);
    }

    @Test
    @Order(3)
    void uploadPartAndCompleteAre507AndTheUploadCanStillBeAborted() throws Exception {
        String mp = uploadKey();
        for (S3Http via : List.of(direct, forwarding)) {
            HttpResponse<String> part = via.call(
                    HttpRequest.newBuilder(via.uri("/" + BUCKET + "/" + mp + "?partNumber=2&uploadId=" + uploadId))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(1 << 20)))
                            .build());
            assertInsufficientStorage(part);
            refusals++;
        }
        String complete = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + part1Etag
                + "</ETag></Part></CompleteMultipartUpload>";
        HttpResponse<String> done = forwarding.call(
                HttpRequest.newBuilder(forwarding.uri("/" + BUCKET + "/" + mp + "?uploadId=" + uploadId))
                        .POST(HttpRequest.BodyPublishers.ofString(complete))
                        .build());
        assertInsufficientStorage(done);
        refusals++;
        assertThat(direct.head("/" + BUCKET + "/" + mp).statusCode()).isEqualTo(404);
        assertThat(DataDirs.tempLeftovers(List.of(data1()))).isEmpty();
        assertThat(direct.delete("/" + BUCKET + "/" + mp + "?uploadId=" + uploadId)
                        .statusCode())
                .isEqualTo(204);
    }

    static String mpKey;

    static String uploadKey() {
        if (mpKey == null) {
            for (int i = 0; ; i++) {
                String path = "mp/big" + i + ".bin";
                if (Placement.nodeIndex(new S4Key(BUCKET, path), 2) == 1) {
                    mpKey = path;
                    return path;
                }
            }
        }
        return mpKey;
    }

    @Test
    @Order(4)
    void existingKeysStayReadableAndListableAndNothingIsHalfWritten() {
        for (Map.Entry<String, byte[]> key : kept.entrySet()) {
            for (S3Http via : List.of(direct, forwarding)) {
                HttpResponse<byte[]> r = via.get("/" + BUCKET + "/" + key.getKey());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(key.getValue());
                assertThat(r.headers().firstValue("x-amz-checksum-crc32c")).hasValue(DataDirs.base64(key.getValue()));
            }
        }
        for (S3Http via : List.of(direct, forwarding)) {
            List<String> listed = via.keys(BUCKET, "");
            assertThat(listed).containsAll(kept.keySet()).containsAll(fillers).doesNotContain(refused, uploadKey());
        }
        DataDirs.Sweep sweep = DataDirs.sweep(data1());
        assertThat(sweep.corrupted()).isEmpty();
        assertThat(sweep.keys()).hasSize(kept.size() - 2 + fillers.size());
        assertThat(sweep.temp()).isEmpty();
    }

    @Test
    @Order(5)
    void mapAndMapToNOntoTheFullNodeFailWithAClearError() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> map = forwarding.job(
                "/_s4/map",
                "s4://" + BUCKET + "/keep/",
                "s4://" + BUCKET + "/mapped/",
                "cat; head -c 2000000 /dev/zero");
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(lastLine(map.body()))
                .contains("\"type\":\"error\"")
                .contains("no space left in the data dir of node 127.0.0.1:" + ports[1]);
        HttpResponse<String> shuffle = forwarding.job(
                "/_s4/map-to-n",
                "s4://" + BUCKET + "/in/",
                "s4://" + BUCKET + "/shuffled/",
                "head -c 1000000 /dev/zero > 00001; cat > 00000; echo 00001; echo 00000");
        assertThat(shuffle.statusCode()).isEqualTo(200);
        String error = lastLine(shuffle.body());
        assertThat(error)
                .contains("\"type\":\"error\"")
                .contains("127.0.0.1:" + ports[1])
                .contains("507")
                .contains("InsufficientStorage");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
                .isLessThan(TestTimeouts.atLeastSeconds(60));
        assertThat(forwarding.keys(BUCKET, "mapped/")).isEmpty();
        // Space freed by the aborted upload may take one input's outputs: each input's are complete or absent.
        List<String> succeeded = new ArrayList<>();
        JSON.readTree(error).path("succeeded").forEach(k -> succeeded.add(k.asString()));
        List<String> outputs = forwarding.keys(BUCKET, "shuffled/");
        for (String input : List.of("00000", "00002")) {
            if (succeeded.contains("s4://" + BUCKET + "/in/" + input)) {
                assertThat(outputs).contains("shuffled/" + input + "/00000", "shuffled/" + input + "/00001");
                assertThat(direct.get("/" + BUCKET + "/shuffled/" + input + "/00001")
                                .body())
                        .hasSize(1_000_000);
                assertThat(forwarding
                                .get("/" + BUCKET + "/shuffled/" + input + "/00000")
                                .body())
                        .isEqualTo(kept.get("in/" + input));
            } else {
                assertThat(outputs)
                        .as("outputs of the failed input %s", input)
                        .noneMatch(k -> k.startsWith("shuffled/" + input + "/"));
            }
        }
        assertThat(succeeded).hasSizeLessThan(2);
        assertThat(DataDirs.tempLeftovers(List.of(data1(), work.resolve("node0/s4_data"))))
                .isEmpty();
        assertThat(DataDirs.sweep(data1()).corrupted()).isEmpty();
        System.out.println("RELIABILITY faults: scenario=disk-full (" + disk.mode() + ") accepted=" + accepted
                + " failed-clearly=" + refusals + " corrupted=0 existing-readable=" + kept.size()
                + " jobs-failed-clearly=2");
    }

    @Test
    @Order(6)
    void onceSpaceIsFreedTheSameUploadSucceeds() {
        for (String filler : fillers.subList(0, 3)) {
            assertThat(direct.delete("/" + BUCKET + "/" + filler).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> retry = forwarding.put("/" + BUCKET + "/" + refused, refusedData);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        HttpResponse<byte[]> back = direct.get("/" + BUCKET + "/" + refused);
        assertThat(back.body()).isEqualTo(refusedData);
        assertThat(DataDirs.sweep(data1()).corrupted()).isEmpty();
        System.out.println("RELIABILITY faults: scenario=disk-full-retry retried-ok=1");
    }

    static String lastLine(String ndjson) {
        List<String> lines = ndjson.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    static String first(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }
}
