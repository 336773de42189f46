package com.s4bsv.s4.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.server.S4Nodes;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of a node while PUTs (to the owner and through forwarding nodes), GETs (direct and forwarded) and a
 * map-to-n are in flight; then restart it and check that every acknowledged upload is stored whole, every other
 * client got an error, nothing on any node is half-written or corrupt, no temp file is left, and the same
 * operations succeed when retried. Two rounds in the normal run (the owner dies; a forwarding node dies), ten with
 * random kill points under {@code -Psoak}. The nodes have keys: every client signs, as in production.
 */
class KillFaultsIT {

    static final boolean SOAK = Boolean.getBoolean("s4.soak");
    static final int ROUNDS = SOAK ? 10 : 2;
    static final int OBJECT_BYTES = 6 << 20;
    static final int GET_BYTES = 48 << 20;
    static final String BUCKET = "kill";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path work;

    static S4Nodes nodes;

    @BeforeAll
    static void start() throws IOException {
        nodes = S4Nodes.startSigned(3, work, "--max-cpu-jobs", "2", "--s4.compute.peer-silence=5s");
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static S3Http via(int node) {
        return new S3Http(nodes.endpoint(node), nodes::sign);
    }

    static List<Path> dataDirs() {
        return List.of(nodes.dataDir(0), nodes.dataDir(1), nodes.dataDir(2));
    }

    static String ownedBy(int node, String prefix, int from) {
        for (int i = from; ; i++) {
            String path = prefix + i + ".bin";
            if (Placement.nodeIndex(new S4Key(BUCKET, path), 3) == node) {
                return path;
            }
        }
    }

    static byte[] data(String path, int size) {
        byte[] bytes = new byte[size];
        new Random(path.hashCode()).nextBytes(bytes);
        return bytes;
    }

    /** A body sent in 256 KiB steps with a pause between, so a kill lands in the middle of it. */
    static HttpRequest.BodyPublisher paced(byte[] data, long pauseMillis) {
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> pacedStream(data, pauseMillis)), data.length);
    }

    static InputStream pacedStream(byte[] data, long pauseMillis) {
        return new InputStream() {
            int position;

            @Override
            public int read() {
                return position < data.length ? data[position++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= data.length) {
                    return -1;
                }
                if (position > 0 && position % (256 << 10) == 0) {
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int n = Math.min(Math.min(len, data.length - position), (256 << 10) - position % (256 << 10));
                System.arraycopy(data, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    /** One client's PUT: its entry node, key, bytes and what it was told. */
    record Upload(
            int entry,
            String path,
            byte[] data,
            int status,
            String body,
            @Nullable String error) {

        boolean acknowledged() {
            return status == 200;
        }
    }

    static CompletableFuture<Upload> upload(int entry, String path, long delayMillis, long pauseMillis) {
        byte[] bytes = data(path, OBJECT_BYTES);
        return CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(delayMillis);
                HttpResponse<String> r = S3Http.CLIENT.send(
                        nodes.sign(HttpRequest.newBuilder(nodes.endpoint(entry).resolve("/" + BUCKET + "/" + path))
                                .timeout(Duration.ofSeconds(60))
                                .PUT(paced(bytes, pauseMillis))
                                .build()),
                        HttpResponse.BodyHandlers.ofString());
                return new Upload(entry, path, bytes, r.statusCode(), r.body(), null);
            } catch (IOException e) {
                return new Upload(entry, path, bytes, -1, "", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Upload(entry, path, bytes, -1, "", e.toString());
            }
        });
    }

    /** One client's GET: how many bytes it got, whether they were the whole object, and the error it saw. */
    record Download(
            int entry,
            long received,
            boolean whole,
            @Nullable String error) {}

    static CompletableFuture<Download> download(int entry, String path, byte[] expected, CountDownLatch killed) {
        return CompletableFuture.supplyAsync(() -> {
            long received = 0;
            var crc = new StreamingChecksum();
            try {
                HttpResponse<InputStream> r = S3Http.CLIENT.send(
                        nodes.sign(HttpRequest.newBuilder(nodes.endpoint(entry).resolve("/" + BUCKET + "/" + path))
                                .timeout(Duration.ofSeconds(60))
                                .build()),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    return new Download(entry, 0, false, "HTTP " + r.statusCode());
                }
                String header = r.headers().firstValue("x-amz-checksum-crc32c").orElse("");
                try (InputStream in = r.body()) {
                    byte[] buffer = new byte[64 << 10];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        crc.update(buffer, 0, n);
                        received += n;
                        if (received >= 1 << 20 && killed.getCount() > 0) {
                            killed.await(30, TimeUnit.SECONDS);
                        }
                    }
                }
                boolean whole = received == expected.length
                        && crc.base64().equals(header)
                        && header.equals(DataDirs.base64(expected));
                return new Download(entry, received, whole, null);
            } catch (IOException e) {
                return new Download(entry, received, false, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Download(entry, received, false, e.toString());
            }
        });
    }

    @Test
    void killingANodeDuringPutsGetsAndForwardsLosesNothingAndRetriesSucceed() throws Exception {
        var random = new Random(8);
        int acknowledged = 0;
        int failedClearly = 0;
        int httpErrors = 0;
        int storedDespiteError = 0;
        int retriedOk = 0;
        int downloadsCut = 0;
        int downloadsWhole = 0;
        int keyCounter = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // Even rounds kill an owner (node 1); odd rounds kill a forwarding node (node 0).
            boolean ownerDies = round % 2 == 0;
            int victim = ownerDies ? 1 : 0;
            String big = ownedBy(ownerDies ? 1 : 2, "r" + round + "/get", 0);
            byte[] bigData = data(big, GET_BYTES);
            assertThat(via(2).put("/" + BUCKET + "/" + big, bigData).statusCode())
                    .isEqualTo(200);

            List<CompletableFuture<Upload>> uploads = new ArrayList<>();
            int[][] plan = ownerDies
                    ? new int[][] {{1, 1}, {1, 1}, {0, 1}, {2, 1}, {0, 1}, {2, 1}, {2, 0}, {0, 2}}
                    : new int[][] {{0, 1}, {0, 2}, {0, 1}, {0, 2}, {1, 2}, {2, 1}, {1, 1}, {2, 2}};
            for (int[] entryAndOwner : plan) {
                String path = ownedBy(entryAndOwner[1], "r" + round + "/put", keyCounter);
                keyCounter = Integer.parseInt(path.substring(path.lastIndexOf("put") + 3, path.length() - 4)) + 1;
                long delay = SOAK ? random.nextInt(400) : uploads.size() * 40L;
                uploads.add(upload(entryAndOwner[0], path, delay, SOAK ? 10 + random.nextInt(30) : 25));
            }
            var killed = new CountDownLatch(1);
            List<CompletableFuture<Download>> downloads = List.of(
                    download(ownerDies ? 1 : 0, big, bigData, killed),
                    download(ownerDies ? 2 : 0, big, bigData, killed));
            List<Upload> outcomes = new ArrayList<>();
            List<Download> got = new ArrayList<>();
            try {
                Thread.sleep(SOAK ? 150 + random.nextInt(600) : 350);
                nodes.kill(victim);
                killed.countDown();
                for (CompletableFuture<Upload> u : uploads) {
                    outcomes.add(u.get(TestTimeouts.atLeastSeconds(90), TimeUnit.SECONDS));
                }
                for (CompletableFuture<Download> d : downloads) {
                    got.add(d.get(TestTimeouts.atLeastSeconds(90), TimeUnit.SECONDS));
                }
            } finally {
                killed.countDown();
                nodes.restart(victim);
            }
            for (Download d : got) {
                if (d.whole()) {
                    downloadsWhole++;
                } else {
                    assertThat(d.error())
                            .as("a download that was cut must fail, not end quietly: %s", d)
                            .isNotNull();
                    assertThat(d.received()).isLessThan(GET_BYTES);
                    downloadsCut++;
                }
            }

            assertNothingHalfWritten();
            for (Upload u : outcomes) {
                HttpResponse<byte[]> now = via(2).get("/" + BUCKET + "/" + u.path());
                if (u.acknowledged()) {
                    acknowledged++;
                    assertThat(now.statusCode()).as("acknowledged %s", u.path()).isEqualTo(200);
                    assertWhole(now, u.data());
                    continue;
                }
                failedClearly++;
                httpErrors += u.error() == null ? 1 : 0;
                assertThat(u.error() != null
                                || (u.status() >= 400 && !S3Http.code(u.body()).isEmpty()))
                        .as("an upload that failed gets an HTTP error with an S3 code or a broken connection: %s", u)
                        .isTrue();
                if (now.statusCode() == 200) {
                    // The owner committed it and then the answer was lost with the node: whole, never partial.
                    assertWhole(now, u.data());
                    storedDespiteError++;
                } else {
                    assertThat(now.statusCode()).isEqualTo(404);
                }
                HttpResponse<String> retry = via(u.entry()).put("/" + BUCKET + "/" + u.path(), u.data());
                assertThat(retry.statusCode()).as(retry.body()).isIn(200, 409);
                assertWhole(via(u.entry()).get("/" + BUCKET + "/" + u.path()), u.data());
                retriedOk++;
            }
            assertWhole(via(ownerDies ? 1 : 0).get("/" + BUCKET + "/" + big), bigData);
        }
        System.out.println("RELIABILITY faults: scenario=put-get-forward-kill rounds=" + ROUNDS + " acknowledged="
                + acknowledged + " failed-clearly=" + failedClearly + " (http-error=" + httpErrors
                + " connection-error=" + (failedClearly - httpErrors) + ") stored-despite-error=" + storedDespiteError
                + " corrupted=0 lost-acknowledged=0 retried-ok=" + retriedOk + " downloads-cut-with-error="
                + downloadsCut + " downloads-whole=" + downloadsWhole + " silent-short-downloads=0");
        assertThat(failedClearly).as("the kill hit uploads in flight").isPositive();
    }

    @Test
    void aPeerThatIsDownFailsAwsCliAndBoto3ListingsNamingIt() throws Exception {
        boolean aws = Cli.hasAws(work);
        boolean boto3 = Cli.hasBoto3(work);
        Assumptions.assumeTrue(aws || boto3, "neither the aws CLI nor python3 boto3 is installed: skipping");
        assertThat(via(0).put("/" + BUCKET + "/down/" + ownedBy(0, "k", 0), new byte[10])
                        .statusCode())
                .isEqualTo(200);
        String victim = "127.0.0.1:" + nodes.port(2);
        nodes.kill(2);
        try {
            if (aws) {
                Cli listing = Cli.run(
                        work,
                        nodes.credentials(),
                        List.of(
                                "aws",
                                "--endpoint-url",
                                nodes.endpoint(0).toString(),
                                "s3",
                                "ls",
                                "s3://" + BUCKET + "/down/"));
                assertThat(listing.exit()).as("%s", listing).isNotZero();
                assertThat(listing.err()).contains("ServiceUnavailable").contains(victim);
                assertThat(listing.out()).as("no partial listing").isEmpty();
            } else {
                System.out.println("RELIABILITY faults: aws CLI not installed, its listing check skipped");
            }
            if (boto3) {
                Cli listing = Cli.run(
                        work,
                        nodes.credentials(),
                        List.of(
                                "python3",
                                "-c",
                                String.join(
                                        "\n",
                                        "import boto3, sys",
                                        "from botocore.config import Config",
                                        "s3 = boto3.client('s3', endpoint_url=sys.argv[1], config=Config(retries={'max_attempts': 1}))",
                                        "try:",
                                        "    r = s3.list_objects_v2(Bucket='" + BUCKET + "', Prefix='down/')",
                                        "    print('LISTED', r.get('KeyCount'))",
                                        "except Exception as e:",
                                        "    print('ERROR', e)",
                                        "    sys.exit(1)"),
                                nodes.endpoint(0).toString()));
                assertThat(listing.exit()).as("%s", listing).isEqualTo(1);
                assertThat(listing.out())
                        .startsWith("ERROR")
                        .contains("ServiceUnavailable")
                        .contains(victim)
                        .doesNotContain("LISTED");
            } else {
                System.out.println("RELIABILITY faults: python3 boto3 not installed, its listing check skipped");
            }
        } finally {
            nodes.restart(2);
        }
        System.out.println("RELIABILITY faults: scenario=peer-down-listing clients=" + ((aws ? 1 : 0) + (boto3 ? 1 : 0))
                + " failed-naming-the-node=" + ((aws ? 1 : 0) + (boto3 ? 1 : 0)) + " silently-partial=0");
    }

    static void assertWhole(HttpResponse<byte[]> r, byte[] expected) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(expected.length);
        assertThat(r.body()).isEqualTo(expected);
        assertThat(r.headers().firstValue("x-amz-checksum-crc32c")).hasValue(DataDirs.base64(expected));
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void assertNothingHalfWritten() throws InterruptedException {
        assertThat(DataDirs.tempLeftovers(dataDirs())).as("temp files").isEmpty();
        for (Path dir : dataDirs()) {
            assertThat(DataDirs.sweep(dir).corrupted()).as("keys on %s", dir).isEmpty();
        }
    }

    @Test
    void killingANodeDuringAMapToNLeavesWholeOutputsOrNoneAndARerunSucceeds() throws Exception {
        var random = new Random(9);
        int rounds = SOAK ? 5 : 1;
        int partialSets = 0;
        for (int round = 0; round < rounds; round++) {
            String in = "mtn" + round + "/in/";
            String out = "mtn" + round + "/out/";
            List<byte[]> inputs = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                byte[] bytes = ("row " + i + " of round " + round + "\n")
                        .repeat(20_000)
                        .getBytes();
                inputs.add(bytes);
                assertThat(via(0).put("/" + BUCKET + "/" + in + String.format("%05d", i), bytes)
                                .statusCode())
                        .isEqualTo(200);
            }
            Path started = Files.createDirectories(work.resolve("started-" + round));
            // Three keys per node, two commands at a time, 1.5 s each: every job runs for 3 s after its first start.
            String cmd = "touch " + started + "/$filename; sleep 1.5; cat > 00000; cp 00000 00001; cp 00000 00002;"
                    + " printf '00000\\n00001\\n00002\\n'";
            CompletableFuture<HttpResponse<String>> job = CompletableFuture.supplyAsync(
                    () -> via(0).job("/_s4/map-to-n", "s4://" + BUCKET + "/" + in, "s4://" + BUCKET + "/" + out, cmd));
            HttpResponse<String> answer;
            try {
                long deadline = System.nanoTime() + TestTimeouts.start().toNanos();
                while (isEmpty(started) && System.nanoTime() < deadline && !job.isDone()) {
                    Thread.sleep(10);
                }
                Thread.sleep(SOAK ? random.nextInt(2000) : 800);
                nodes.kill(2);
                answer = job.get(TestTimeouts.atLeastSeconds(60), TimeUnit.SECONDS);
            } finally {
                nodes.restart(2);
            }
            List<String> lines = answer.body().strip().lines().toList();
            JsonNode last = JSON.readTree(lines.getLast());
            assertThat(last.path("type").asString()).as(answer.body()).isEqualTo("error");
            assertThat(last.path("message").asString() + last.path("node").asString())
                    .contains("127.0.0.1:" + nodes.port(2));

            assertNothingHalfWritten();
            List<String> outputs = via(0).keys(BUCKET, out);
            for (int i = 0; i < 9; i++) {
                String name = String.format("%05d", i);
                List<String> mine = outputs.stream()
                        .filter(k -> k.startsWith(out + name + "/"))
                        .toList();
                for (String key : mine) {
                    assertWhole(via(1).get("/" + BUCKET + "/" + key), inputs.get(i));
                }
                if (!mine.isEmpty() && mine.size() < 3) {
                    // Only the killed node's own commits may be cut between outputs (it cannot clean up after itself).
                    assertThat(i % 3)
                            .as("partial outputs of %s: %s", name, mine)
                            .isEqualTo(2);
                    partialSets++;
                }
            }
            for (String key : outputs) {
                assertThat(via(0).delete("/" + BUCKET + "/" + key).statusCode()).isEqualTo(204);
            }
            HttpResponse<String> rerun =
                    via(0).job("/_s4/map-to-n", "s4://" + BUCKET + "/" + in, "s4://" + BUCKET + "/" + out, cmd);
            assertThat(JSON.readTree(rerun.body().strip().lines().toList().getLast())
                            .path("type")
                            .asString())
                    .as(rerun.body())
                    .isEqualTo("done");
            List<String> all = via(2).keys(BUCKET, out);
            assertThat(all).hasSize(27);
            for (String key : all) {
                int input = Integer.parseInt(key.substring(out.length(), out.length() + 5));
                assertWhole(via(0).get("/" + BUCKET + "/" + key), inputs.get(input));
            }
        }
        System.out.println("RELIABILITY faults: scenario=map-to-n-kill rounds=" + rounds + " jobs-failed-clearly="
                + rounds + " corrupted=0 partial-output-sets-of-killed-node=" + partialSets + " rerun-ok=" + rounds);
    }
}
