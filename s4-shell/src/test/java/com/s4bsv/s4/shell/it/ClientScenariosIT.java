package com.s4bsv.s4.shell.it;

import static com.s4bsv.s4.shell.it.S4Process.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client scenarios of spec section 10 on three real nodes through bin/s4. The cluster is shared, so every test
 * works in a bucket of its own (the spec's {@code bucket}).
 */
@ExtendWith(LocalCluster.class)
class ClientScenariosIT {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    Path dir;

    private String bucket;

    @BeforeEach
    void newBucket() {
        bucket = "it" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    }

    private String s4(String path) {
        return "s4://" + bucket + "/" + path;
    }

    private S4Process.Result ok(String... args) {
        S4Process.Result r = run(dir, args);
        assertThat(r.code()).as("s4 %s: %s", String.join(" ", args), r).isZero();
        // not a terminal: no progress bar, no JVM warnings, nothing but the output
        assertThat(r.err()).as("stderr of s4 %s", String.join(" ", args)).isEmpty();
        return r;
    }

    private void put(String text, String key) {
        S4Process.Result r = run(dir, text.getBytes(StandardCharsets.UTF_8), "cp", "-", key);
        assertThat(r.code()).as("put %s: %s", key, r).isZero();
        assertThat(r.err()).isEmpty();
    }

    private List<Path> localFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }

    @Test
    void keysWithSpacesRoundTripAndListUnchanged() throws IOException {
        List<String> keys = List.of("sp/fi le.txt", "sp/ lead", "sp/trail ", "sp/x y/ z ", "sp/n\u00a0b");
        for (String key : keys) {
            put(key, s4(key));
        }
        assertThat(ok("ls", "-r", s4("sp/")).lastColumn()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(ok("ls", s4("sp/")).lastColumn())
                .containsExactlyInAnyOrder("x y/", "fi le.txt", " lead", "trail ", "n\u00a0b");
        for (String key : keys) {
            assertThat(ok("cp", s4(key), "-").stdout()).as(key).isEqualTo(key);
        }
        ok("cp", "-r", s4("sp/"), "down/");
        assertThat(dir.resolve("down/x y/ z ")).hasContent("sp/x y/ z ");
        assertThat(dir.resolve("down/ lead")).hasContent("sp/ lead");

        ok("cp", "-r", dir.resolve("down").toString(), s4("up/"));
        assertThat(ok("ls", "-r", s4("up/")).lastColumn())
                .containsExactlyInAnyOrderElementsOf(
                        keys.stream().map(k -> "up/" + k.substring(3)).toList());
        ok("rm", s4("sp/trail "));
        assertThat(ok("ls", "-r", s4("sp/")).lastColumn())
                .hasSize(keys.size() - 1)
                .doesNotContain("sp/trail ");

        S4Process.Result control = run(dir, "x".getBytes(StandardCharsets.UTF_8), "cp", "-", s4("sp/a\tb"));
        assertThat(control.code()).isEqualTo(1);
        assertThat(control.err()).startsWith("fatal: invalid key ").endsWith(": control character at offset 4\n");
    }

    @Test
    void updatesAreNotAllowedUntilRm() {
        put("\n", s4("basic/dir/file.txt"));
        S4Process.Result again = run(dir, "\n".getBytes(StandardCharsets.UTF_8), "cp", "-", s4("basic/dir/file.txt"));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("fatal: key already exists: " + s4("basic/dir/file.txt") + " 409\n");

        ok("rm", s4("basic/dir/file.txt"));
        put("\n", s4("basic/dir/file.txt"));
    }

    @Test
    void basic() throws IOException {
        put("123\n", s4("basic/dir/file.txt"));
        Files.writeString(dir.resolve("file2.txt"), "345\n");
        ok("cp", "file2.txt", s4("basic/dir/"));

        assertThat(ok("ls", "-r", "s4://" + bucket + "/").lastColumn())
                .containsExactly("basic/dir/file.txt", "basic/dir/file2.txt");
        assertThat(ok("cp", s4("basic/dir/file.txt"), "-").stdout()).isEqualTo("123\n");
        ok("cp", s4("basic/dir/file.txt"), "out.txt");
        assertThat(dir.resolve("out.txt")).hasContent("123\n");
        ok("cp", s4("basic/dir/file2.txt"), "out2.txt");
        assertThat(dir.resolve("out2.txt")).hasContent("345\n");
        Files.createDirectories(dir.resolve("foo"));
        ok("cp", s4("basic/dir/file.txt"), "foo/");
        assertThat(dir.resolve("foo/file.txt")).hasContent("123\n");
        assertThat(ok("ls").lastColumn()).contains(bucket);
        assertThat(ok("ls", "s4://" + bucket).lastColumn()).containsExactly(bucket);
    }

    @Test
    void cpFileToDot() throws IOException {
        Files.writeString(dir.resolve("file.txt"), "foo\n");
        ok("cp", "file.txt", s4("file2.txt"));
        ok("cp", s4("file2.txt"), ".");

        assertThat(dir.resolve("file2.txt")).hasContent("foo\n");
    }

    @Test
    void cpDirToDot() throws IOException {
        for (String k : List.of("dir1/file1.txt", "dir2/file2.txt", "dir2/file3.txt")) {
            put("\n", s4(k));
        }
        assertThat(ok("ls", "-r", "s4://" + bucket).lastColumn())
                .containsExactly("dir1/file1.txt", "dir2/file2.txt", "dir2/file3.txt");

        ok("cp", "-r", "s4://" + bucket, ".");
        assertThat(localFiles(dir))
                .containsExactly(Path.of("dir1/file1.txt"), Path.of("dir2/file2.txt"), Path.of("dir2/file3.txt"));

        for (String src : List.of(s4("dir2"), s4("dir2/"))) {
            LocalCluster.deleteTree(dir.resolve("dir1"));
            LocalCluster.deleteTree(dir.resolve("dir2"));
            ok("cp", "-r", src, ".");
            assertThat(localFiles(dir)).containsExactly(Path.of("dir2/file2.txt"), Path.of("dir2/file3.txt"));
        }
    }

    @Test
    void cpDotToDot() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        for (String f : List.of("dir1/file1.txt", "dir2/file2.txt", "dir2/file3.txt")) {
            Files.createDirectories(src.resolve(f).getParent());
            Files.writeString(src.resolve(f), "");
        }
        S4Process.Result put = run(src, "cp", "-r", ".", "s4://" + bucket);
        assertThat(put.code()).as("%s", put).isZero();

        assertThat(ok("ls", "-r", "s4://" + bucket).lastColumn())
                .containsExactly("dir1/file1.txt", "dir2/file2.txt", "dir2/file3.txt");
        Path out = Files.createDirectories(dir.resolve("out"));
        assertThat(run(out, "cp", "-r", "s4://" + bucket, ".").code()).isZero();
        assertThat(localFiles(out))
                .containsExactly(Path.of("dir1/file1.txt"), Path.of("dir2/file2.txt"), Path.of("dir2/file3.txt"));
    }

    @Test
    void cp() throws IOException {
        Files.createDirectories(dir.resolve("foo/3"));
        Files.writeString(dir.resolve("foo/1.txt"), "123");
        Files.writeString(dir.resolve("foo/2.txt"), "234");
        Files.writeString(dir.resolve("foo/3/4.txt"), "456");

        ok("cp", "-r", "foo/", s4("cp/dst/"));
        List<String> ls = ok("ls", s4("cp/dst/")).lines();
        assertThat(ls).hasSize(3);
        assertThat(ls.get(0)).endsWith(" 1.txt");
        assertThat(ls.get(1)).endsWith(" 2.txt");
        assertThat(ls.get(2)).isEqualTo("  PRE 3/");
        assertThat(ok("ls", "-r", s4("cp/dst/")).lastColumn())
                .containsExactly("cp/dst/1.txt", "cp/dst/2.txt", "cp/dst/3/4.txt");

        ok("cp", "-r", s4("cp/dst/"), "dst1/");
        assertThat(localFiles(dir.resolve("dst1")))
                .containsExactly(Path.of("1.txt"), Path.of("2.txt"), Path.of("3/4.txt"));
        assertThat(dir.resolve("dst1/3/4.txt")).hasContent("456");

        ok("cp", "-r", s4("cp/dst/"), ".");
        assertThat(dir.resolve("dst/1.txt")).hasContent("123");
        assertThat(dir.resolve("dst/3/4.txt")).hasContent("456");

        LocalCluster.deleteTree(dir.resolve("dst"));
        ok("cp", "-r", "foo", s4("cp/dst2"));
        assertThat(ok("ls", s4("cp/dst2/")).lastColumn()).containsExactly("1.txt", "2.txt", "3/");
        assertThat(ok("ls", "-r", s4("cp/dst2/")).lastColumn())
                .containsExactly("cp/dst2/1.txt", "cp/dst2/2.txt", "cp/dst2/3/4.txt");
        ok("cp", "-r", s4("cp/dst"), ".");
        assertThat(dir.resolve("dst/1.txt")).hasContent("123");
        assertThat(dir.resolve("dst/2.txt")).hasContent("234");
        assertThat(dir.resolve("dst/3/4.txt")).hasContent("456");
    }

    @Test
    void ls() {
        for (String k : List.of("other-listing/key0.txt", "listing/dir1/key1.txt", "listing/dir1/dir2/key2.txt")) {
            put("\n", s4(k));
        }

        assertThat(ok("ls", s4("listing/dir1/ke")).lastColumn()).containsExactly("key1.txt");
        assertThat(ok("ls", s4("listing/dir1/")).lastColumn()).containsExactly("dir2/", "key1.txt");
        assertThat(ok("ls", s4("listing/d")).stdout()).isEqualTo("  PRE dir1/\n");
        assertThat(ok("ls", s4("listing/")).stdout()).isEqualTo("  PRE dir1/\n");
        for (String prefix : List.of("listing", "listing/", "listing/d")) {
            assertThat(ok("ls", "-r", s4(prefix)).lastColumn())
                    .containsExactly("listing/dir1/dir2/key2.txt", "listing/dir1/key1.txt");
        }
        String row = ok("ls", s4("listing/dir1/ke")).stdout();
        assertThat(row).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ 1 key1.txt\n");
        S4Process.Result fake = run(dir, "ls", s4("fake/"));
        assertThat(fake.code()).isEqualTo(1);
        assertThat(fake.stdout()).isEmpty();
        assertThat(ok("ls").lastColumn()).contains(bucket);
    }

    @Test
    void rm() {
        put("\n", s4("rm/dir1/key1.txt"));
        put("\n", s4("rm/dir1/dir2/key2.txt"));
        assertThat(ok("ls", "-r", s4("rm/")).lastColumn()).containsExactly("rm/dir1/dir2/key2.txt", "rm/dir1/key1.txt");

        ok("rm", s4("rm/dir1/key1.txt"));
        assertThat(ok("ls", "-r", s4("rm/")).lastColumn()).containsExactly("rm/dir1/dir2/key2.txt");

        ok("rm", "-r", s4("rm/di"));
        assertThat(run(dir, "ls", "-r", s4("rm/")).code()).isEqualTo(1);

        S4Process.Result missing = run(dir, "rm", s4("rm/missing"));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("fatal: no such key: " + s4("rm/missing") + "\n");
        assertThat(run(dir, "rm", "-r", s4("nothing/")).code()).isZero();
    }

    @Test
    void stdinAndStdout() {
        put("foo\n", s4("stdin/bar"));

        assertThat(ok("cp", s4("stdin/bar"), "-").stdout()).isEqualTo("foo\n");
    }

    @Test
    void binaryRoundTripsThroughFilesAndPipes() throws IOException {
        byte[] data = new byte[10];
        new Random(15).nextBytes(data);
        Files.write(dir.resolve("input"), data);

        ok("cp", "input", s4("blob"));
        ok("cp", s4("blob"), "output");
        assertThat(dir.resolve("output")).hasBinaryContent(data);

        assertThat(run(dir, data, "cp", "-", s4("blob2")).code()).isZero();
        assertThat(ok("cp", s4("blob2"), "-").out()).isEqualTo(data);
    }

    @Test
    void largeObjectsStreamBothWays() throws IOException {
        byte[] data = new byte[9 * 1024 * 1024 + 7];
        new Random(16).nextBytes(data);

        assertThat(run(dir, data, "cp", "-", s4("big/stdin.bin")).code()).isZero();
        assertThat(ok("cp", s4("big/stdin.bin"), "-").out()).isEqualTo(data);
        Files.write(dir.resolve("big.bin"), data);
        ok("cp", "big.bin", s4("big/file.bin"));
        ok("cp", s4("big/file.bin"), "back.bin");
        assertThat(Files.mismatch(dir.resolve("big.bin"), dir.resolve("back.bin")))
                .isEqualTo(-1L);

        S4Process.Result again = run(dir, data, "cp", "-", s4("big/stdin.bin"));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("fatal: key already exists: " + s4("big/stdin.bin") + " 409\n");
        S4Process.Result againFile = run(dir, "cp", "big.bin", s4("big/file.bin"));
        assertThat(againFile.err()).isEqualTo("fatal: key already exists: " + s4("big/file.bin") + " 409\n");
    }

    @Test
    void missingKeysAndUsageErrorsExitWithTheirCodes() {
        S4Process.Result missing = run(dir, "cp", s4("missing"), "out.txt");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("fatal: no such key: " + s4("missing") + "\n");
        assertThat(dir.resolve("out.txt")).doesNotExist();

        assertThat(run(dir, "cp", "-x", "a", s4("k")).code()).isEqualTo(2);
        assertThat(run(dir, "cp", "a").code()).isEqualTo(2);
        assertThat(run(dir, "cp", "--help").code()).isZero();
        assertThat(run(dir, "cp", s4("a"), s4("b")).err())
                .isEqualTo("fatal: there is no move, there is only cp and rm\n");
    }

    @Test
    void keysWithUrlAndXmlSpecialCharactersRoundTrip() {
        List<String> names = List.of("a+b.txt", "c&d=e.txt", "p%20q.txt", "x?y#z.txt", "<tag>'\".txt", "ü€.txt");
        for (String name : names) {
            put(name + "\n", s4("odd/" + name));
        }

        assertThat(ok("ls", s4("odd/")).lastColumn()).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertThat(ok("cp", s4("odd/" + name), "-").stdout()).isEqualTo(name + "\n");
        }
        ok("rm", s4("odd/a+b.txt"));
        ok("rm", "-r", s4("odd/"));
        assertThat(run(dir, "ls", "-r", s4("odd/")).code()).isEqualTo(1);
    }

    @Test
    void healthAndConfigListEveryNode() {
        List<String> expected =
                LocalCluster.nodes().stream().map(n -> "127.0.0.1:" + n.port()).toList();

        assertThat(ok("config").lines()).isEqualTo(expected);
        assertThat(ok("health").lines())
                .isEqualTo(expected.stream().map(n -> "healthy:   " + n).toList());
    }

    @Test
    void keysLiveOnTheNodePlacementNames() throws IOException {
        for (int n = 0; n < 10; n++) {
            put("data" + n + "\n", s4("dir/key" + n + ".txt"));
        }
        for (int n = 0; n < 10; n++) {
            S4Key key = S4Key.parse(s4("dir/key" + n + ".txt"));
            int owner = Placement.nodeIndex(key, LocalCluster.NODES);
            for (int i = 0; i < LocalCluster.NODES; i++) {
                Path file =
                        LocalCluster.nodes().get(i).dataDir().resolve(bucket).resolve("dir/key" + n + ".txt");
                assertThat(Files.exists(file))
                        .as("key%d on node %d (owner %d)", n, i, owner)
                        .isEqualTo(i == owner);
            }
        }
        ok("cp", "-r", s4("dir/"), ".");
        for (int n = 0; n < 10; n++) {
            assertThat(dir.resolve("dir/key" + n + ".txt")).hasContent("data" + n + "\n");
        }
    }
}
