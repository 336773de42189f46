package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.S4Nodes;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The compute scenarios of spec section 10.1 (map, glob, map-to-n, map-from-n pipelines, suffixes, deep folders,
 * eval) and the failure cases, on three real nodes driven over plain HTTP; every job goes to one node without
 * {@code x-s4-local}, so that node fans it out, exactly as a {@code curl} user would run it. Pipelines of bsv tools
 * run in-process here and under bash in {@link ComputeForkedIT}, which runs every scenario again.
 */
// One instance for the class, so a subclass's @BeforeAll overrides this one: a static one only hid it, and JUnit ran
// both, leaving the first cluster running after the class.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComputeIT {

    @TempDir
    static Path work;

    static S4Nodes nodes;
    static NodeHttp http;
    static List<String> words;
    static Path bucketPy;
    static Path partitionPy;

    @BeforeAll
    void start() throws IOException {
        startNodes();
    }

    /** Whether the nodes run pipelines of bsv tools in-process (the default); {@link ComputeForkedIT} says no. */
    boolean inProcess() {
        return true;
    }

    static void startNodes(String... nodeArgs) throws IOException {
        nodes = S4Nodes.start(3, work, nodeArgs);
        http = new NodeHttp(nodes.endpoint(0));
        words = words();
        bucketPy = work.resolve("bucket.py");
        Files.writeString(bucketPy, """
                import sys, hashlib
                n = int(sys.argv[1])
                for line in sys.stdin:
                    line = line.rstrip('\\n')
                    b = int(hashlib.md5(line.split(',')[0].encode()).hexdigest(), 16) % n
                    print('%05d,%s' % (b, line))
                """);
        partitionPy = work.resolve("partition.py");
        Files.writeString(partitionPy, """
                import sys
                files = {}
                for line in sys.stdin:
                    b, rest = line.split(',', 1)
                    if b not in files:
                        files[b] = open(b, 'w')
                    files[b].write(rest)
                for f in files.values():
                    f.close()
                print('\\n'.join(sorted(files)))
                """);
    }

    @AfterAll
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** 1000 distinct capitalised words in sorted order, like the word list of the original tests. */
    static List<String> words() {
        var random = new Random(42);
        var set = new TreeSet<String>();
        while (set.size() < 1000) {
            int length = 4 + random.nextInt(6);
            var word = new StringBuilder();
            word.append((char) ('A' + random.nextInt(26)));
            for (int i = 1; i < length; i++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            set.add(word.toString());
        }
        return new ArrayList<>(set);
    }

    /** Stores the words as 6 chunks of 180 lines (the last one 100) under {@code prefix}00000 ... 00005. */
    static void putChunks(String prefix) {
        for (int i = 0; i < 6; i++) {
            List<String> chunk = words.subList(i * 180, Math.min(words.size(), (i + 1) * 180));
            http.put(prefix + String.format("%05d", i), String.join("\n", chunk) + "\n");
        }
    }

    static int md5Bucket(String word, int n) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(word.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).mod(BigInteger.valueOf(n)).intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> bucketWords(int bucket) {
        return words.stream().filter(w -> md5Bucket(w, 3) == bucket).toList();
    }

    static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    static String py(Path script, int n) {
        return "python3 " + script + " " + n;
    }

    // ---- spec 10.1 scenarios ----

    @Test
    void evalReturnsTheCommandsStdout() {
        http.put("s4://bucket/file.txt", "123\n");
        HttpResponse<String> answer = http.eval("s4://bucket/file.txt", "cat");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("123\n");
        for (int node = 0; node < 3; node++) {
            assertThat(new NodeHttp(nodes.endpoint(node))
                            .eval("s4://bucket/file.txt", "cat; echo \"$filename\"")
                            .body())
                    .isEqualTo("123\nfile.txt\n");
        }
    }

    @Test
    void evalOfAMissingKeyIs404AndABadKeyIs400() {
        HttpResponse<String> missing = http.eval("s4://bucket/no-such-key", "cat");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<Code>NoSuchKey</Code>");
        HttpResponse<String> bad = http.eval("s4://bucket/dir/", "cat");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void evalOfAFailingCommandIs422WithExitCodeAndStderr() {
        http.put("s4://bucket/evalfail.txt", "x\n");
        HttpResponse<String> answer = http.eval("s4://bucket/evalfail.txt", "echo partial; echo broken >&2; exit 3");
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body())
                .contains(
                        "<Code>CommandFailed</Code>",
                        "<Key>s4://bucket/evalfail.txt</Key>",
                        "<ExitCode>3</ExitCode>",
                        "<Stderr>broken\n</Stderr>")
                .doesNotContain("partial");
    }

    @Test
    void mapLowercasesEveryChunkAndKeepsNames() {
        putChunks("s4://t16/data_in/");
        assertThat(http.list("t16", "data_in/"))
                .containsExactly(
                        "data_in/00000",
                        "data_in/00001",
                        "data_in/00002",
                        "data_in/00003",
                        "data_in/00004",
                        "data_in/00005");
        JsonNode done = http.job("/_s4/map", "s4://t16/data_in/", "s4://t16/data_out/", "tr A-Z a-z")
                .assertDone()
                .last();
        assertThat(done.path("node").asString()).isEqualTo("*");
        assertThat(done.path("keys").asLong()).isEqualTo(6);
        assertThat(done.path("outputs").asLong()).isEqualTo(6);
        assertThat(http.list("t16", "data_out/"))
                .containsExactly(
                        "data_out/00000",
                        "data_out/00001",
                        "data_out/00002",
                        "data_out/00003",
                        "data_out/00004",
                        "data_out/00005");
        var all = new StringBuilder();
        for (String key : http.list("t16", "data_out/")) {
            all.append(http.text("s4://t16/" + key));
        }
        assertThat(lines(all.toString()))
                .isEqualTo(words.stream().map(String::toLowerCase).toList());
    }

    @Test
    void progressLinesComeFromEveryNodeBeforeTheFinalLine() {
        putChunks("s4://progress/in/");
        NodeHttp.JobAnswer answer = http.job("/_s4/map", "s4://progress/in/", "s4://progress/out/", "cat")
                .assertDone();
        var progressNodes = answer.lines().stream()
                .filter(l -> l.path("type").asString().equals("progress"))
                .map(l -> l.path("node").asString())
                .collect(Collectors.toSet());
        assertThat(progressNodes).hasSize(3);
        assertThat(answer.lines().stream()
                        .filter(l -> !l.path("type").asString().equals("progress")))
                .hasSize(1);
        long total = answer.lines().stream()
                .filter(l -> l.path("type").asString().equals("progress"))
                .filter(l -> l.path("keysDone").asLong() == l.path("keysTotal").asLong())
                .mapToLong(l -> l.path("keysTotal").asLong())
                .max()
                .orElse(0);
        assertThat(total).isPositive();
    }

    @Test
    void mapWithAGlobTakesOnlyMatchingKeys() {
        putChunks("s4://t17/data_in/");
        http.job("/_s4/map", "s4://t17/data_in/*4", "s4://t17/data_out/", "tr A-Z a-z")
                .assertDone();
        assertThat(http.list("t17", "data_out/")).containsExactly("data_out/00004");
        assertThat(lines(http.text("s4://t17/data_out/00004")))
                .isEqualTo(words.subList(720, 900).stream()
                        .map(String::toLowerCase)
                        .toList());
    }

    /** Steps 1-3 of the map-to-n scenarios: chunks, bucket column, partition by it. */
    static void shuffle(String bucket) {
        putChunks("s4://" + bucket + "/step1/");
        http.job("/_s4/map", "s4://" + bucket + "/step1/", "s4://" + bucket + "/step2/", py(bucketPy, 3))
                .assertDone();
        assertThat(http.text("s4://" + bucket + "/step2/00000"))
                .startsWith(String.format("%05d,%s%n", md5Bucket(words.get(0), 3), words.get(0)));
        http.job("/_s4/map-to-n", "s4://" + bucket + "/step2/", "s4://" + bucket + "/step3/", py(partitionPy, 3))
                .assertDone();
    }

    @Test
    void mapToNShufflesEveryPartitionToItsNode() {
        shuffle("t18");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (int b = 0; b < 3; b++) {
                expected.add(String.format("step3/%05d/%05d", i, b));
            }
        }
        assertThat(http.list("t18", "step3/")).containsExactlyElementsOf(expected);
        var bucket0 = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            bucket0.append(http.text(String.format("s4://t18/step3/%05d/00000", i)));
        }
        assertThat(lines(bucket0.toString())).isEqualTo(bucketWords(0));
        for (int b = 0; b < 3; b++) {
            Path partitionFile = nodes.dataDir(b).resolve("t18/step3/00000").resolve(String.format("%05d", b));
            assertThat(partitionFile).as("partition %d lives on node %d", b, b).exists();
        }
    }

    @Test
    void mapToNCanResultInZeroFiles() {
        putChunks("s4://t19/step1/");
        http.job("/_s4/map-to-n", "s4://t19/step1/", "s4://t19/step2/", "cat >/dev/null && echo")
                .assertDone();
        assertThat(http.list("t19", "step2/")).isEmpty();
    }

    @Test
    void mapToNFailsQuicklyOnBadFilePaths() {
        putChunks("s4://t20/step1/");
        long start = System.nanoTime();
        JsonNode error = http.job(
                        "/_s4/map-to-n", "s4://t20/step1/", "s4://t20/step2/", "cat >/dev/null && echo does_not_exist")
                .assertError()
                .last();
        assertThat(System.nanoTime() - start)
                .isLessThan(TestTimeouts.atLeast(Duration.ofSeconds(20)).toNanos());
        assertThat(error.path("message").asString()).contains("does_not_exist", "does not exist");
        assertThat(http.list("t20", "step2/")).isEmpty();
    }

    /** The group-by of examples/taxi: csv to bsv, a shuffle by category, a sum per category, back to csv. */
    @Test
    void aGroupByOfBsvToolsRunsInProcessWithTheSameResults() {
        var random = new Random(7);
        var expected = new TreeMap<String, Long>();
        for (int key = 0; key < 12; key++) {
            var csv = new StringBuilder();
            for (int row = 0; row < 2000; row++) {
                String category = "c" + random.nextInt(20);
                long amount = random.nextInt(1000);
                expected.merge(category, amount, Long::sum);
                csv.append(key)
                        .append(',')
                        .append(category)
                        .append(",x,y,z,w,")
                        .append(amount)
                        .append('\n');
            }
            http.put(String.format("s4://groupby/in/%03d", key), csv.toString());
        }
        List<JobAnswerCount> steps = List.of(
                new JobAnswerCount(
                        http.job("/_s4/map", "s4://groupby/in/", "s4://groupby/bsv/", "bsv")
                                .assertDone(),
                        12),
                new JobAnswerCount(
                        http.job(
                                        "/_s4/map-to-n",
                                        "s4://groupby/bsv/",
                                        "s4://groupby/parts/",
                                        "bcut 2,7 | bschema '*,a:i64' | bpartition 3")
                                .assertDone(),
                        12),
                new JobAnswerCount(
                        http.job(
                                        "/_s4/map-from-n",
                                        "s4://groupby/parts/",
                                        "s4://groupby/sums/",
                                        "xargs cat | bsort | bsumeach i64 | bschema '*,i64:a' | csv")
                                .assertDone(),
                        36));
        for (JobAnswerCount step : steps) {
            JsonNode done = step.answer().last();
            assertThat(done.path("keys").asLong()).isEqualTo(step.keys());
            assertThat(done.path("keysInProcess").asLong())
                    .as(step.answer().raw())
                    .isEqualTo(inProcess() ? step.keys() : 0);
        }
        var sums = new TreeMap<String, Long>();
        for (String out : http.list("groupby", "sums/")) {
            for (String line : lines(http.text("s4://groupby/" + out))) {
                String[] parts = line.split(",");
                sums.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        assertThat(sums).isEqualTo(expected);
        NodeHttp.JobAnswer viaBash = http.job(
                        "/_s4/map",
                        "s4://groupby/bsv/",
                        "s4://groupby/named/",
                        "bcut 1 | bhead 1 | csv; echo \"$filename\"")
                .assertDone();
        assertThat(viaBash.last().path("keysInProcess").asLong()).isZero();
        assertThat(http.text("s4://groupby/named/003")).isEqualTo("3\n003\n");
        JsonNode failed = http.job("/_s4/map", "s4://groupby/in/", "s4://groupby/bad/", "bsv | bsort i65")
                .assertError()
                .last();
        assertThat(failed.path("exitCode").asInt()).isEqualTo(1);
        assertThat(failed.path("stderr").asString()).isEqualTo("fatal: bad type i65\n");
    }

    record JobAnswerCount(NodeHttp.JobAnswer answer, long keys) {}

    @Test
    void mapFromNMergesEachPartition() {
        shuffle("t21");
        http.job("/_s4/map-from-n", "s4://t21/step3/", "s4://t21/step4/", "xargs cat")
                .assertDone();
        assertThat(http.list("t21", "step4/")).containsExactly("step4/00000", "step4/00001", "step4/00002");
        for (int b = 0; b < 3; b++) {
            assertThat(lines(http.text(String.format("s4://t21/step4/%05d", b))))
                    .containsExactlyInAnyOrderElementsOf(bucketWords(b));
        }
    }

    @Test
    void mapFromNWorksWithoutNumericPrefixes() {
        for (int i = 0; i < 6; i++) {
            List<String> chunk = words.subList(i * 180, Math.min(words.size(), (i + 1) * 180));
            http.put("s4://t22/step1/" + new UUID(42, i), String.join("\n", chunk) + "\n");
        }
        http.job("/_s4/map", "s4://t22/step1/", "s4://t22/step2/", py(bucketPy, 3))
                .assertDone();
        http.job("/_s4/map-to-n", "s4://t22/step2/", "s4://t22/step3/", py(partitionPy, 3))
                .assertDone();
        http.job("/_s4/map-from-n", "s4://t22/step3/", "s4://t22/step4/", "xargs cat")
                .assertDone();
        assertThat(http.list("t22", "step4/")).containsExactly("step4/00000", "step4/00001", "step4/00002");
        for (int b = 0; b < 3; b++) {
            assertThat(lines(http.text(String.format("s4://t22/step4/%05d", b))))
                    .containsExactlyInAnyOrderElementsOf(bucketWords(b));
        }
    }

    @Test
    void mapWorksOnTheOutputOfMapToNAndMapFromNKeepsWalkOrder() {
        shuffle("t23");
        http.job(
                        "/_s4/map",
                        "s4://t23/step3/",
                        "s4://t23/step4/",
                        "while read row; do echo $(echo $row | head -c4); done")
                .assertDone();
        assertThat(http.list("t23", "step4/")).hasSize(18).contains("step4/00003/00001");
        http.job("/_s4/map-from-n", "s4://t23/step4/", "s4://t23/step5/", "xargs cat")
                .assertDone();
        assertThat(http.list("t23", "step5/")).containsExactly("step5/00000", "step5/00001", "step5/00002");
        for (int b = 0; b < 3; b++) {
            List<String> expected = bucketWords(b).stream()
                    .map(w -> w.substring(0, Math.min(4, w.length())))
                    .toList();
            assertThat(lines(http.text(String.format("s4://t23/step5/%05d", b))))
                    .isEqualTo(expected);
        }
    }

    @Test
    void mapPreservesSuffix() {
        http.put("s4://t24/step1/000_key0", "\n");
        http.job("/_s4/map", "s4://t24/step1/", "s4://t24/step2/", "cat").assertDone();
        assertThat(http.list("t24", "step2/")).containsExactly("step2/000_key0");
    }

    @Test
    void mapFromNWorksOnDeepDirectoriesAndPreservesSuffix() {
        int n = 1;
        for (String month : List.of("may", "jun", "jul")) {
            for (String key : List.of("000_key0", "001_key1")) {
                http.put("s4://t25/step1/" + month + "/" + key + "/000_bucket0", n++ + "\n");
            }
        }
        // The spec greps "may"/"jun"; stdin holds absolute paths and JUnit's temp dir is /tmp/junit..., so the
        // folder names are matched with their slashes.
        http.job(
                        "/_s4/map-from-n",
                        "s4://t25/step1/",
                        "s4://t25/step2/",
                        "grep -e /may/ -e /jun/ | xargs cat | sort -n")
                .assertDone();
        assertThat(http.list("t25", "step2/")).containsExactly("step2/000_bucket0");
        HttpResponse<String> answer = http.eval("s4://t25/step2/000_bucket0", "cat");
        assertThat(answer.body()).isEqualTo("1\n2\n3\n4\n");
    }

    // ---- failures and limits ----

    @Test
    void aFailingCommandFailsTheJobWithKeyExitCodeStderrAndSucceededKeys() {
        putChunks("s4://fail/in/");
        JsonNode error = http.job(
                        "/_s4/map",
                        "s4://fail/in/",
                        "s4://fail/out/",
                        "if [ \"$filename\" = 00003 ]; then echo boom >&2; exit 7; fi; cat")
                .assertError()
                .last();
        assertThat(error.path("key").asString()).isEqualTo("s4://fail/in/00003");
        assertThat(error.path("exitCode").asInt()).isEqualTo(7);
        assertThat(error.path("stderr").asString()).isEqualTo("boom\n");
        assertThat(error.path("message").asString()).contains("00003", "7");
        List<String> succeeded = new ArrayList<>();
        error.path("succeeded").forEach(k -> succeeded.add(k.asString()));
        assertThat(succeeded).doesNotContain("s4://fail/in/00003");
        assertThat(http.get("s4://fail/out/00003")).isNull();
        for (String key : succeeded) {
            assertThat(http.get(key.replace("/in/", "/out/"))).isEqualTo(http.get(key));
        }
        assertThat(tempLeftovers()).isEmpty();
    }

    @Test
    void aMapToNOutputThatFailsRemovesTheOtherOutputsOfItsKey() {
        http.put("s4://half/in/00000", "a\n");
        http.put("s4://half/taken/00000/00002", "already here\n");
        JsonNode error = http.job(
                        "/_s4/map-to-n",
                        "s4://half/in/",
                        "s4://half/taken/",
                        "for i in 00000 00001 00002; do echo $i > $i; echo $i; done")
                .assertError()
                .last();
        assertThat(error.path("message").asString()).contains("already exists", "s4://half/taken/00000/00002");
        assertThat(http.list("half", "taken/")).containsExactly("taken/00000/00002");
        assertThat(http.text("s4://half/taken/00000/00002")).isEqualTo("already here\n");
    }

    @Test
    void badRequestsAre400BeforeAnyStreaming() {
        for (String[] bad : new String[][] {
            {"s4://b/in", "s4://b/out/"}, {"s4://b/in/", "s4://b/out"}, {"b/in/", "s4://b/out/"},
            {"s4://b/in/", "/local/out/"}, {"s4://b/in/[*", "s4://b/out/"}, {"s4://_b/in/", "s4://b/out/"},
            {"s4://b/in//", "s4://b/out/"}
        }) {
            NodeHttp.JobAnswer answer = http.job("/_s4/map", bad[0], bad[1], "cat");
            assertThat(answer.status()).as("%s -> %s", bad[0], bad[1]).isEqualTo(400);
            assertThat(answer.raw()).contains("<Code>InvalidArgument</Code>");
        }
        assertThat(http.post("/_s4/map", "{not json").statusCode()).isEqualTo(400);
        assertThat(http.post("/_s4/map-to-n", "{\"indir\":\"s4://b/in/\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void anEmptyOrMissingIndirSucceedsWithNothing() {
        JsonNode done = http.job("/_s4/map-from-n", "s4://nothing-here/in/", "s4://nothing-here/out/", "cat")
                .assertDone()
                .last();
        assertThat(done.path("keys").asLong()).isZero();
    }

    @Test
    void aThousandSmallKeys() {
        for (int i = 0; i < 1000; i++) {
            http.put(String.format("s4://many/in/%04d_k", i), i + "\n");
        }
        long start = System.nanoTime();
        JsonNode done = http.job("/_s4/map", "s4://many/in/", "s4://many/out/", "cat")
                .assertDone()
                .last();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("map cat over 1000 keys on 3 nodes: %d ms (%.2f ms per key)%n", millis, millis / 1000.0);
        assertThat(done.path("keys").asLong()).isEqualTo(1000);
        assertThat(done.path("outputs").asLong()).isEqualTo(1000);
        List<String> out = http.list("many", "out/");
        assertThat(out).hasSize(1000);
        for (int i : new int[] {0, 1, 499, 999}) {
            assertThat(http.text(String.format("s4://many/out/%04d_k", i))).isEqualTo(i + "\n");
        }
        http.job("/_s4/map-to-n", "s4://many/out/", "s4://many/shuffled/", "cat > 7_x; echo 7_x")
                .assertDone();
        http.job("/_s4/map-from-n", "s4://many/shuffled/", "s4://many/merged/", "xargs cat | wc -l")
                .assertDone();
        assertThat(http.text("s4://many/merged/7_x").strip()).isEqualTo("1000");
    }

    @Test
    void aLargeInput() throws IOException {
        int mib = Integer.getInteger("s4.compute.largeMiB", 64);
        Path file = work.resolve("large.bin");
        byte[] block = new byte[1 << 20];
        var random = new Random(7);
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        long start = System.nanoTime();
        http.putFile("s4://large/in/big", file);
        long put = System.nanoTime();
        http.job("/_s4/map", "s4://large/in/", "s4://large/out/", "cat").assertDone();
        long map = System.nanoTime();
        JsonNode done = http.job(
                        "/_s4/map-to-n",
                        "s4://large/in/",
                        "s4://large/parts/",
                        "split -n 3 -d -a 5 - part_ && ls part_* | while read f; do mv $f ${f#part_}; echo ${f#part_}; done")
                .assertDone()
                .last();
        long shuffle = System.nanoTime();
        System.out.printf(
                "large input %d MiB: put %d ms, map cat %d ms, map-to-n split 3 %d ms%n",
                mib, (put - start) / 1_000_000, (map - put) / 1_000_000, (shuffle - map) / 1_000_000);
        assertThat(done.path("outputs").asLong()).isEqualTo(3);
        assertThat(http.checksum("s4://large/out/big")).isEqualTo(http.checksum("s4://large/in/big"));
        HttpResponse<String> size = http.eval("s4://large/out/big", "wc -c");
        assertThat(size.body().strip()).isEqualTo(Long.toString((long) mib << 20));
        for (int b = 0; b < 3; b++) {
            assertThat(nodes.dataDir(b).resolve("large/parts/big").resolve(String.format("%05d", b)))
                    .exists();
        }
        Files.delete(file);
    }

    @Test
    void hostileKeyNamesAreDataNeverCode() throws IOException {
        Path canary = Files.createDirectories(work.resolve("canary"));
        List<String> names = List.of(
                "in/a;touch${IFS}" + canary + "/c1",
                "in/$(touch${IFS}" + canary + "/c2)",
                "in/`touch${IFS}" + canary + "/c3`",
                "in/x&&touch${IFS}" + canary + "/c4||y",
                "in/q'uo\"te>r<",
                "in/$filename");
        for (String name : names) {
            http.put("s4://hostile/" + name, name + "\n");
        }
        String outdir = "s4://hostile/o$(touch${IFS}" + canary + "/c5)/";
        http.job("/_s4/map", "s4://hostile/in/", outdir, "cat; echo \"$filename\"")
                .assertDone();
        for (String name : names) {
            String basename = name.substring(name.lastIndexOf('/') + 1);
            assertThat(http.text(outdir + name.substring("in/".length()))).isEqualTo(name + "\n" + basename + "\n");
            assertThat(http.eval("s4://hostile/" + name, "cat").body()).isEqualTo(name + "\n");
        }
        http.job("/_s4/map-to-n", "s4://hostile/in/", "s4://hostile/shuf/", "cat > out; echo out")
                .assertDone();
        assertThat(http.list("hostile", "shuf/")).hasSize(names.size());
        http.job(
                        "/_s4/map-from-n",
                        "s4://hostile/in/",
                        "s4://hostile/merged/",
                        "while IFS= read -r p; do cat \"$p\"; done")
                .assertDone();
        assertThat(http.list("hostile", "merged/")).hasSize(names.size());
        try (Stream<Path> files = Files.list(canary)) {
            assertThat(files.toList()).as("canary files: a key was run as code").isEmpty();
        }
    }

    /** Temp entries left on the nodes, after giving cancelled work a few seconds to wind down. */
    static List<Path> tempLeftovers() {
        long deadline =
                System.nanoTime() + TestTimeouts.atLeast(Duration.ofSeconds(10)).toNanos();
        List<Path> left = tempEntries();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = tempEntries();
        }
        return left;
    }

    static List<Path> tempEntries() {
        List<Path> left = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            try (Stream<Path> entries = Files.list(nodes.dataDir(node).resolve("_tmp"))) {
                entries.forEach(left::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return left;
    }
}
