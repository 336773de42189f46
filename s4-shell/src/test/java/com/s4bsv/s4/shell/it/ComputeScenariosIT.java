package com.s4bsv.s4.shell.it;

import static com.s4bsv.s4.shell.it.S4Process.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute scenarios of spec section 10.1 (eval, map, map-to-n, map-from-n) on three real nodes through bin/s4.
 * Skipped until the nodes serve the compute wire contract (a probe map on an empty prefix must answer ndjson).
 */
@ExtendWith(LocalCluster.class)
class ComputeScenariosIT {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final List<String> WORDS = IntStream.range(0, 1000)
            .mapToObj(i -> "W" + Integer.toString(i * 7919 % 1000 + 1000, 36).toUpperCase(Locale.ROOT) + "x" + i)
            .toList();

    @TempDir
    Path dir;

    private String bucket;

    @BeforeAll
    static void computeIsServed() throws Exception {
        int port = LocalCluster.nodes().getFirst().port();
        HttpResponse<String> probe = HttpClient.newHttpClient()
                .send(
                        LocalCluster.sign(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_s4/map"))
                                .timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .header("x-s4-local", "1")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"indir\":\"s4://probe/nothing/\",\"outdir\":"
                                                + "\"s4://probe/out/\",\"cmd\":\"cat\"}"))
                                .build()),
                        HttpResponse.BodyHandlers.ofString());
        Assumptions.assumeTrue(
                probe.statusCode() == 200 && probe.body().contains("\"type\""),
                "the s4 nodes do not serve /_s4/map yet (HTTP " + probe.statusCode() + "); skipping compute tests");
    }

    @BeforeEach
    void newBucket() {
        bucket = "cp" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    }

    private String s4(String path) {
        return "s4://" + bucket + "/" + path;
    }

    private S4Process.Result ok(String... args) {
        S4Process.Result r = run(dir, args);
        assertThat(r.code()).as("s4 %s: %s", String.join(" ", args), r).isZero();
        return r;
    }

    private void put(String text, String key) {
        S4Process.Result r = run(dir, text.getBytes(StandardCharsets.UTF_8), "cp", "-", key);
        assertThat(r.code()).as("put %s: %s", key, r).isZero();
    }

    /** The 1000 words as 6 keys of 180 lines (the last 100), put in parallel. */
    private void putWordChunks(String prefix) {
        putWordChunks(prefix, chunk -> String.format("%05d", chunk));
    }

    /** The same chunks under the given names, which must sort in chunk order. */
    private void putWordChunks(String prefix, IntFunction<String> name) {
        List<CompletableFuture<Void>> puts = new ArrayList<>();
        for (int chunk = 0; chunk < 6; chunk++) {
            String text = WORDS.subList(chunk * 180, Math.min(WORDS.size(), chunk * 180 + 180)).stream()
                    .collect(Collectors.joining("\n", "", "\n"));
            String key = s4(prefix + name.apply(chunk));
            puts.add(CompletableFuture.runAsync(() -> put(text, key)));
        }
        puts.forEach(CompletableFuture::join);
    }

    private String readTree(Path root, String glob) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            var matcher = root.getFileSystem().getPathMatcher("glob:" + glob);
            var out = new StringBuilder();
            for (Path p : files.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(root.relativize(p)))
                    .sorted()
                    .toList()) {
                out.append(Files.readString(p));
            }
            return out.toString();
        }
    }

    private Path scripts() throws IOException {
        Files.writeString(dir.resolve("bucket.py"), """
                import hashlib, sys
                n = int(sys.argv[1])
                for line in sys.stdin:
                    word = line.rstrip("\\n").split(",")[0]
                    b = int(hashlib.md5(word.encode()).hexdigest(), 16) % n
                    print("%05d,%s" % (b, line.rstrip("\\n")))
                """);
        Files.writeString(dir.resolve("partition.py"), """
                import sys
                n = int(sys.argv[1])
                files = {}
                for line in sys.stdin:
                    b, rest = line.split(",", 1)
                    if b not in files:
                        files[b] = open(b, "w")
                    files[b].write(rest)
                for b, f in sorted(files.items()):
                    f.close()
                    print(b)
                """);
        return dir;
    }

    private static int md5Bucket(String word, int n) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(word.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).mod(BigInteger.valueOf(n)).intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String bucketWords(int b) {
        return WORDS.stream().filter(w -> md5Bucket(w, 3) == b).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void evalPrintsTheCommandOutput() {
        put("123\n", s4("file.txt"));

        assertThat(ok("eval", s4("file.txt"), "cat").stdout()).isEqualTo("123\n");
        assertThat(ok("eval", s4("file.txt"), "printf '100%% %s\\n\\n\\n' x").stdout())
                .isEqualTo("100% x\n");

        S4Process.Result missing = run(dir, "eval", s4("missing"), "cat");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("fatal: no such key: " + s4("missing") + "\n");

        S4Process.Result failed = run(dir, "eval", s4("file.txt"), "echo oops >&2; exit 3");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err())
                .startsWith("fatal: " + s4("file.txt") + ": command failed (exit code 3) on node ")
                .endsWith("\noops\n");
    }

    @Test
    void mapKeepsNamesAndOrder() throws IOException {
        putWordChunks("data_in/");
        assertThat(ok("ls", s4("data_in/")).lastColumn())
                .containsExactly("00000", "00001", "00002", "00003", "00004", "00005");

        assertThat(ok("map", s4("data_in/"), s4("data_out/"), "tr A-Z a-z").stdout())
                .isEqualTo("ok ok ok ");

        assertThat(ok("ls", s4("data_out/")).lastColumn())
                .containsExactly("00000", "00001", "00002", "00003", "00004", "00005");
        ok("cp", "-r", s4("data_out/"), "result");
        assertThat(readTree(dir.resolve("result"), "*"))
                .isEqualTo(WORDS.stream()
                        .map(w -> w.toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining("\n", "", "\n")));
    }

    @Test
    void mapWithAGlobTakesOnlyMatchingKeys() {
        putWordChunks("data_in/");

        ok("map", s4("data_in/*4"), s4("data_out/"), "tr A-Z a-z");

        assertThat(ok("ls", s4("data_out/")).lastColumn()).containsExactly("00004");
        assertThat(ok("cp", s4("data_out/00004"), "-").stdout())
                .startsWith(WORDS.get(720).toLowerCase(Locale.ROOT));
    }

    @Test
    void mapToNShufflesAndMapFromNMerges() throws IOException {
        Path scripts = scripts();
        putWordChunks("step1/");
        ok("map", s4("step1/"), s4("step2/"), "python3 " + scripts.resolve("bucket.py") + " 3");
        ok("map-to-n", s4("step2/"), s4("step3/"), "python3 " + scripts.resolve("partition.py") + " 3");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (int b = 0; b < 3; b++) {
                expected.add(String.format("step3/%05d/%05d", i, b));
            }
        }
        assertThat(ok("ls", "-r", s4("step3/")).lastColumn()).isEqualTo(expected);
        ok("cp", "-r", s4("step3"), "step3/");
        assertThat(readTree(dir.resolve("step3"), "*/00000")).isEqualTo(bucketWords(0));

        ok("map-from-n", s4("step3/"), s4("step4/"), "xargs cat");
        assertThat(ok("ls", "-r", s4("step4/")).lastColumn())
                .containsExactly("step4/00000", "step4/00001", "step4/00002");
        List<String> merged =
                ok("cp", s4("step4/00000"), "-").stdout().lines().sorted().toList();
        assertThat(merged).isEqualTo(bucketWords(0).lines().sorted().toList());
    }

    @Test
    void keysWithSpacesAreDataInEveryVerbAndMapFromNReadsThemOneALine() throws IOException {
        Path canary = dir.resolve("canary");
        List<String> keys =
                List.of("sp/a b", "sp/ lead", "sp/trail ", "sp/x;y", "sp/n\u00a0b", "sp/$(touch " + canary + ") y");
        for (String key : keys) {
            put("<" + key + ">\n", s4(key));
        }
        assertThat(ok("ls", "-r", s4("sp/")).lastColumn()).containsExactlyInAnyOrderElementsOf(keys);
        for (String key : keys) {
            String basename = key.substring(key.lastIndexOf('/') + 1);
            assertThat(ok("eval", s4(key), "cat; printf '[%s]\\n' \"$filename\"")
                            .stdout())
                    .as("eval %s", key)
                    .isEqualTo("<" + key + ">\n[" + basename + "]\n");
        }

        ok("map", s4("sp/"), s4("mapped/"), "cat; printf '[%s]\\n' \"$filename\"");
        ok("map-to-n", s4("sp/"), s4("shuffled/"), "printf '%s' \"$filename\" > 'out put'; echo 'out put'");
        for (String key : keys) {
            String rest = key.substring(3);
            String basename = key.substring(key.lastIndexOf('/') + 1);
            assertThat(ok("cp", s4("mapped/" + rest), "-").stdout())
                    .as("map of %s", key)
                    .isEqualTo("<" + key + ">\n[" + basename + "]\n");
            assertThat(ok("cp", s4("shuffled/" + basename + "/out put"), "-").stdout())
                    .as("map-to-n of %s", key)
                    .isEqualTo(basename);
        }

        List<String> group = List.of("grp/000_ lead x", "grp/000_a b", "grp/000_trail ", "grp/000_x;y");
        for (String key : group) {
            put("<" + key + ">\n", s4(key));
        }
        ok("map-from-n", s4("grp/"), s4("merged/"), "xargs -d '\\n' cat");
        assertThat(ok("cp", s4("merged/000"), "-").stdout())
                .isEqualTo(group.stream().map(k -> "<" + k + ">\n").collect(Collectors.joining()));
        S4Process.Result split = run(dir, "map-from-n", s4("grp/"), s4("split/"), "xargs cat");
        assertThat(split.code())
                .as("plain xargs splits names at spaces: %s", split)
                .isEqualTo(1);
        assertThat(split.err()).contains("No such file or directory");
        assertThat(canary).doesNotExist();
    }

    @Test
    void mapToNMayWriteNothingAndFailsOnBadPaths() {
        putWordChunks("step1/");

        ok("map-to-n", s4("step1/"), s4("step2/"), "cat >/dev/null && echo");
        assertThat(run(dir, "ls", "-r", s4("step2/")).code()).isEqualTo(1);

        long start = System.nanoTime();
        S4Process.Result bad =
                run(dir, "map-to-n", s4("step1/"), s4("step2/"), "cat >/dev/null && echo does_not_exist");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("fatal: ");
        assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
    }

    @Test
    void mapPreservesSuffixesAndMapFromNWorksOnDeepFolders() {
        put("\n", s4("pre/000_key0"));
        ok("map", s4("pre/"), s4("post/"), "cat");
        assertThat(ok("ls", s4("post/")).lastColumn()).containsExactly("000_key0");

        int n = 1;
        for (String month : List.of("may", "jun", "jul")) {
            for (String key : List.of("000_key0", "001_key1")) {
                put(n++ + "\n", s4("deep/" + month + "/" + key + "/000_bucket0"));
            }
        }
        ok("map-from-n", s4("deep/"), s4("merged/"), "grep -e may -e jun | xargs cat | sort -n");
        assertThat(ok("eval", s4("merged/000_bucket0"), "cat").stdout()).isEqualTo("1\n2\n3\n4\n");
    }

    /** Steps 1 to 3 of spec 10.1 #18: bucket every word, then shuffle the buckets into step3/. */
    private void shuffleWords(Path scripts, IntFunction<String> name) {
        putWordChunks("step1/", name);
        ok("map", s4("step1/"), s4("step2/"), "python3 " + scripts.resolve("bucket.py") + " 3");
        ok("map-to-n", s4("step2/"), s4("step3/"), "python3 " + scripts.resolve("partition.py") + " 3");
    }

    @Test
    void mapFromNWorksWithoutNumericPrefixes() throws IOException {
        List<String> names =
                IntStream.range(0, 6).mapToObj(i -> i + "-" + UUID.randomUUID()).toList();
        shuffleWords(scripts(), names::get);

        ok("map-from-n", s4("step3/"), s4("step4/"), "xargs cat");

        assertThat(ok("ls", "-r", s4("step4/")).lastColumn())
                .containsExactly("step4/00000", "step4/00001", "step4/00002");
        for (int b = 0; b < 3; b++) {
            List<String> merged = ok("cp", s4("step4/0000" + b), "-")
                    .stdout()
                    .lines()
                    .sorted()
                    .toList();
            assertThat(merged)
                    .as("bucket %d", b)
                    .isEqualTo(bucketWords(b).lines().sorted().toList());
        }
    }

    @Test
    void mapWorksOnTheOutputOfMapToNWithWhileRead() throws IOException {
        shuffleWords(scripts(), chunk -> String.format("%05d", chunk));

        ok("map", s4("step3/"), s4("step4/"), "while read row; do echo $(echo $row | head -c4); done");
        assertThat(ok("ls", "-r", s4("step4/")).lastColumn()).hasSize(18).contains("step4/00003/00001");
        ok("map-from-n", s4("step4/"), s4("step5/"), "xargs cat");

        assertThat(ok("ls", "-r", s4("step5/")).lastColumn())
                .containsExactly("step5/00000", "step5/00001", "step5/00002");
        String firstFour = WORDS.stream()
                .filter(w -> md5Bucket(w, 3) == 0)
                .map(w -> w.substring(0, 4))
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(ok("cp", s4("step5/00000"), "-").stdout()).isEqualTo(firstFour);
    }

    @Test
    void aFailingCommandFailsTheJobWithItsKeyExitCodeAndStderr() {
        putWordChunks("data_in/");

        S4Process.Result failed = run(
                dir,
                "map",
                s4("data_in/"),
                s4("data_out/"),
                "if [ \"$filename\" = 00004 ]; then echo noise >&2; echo boom on $filename >&2; exit 7; fi; cat");

        assertThat(failed.code()).as("%s", failed).isEqualTo(1);
        // 00004 lives on node 4 % 3 = 1
        assertThat(failed.err().lines().findFirst().orElseThrow())
                .isEqualTo("fatal: " + s4("data_in/00004") + ": command failed (exit code 7) on node 127.0.0.1:"
                        + LocalCluster.nodes().get(1).port());
        assertThat(failed.err()).endsWith("noise\nboom on 00004\n");
        assertThat(failed.stdout()).matches("(ok )*");
    }

    @Test
    void aNodeThatDiesMidJobFailsTheJobNamingTheNode() throws Exception {
        putWordChunks("data_in/");
        Path started = Files.createDirectories(dir.resolve("started"));
        CompletableFuture<S4Process.Result> job = CompletableFuture.supplyAsync(() ->
                run(dir, "map", s4("data_in/"), s4("data_out/"), "touch " + started + "/$filename; sleep 20; cat"));
        // node 0 holds 00000 and 00003 (numeric prefix mod 3): kill it while it runs one of them
        long deadline = System.nanoTime() + TestTimeouts.start().toNanos();
        while (!Files.exists(started.resolve("00000")) && !Files.exists(started.resolve("00003"))) {
            assertThat(System.nanoTime())
                    .as("the map never started on node 0: %s", job)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        int port = LocalCluster.kill(0).port();
        long killed = System.nanoTime();
        try {
            S4Process.Result result = job.get(TestTimeouts.atLeastSeconds(60), TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);

            assertThat(result.code()).as("%s", result).isEqualTo(1);
            assertThat(result.err())
                    .startsWith("fatal: node 127.0.0.1:" + port + " stopped answering")
                    .hasLineCount(1);
            assertThat(seconds).as("the client waited for the other nodes").isLessThan(15);

            S4Process.Result down = run(dir, "map", s4("data_in/"), s4("again/"), "cat");
            assertThat(down.code()).as("%s", down).isEqualTo(1);
            assertThat(down.err())
                    .startsWith("fatal: node 127.0.0.1:" + port + " unreachable")
                    .hasLineCount(1);
        } finally {
            LocalCluster.restart(0);
        }
    }
}
