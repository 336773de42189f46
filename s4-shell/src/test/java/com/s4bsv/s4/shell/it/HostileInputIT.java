package com.s4bsv.s4.shell.it;

import static com.s4bsv.s4.shell.it.S4Process.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.testing.HostileCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus through bin/s4 on three real nodes: cp up and down (one key, stdin, -r), ls, rm, eval, map,
 * map-to-n and map-from-n. Valid keys full of shell metacharacters round-trip as data; every other key is refused
 * with one {@code fatal:} line and exit 1, before anything is stored. A canary the keys try to create never exists,
 * nothing outside the data roots and the command's own output folders changes, and the data roots get nothing but
 * the test's bucket. The nodes have keys; a client with a wrong secret or an unknown key gets one line, and neither
 * stores its canary nor runs its canary command.
 */
@ExtendWith(LocalCluster.class)
class HostileInputIT {

    private static final List<String> SENTINELS = List.of("x", "etc/passwd", "windows/win.ini", "escape");

    @TempDir
    Path dir;

    private Path cwd;
    private Path canary;
    private String bucket;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        cwd = Files.createDirectories(dir.resolve("cwd"));
        canary = dir.resolve("canary").resolve("canary.abs");
        bucket = "hostile" + ProcessHandle.current().pid();
    }

    @Test
    void hostileKeysAreRefusedWithOneLineOrRoundTripAsDataAndNothingEscapes() throws IOException {
        List<Path> sentinelHomes = new ArrayList<>(List.of(dir, dir.resolve("sentinel")));
        LocalCluster.nodes().forEach(n -> sentinelHomes.add(n.dataDir().getParent()));
        for (Path home : sentinelHomes) {
            for (String name : SENTINELS) {
                Files.createDirectories(home.resolve(name).getParent());
                Files.writeString(home.resolve(name), "sentinel " + name + "\n");
            }
        }
        Map<String, String> before = snapshot();
        Set<String> topBefore = topLevel();
        try {
            exercise();
            Set<String> expectedTop = new TreeSet<>(topBefore);
            LocalCluster.nodes()
                    .forEach(n -> expectedTop.add(LocalCluster.work().relativize(n.dataDir()) + "/" + bucket + "/"));
            Map<String, String> after = snapshot();
            List<String> changes = diff(before, after);
            Set<String> escaped = new TreeSet<>(topLevel());
            escaped.removeAll(expectedTop);
            boolean canaryFound = Files.exists(canary) || !canaries().isEmpty();
            System.out.printf(
                    "RELIABILITY hostile: surface=client canary=%s outside-root-changes=%d"
                            + " escaped-bucket-entries=%d s4-runs=%d%n",
                    canaryFound ? "PRESENT" : "absent", changes.size(), escaped.size(), runs.get());
            assertThat(canaryFound)
                    .as("canary %s or a file named S4CANARY", canary)
                    .isFalse();
            assertThat(changes)
                    .as("changes outside the data roots and the commands' output folders")
                    .isEmpty();
            assertThat(escaped).as("new entries at the top of the data roots").isEmpty();
        } finally {
            run(cwd, "rm", "-r", "s4://" + bucket + "/");
            for (Path home : sentinelHomes.subList(2, sentinelHomes.size())) {
                for (String name : SENTINELS) {
                    Files.deleteIfExists(home.resolve(name));
                }
                Files.deleteIfExists(home.resolve("etc"));
                Files.deleteIfExists(home.resolve("windows"));
            }
        }
    }

    private void exercise() throws IOException {
        List<HostileCorpus.Entry> entries = HostileCorpus.keys();
        // Every key goes through cp up; the other verbs take turns over the corpus (all of them on every key with
        // -Psoak). Three bin/s4 at a time: each run is a JVM start.
        boolean soak = Boolean.getBoolean("s4.soak");
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger roundTripped = new AtomicInteger();
        int notPassable = 0;
        List<String> stored = new CopyOnWriteArrayList<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        int turn = 0;
        for (HostileCorpus.Entry entry : entries) {
            String key = entry.text(bucket, canary);
            if (key.indexOf('\0') >= 0) {
                // An argv string ends at its first NUL: the OS cannot hand this key to any command.
                notPassable++;
                continue;
            }
            int verb = turn++;
            tasks.add(() -> {
                if (entry.isData()) {
                    byte[] data =
                            ("data of " + entry.id() + " $(touch " + canary + ")").getBytes(StandardCharsets.UTF_8);
                    ok(data, "cp", "-", key);
                    String basename = key.substring(key.lastIndexOf('/') + 1);
                    assertThat(ok("eval", key, "cat; printf '%s' \"$filename\"").stdout())
                            .as("eval %s", entry.id())
                            .isEqualTo(new String(data, StandardCharsets.UTF_8) + basename + "\n");
                    if (soak || verb % 3 == 0) {
                        assertThat(ok("cp", key, "-").out())
                                .as("get %s", entry.id())
                                .isEqualTo(data);
                    }
                    stored.add(key.substring(("s4://" + bucket + "/").length()));
                    roundTripped.incrementAndGet();
                    return null;
                }
                refused(entry, "x".getBytes(StandardCharsets.UTF_8), new String[] {"cp", "-", key});
                String folder = key.endsWith("/") ? key : key + "/";
                boolean isFolder = !key.equals("s4://" + bucket + "/") && !key.equals("s4://" + bucket);
                String mode = List.of("map", "map-to-n", "map-from-n").get(verb % 3);
                List<String[]> others = new ArrayList<>();
                others.add(new String[] {"cp", key, "-"});
                others.add(new String[] {"eval", key, "touch " + canary});
                others.add(new String[] {"rm", key});
                if (isFolder) {
                    others.add(new String[] {mode, folder, "s4://" + bucket + "/never/", "touch " + canary});
                    others.add(new String[] {mode, "s4://" + bucket + "/meta/", folder, "touch " + canary});
                }
                for (int i = 0; i < others.size(); i++) {
                    if (soak || i == verb % others.size()) {
                        refused(entry, new byte[0], others.get(i));
                    }
                }
                rejected.incrementAndGet();
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failed) {
                throw failed;
            }
            throw new AssertionError(e.getCause());
        }
        assertThat(ok("ls", "-r", "s4://" + bucket + "/").lastColumn())
                .as("every stored key listed, no other")
                .containsExactlyInAnyOrderElementsOf(stored);
        System.out.printf(
                "RELIABILITY hostile: surface=client-keys inputs=%d rejected=%d roundtripped=%d"
                        + " nul-not-passable-in-argv=%d%n",
                rejected.get() + roundTripped.get() + notPassable, rejected.get(), roundTripped.get(), notPassable);

        // Recursive get: every key lands under the target folder, by its relative path.
        ok("cp", "-r", "s4://" + bucket + "/meta/", "got/");
        List<String> meta = stored.stream()
                .filter(p -> p.startsWith("meta/"))
                .map(p -> p.substring(5))
                .sorted()
                .toList();
        assertThat(localFiles(cwd.resolve("got"))).containsExactlyInAnyOrderElementsOf(meta);
        for (String name : meta) {
            assertThat(Files.readString(cwd.resolve("got").resolve(name)))
                    .startsWith("data of ")
                    .contains("$(touch ");
        }

        // Recursive put: metacharacter names go up as data; one bad name refuses the whole upload before any byte.
        Path up = Files.createDirectories(dir.resolve("up"));
        for (String name : meta.stream().filter(p -> !p.contains("/")).toList()) {
            Files.writeString(up.resolve(name), name);
        }
        ok("cp", "-r", up.toString(), "s4://" + bucket + "/up/");
        assertThat(ok("ls", "s4://" + bucket + "/up/").lastColumn())
                .containsExactlyInAnyOrderElementsOf(localFiles(up));
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("a-good-one"), "good");
        Files.writeString(bad.resolve("new\nline"), "bad");
        S4Process.Result refused = run(cwd, "cp", "-r", bad.toString(), "s4://" + bucket + "/bad/");
        runs.incrementAndGet();
        assertOneLine(refused, "cp -r with a newline in a file name");
        assertThat(run(cwd, "ls", "-r", "s4://" + bucket + "/bad/").code())
                .as("nothing of bad/ uploaded")
                .isEqualTo(1);

        // Jobs over keys named like commands: the names are data, in keys, in $filename and in map-from-n's stdin.
        String base = "s4://" + bucket + "/";
        ok("map", base + "meta/", base + "mapped/", "cat; printf '%s' \"$filename\"");
        ok("map", base + "meta/*", base + "globbed/", "cat");
        ok("map-to-n", base + "meta/", base + "shuffled/", "printf '%s' \"$filename\" > 'p;$(x)'; echo 'p;$(x)'");
        ok("map-from-n", base + "meta/", base + "merged/", "while IFS= read -r f; do cat -- \"$f\"; done");
        List<String> listed = ok("ls", "-r", base).lastColumn();
        long direct = meta.stream().filter(p -> !p.contains("/")).count();
        long basenames = meta.stream()
                .map(p -> p.substring(p.lastIndexOf('/') + 1))
                .distinct()
                .count();
        assertThat(listed.stream().filter(p -> p.startsWith("mapped/"))).hasSize(meta.size());
        assertThat(listed.stream().filter(p -> p.startsWith("globbed/"))).hasSize((int) direct);
        assertThat(listed.stream().filter(p -> p.startsWith("shuffled/"))).hasSize((int) basenames);
        assertThat(listed.stream().filter(p -> p.startsWith("merged/"))).hasSize((int) basenames);
        String first = meta.getFirst();
        assertThat(ok("cp", base + "shuffled/" + first.substring(first.lastIndexOf('/') + 1) + "/p;$(x)", "-")
                        .stdout())
                .isEqualTo(first.substring(first.lastIndexOf('/') + 1));
        System.out.printf(
                "RELIABILITY hostile: surface=client-jobs jobs-over-hostile-names=4 keys-as-data=%d"
                        + " recursive-put-names=%d recursive-put-refused=1%n",
                meta.size(), direct);
    }

    @Test
    void aClientWithoutTheNodesKeyIsRefusedWithOneLineStoresNothingAndRunsNothing() throws IOException {
        ok("x".getBytes(), "cp", "-", "s4://" + bucket + "/auth/kept.txt");
        Path marker = dir.resolve("S4CANARY-auth");
        String secret = LocalCluster.credentials().secretAccessKey();
        Map<String, String> wrongSecret = Map.of("AWS_SECRET_ACCESS_KEY", secret + "x");
        Map<String, String> unknownKey = Map.of("AWS_ACCESS_KEY_ID", "nobody", "AWS_SECRET_ACCESS_KEY", secret);
        try {
            for (var wrong : List.of(
                    Map.entry(wrongSecret, "SignatureDoesNotMatch"), Map.entry(unknownKey, "InvalidAccessKeyId"))) {
                S4Process.Result put = S4Process.run(
                        cwd, wrong.getKey(), "canary".getBytes(), "cp", "-", "s4://" + bucket + "/auth/canary.txt");
                assertOneLine(put, "cp with " + wrong.getValue());
                assertThat(put.err()).contains(wrong.getValue()).doesNotContain(secret);
                S4Process.Result eval = S4Process.run(
                        cwd,
                        wrong.getKey(),
                        new byte[0],
                        "eval",
                        "s4://" + bucket + "/auth/kept.txt",
                        "touch " + marker);
                assertOneLine(eval, "eval with " + wrong.getValue());
                assertThat(eval.err()).contains(wrong.getValue());
                runs.addAndGet(2);
            }
            assertThat(marker).as("the canary command's file").doesNotExist();
            assertThat(ok("ls", "s4://" + bucket + "/auth/").lastColumn()).containsExactly("kept.txt");
        } finally {
            run(cwd, "rm", "-r", "s4://" + bucket + "/");
        }
    }

    // ---- running bin/s4

    private S4Process.Result ok(String... args) {
        return ok(new byte[0], args);
    }

    private S4Process.Result ok(byte[] stdin, String... args) {
        S4Process.Result r = run(cwd, stdin, args);
        runs.incrementAndGet();
        assertThat(r.code()).as("s4 %s: %s", String.join(" ", args), r).isZero();
        assertThat(r.err()).as("stderr of s4 %s", String.join(" ", args)).isEmpty();
        return r;
    }

    private void refused(HostileCorpus.Entry entry, byte[] stdin, String[] args) {
        S4Process.Result r = run(cwd, stdin, args);
        runs.incrementAndGet();
        assertOneLine(r, entry.id() + ": s4 " + String.join(" ", args));
    }

    private static void assertOneLine(S4Process.Result r, String what) {
        assertThat(r.code()).as("%s: %s", what, r).isEqualTo(1);
        assertThat(r.err()).as(what).startsWith("fatal: ").endsWith("\n");
        assertThat(r.err().lines().count())
                .as("%s: one line, got %s", what, r.err())
                .isEqualTo(1);
        assertThat(r.err()).as(what).doesNotContain("\tat ", "Exception");
    }

    // ---- what must not change

    /** Every path outside the data roots and the client's own folder: under the test dir and the cluster's work. */
    private Map<String, String> snapshot() {
        Map<String, String> state = new TreeMap<>();
        List<Path> roots =
                LocalCluster.nodes().stream().map(LocalCluster.Node::dataDir).toList();
        for (Path top : List.of(dir, LocalCluster.work())) {
            try (Stream<Path> all = Files.walk(top)) {
                all.filter(p -> roots.stream().noneMatch(p::startsWith)
                                && !p.startsWith(cwd)
                                && !p.startsWith(dir.resolve("up"))
                                && !p.startsWith(dir.resolve("bad")))
                        .forEach(p -> {
                            try {
                                BasicFileAttributes a =
                                        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                                String value = a.isDirectory()
                                        ? "dir"
                                        : p.getFileName().toString().equals("node.log")
                                                ? "log"
                                                : a.size() + " "
                                                        + a.lastModifiedTime().toMillis();
                                state.put(p.toString(), value);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state;
    }

    private static Set<String> topLevel() throws IOException {
        Set<String> names = new TreeSet<>();
        for (LocalCluster.Node node : LocalCluster.nodes()) {
            try (Stream<Path> entries = Files.list(node.dataDir())) {
                entries.forEach(p -> names.add(LocalCluster.work().relativize(p)
                        + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
            }
        }
        return names;
    }

    private List<Path> canaries() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path top : List.of(dir, LocalCluster.work(), Path.of("").toAbsolutePath())) {
            try (Stream<Path> all = Files.walk(top)) {
                all.filter(p -> p.getFileName() != null
                                && p.getFileName().toString().equals("S4CANARY"))
                        .forEach(found::add);
            } catch (UncheckedIOException vanished) {
                // a job's temp dir removed while walked
            }
        }
        return found;
    }

    private static List<String> diff(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        before.forEach((path, state) -> {
            if (!state.equals(after.get(path))) {
                changes.add(path + ": " + state + " -> " + after.get(path));
            }
        });
        after.keySet().stream().filter(p -> !before.containsKey(p)).forEach(p -> changes.add("new " + p));
        return changes;
    }

    private static List<String> localFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .toList();
        }
    }
}
