package com.s4bsv.s4.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys with spaces through the aws CLI on three real nodes (issue 15 item 4): {@code aws s3 sync} of a folder holding
 * {@code a b.txt}, {@code " lead.txt"}, a nested {@code x y/z.txt} and, beside them, a {@code dir/} folder marker,
 * sent to a node that forwards most keys to their owners. The tree syncs back down byte for byte, a second sync
 * uploads nothing, and a key with a control character is refused with S3's error.
 */
class S3SpacesIT {

    private static final String BUCKET = "spaces";

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

    @Test
    void awsSyncRoundTripsATreeWithSpacesAndAFolderMarkerAndASecondSyncUploadsNothing() throws IOException {
        assumeTrue(Commands.available("aws", "--version"), "aws CLI not installed: skipping the aws sync test");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a b.txt", "a space inside\n");
        files.put(" lead.txt", "a leading space\n");
        files.put("trail .txt", "a space before the dot\n");
        files.put("x y/z.txt", "nested under a folder with a space\n");
        files.put("x y/$(touch canary) y.txt", "shell text stays a name\n");
        files.put("nb\u00a0sp.txt", "a no-break space\n");
        Path up = Files.createDirectories(work.resolve("up"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = up.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        int via = forwarderOfMost(files.keySet());

        assertOk(nodes.aws(via, work, null, "s3", "mb", "s3://" + BUCKET));
        assertOk(nodes.aws(via, work, null, "s3api", "put-object", "--bucket", BUCKET, "--key", "dir/"));
        Commands.Result first = nodes.aws(via, work, null, "s3", "sync", up.toString(), "s3://" + BUCKET + "/");
        assertOk(first);
        for (String name : files.keySet()) {
            assertThat(first.out()).as("first sync uploads %s", name).contains("upload: ");
        }
        assertThat(first.out().lines().filter(l -> l.startsWith("upload: ")).count())
                .as(first.out())
                .isEqualTo(files.size());

        Set<String> expected = new TreeSet<>(files.keySet());
        expected.add("dir/");
        assertThat(listedKeys((via + 1) % 3)).isEqualTo(expected);

        Commands.Result second =
                nodes.aws((via + 2) % 3, work, null, "s3", "sync", up.toString(), "s3://" + BUCKET + "/");
        assertOk(second);
        assertThat(second.out()).as("a second sync uploads nothing").doesNotContain("upload:");

        Path down = work.resolve("down");
        assertOk(nodes.aws(via, work, null, "s3", "sync", "s3://" + BUCKET + "/", down.toString()));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path got = down.resolve(file.getKey());
            assertThat(got).as("synced down: %s", file.getKey()).isRegularFile();
            assertThat(Files.readAllBytes(got))
                    .as(file.getKey())
                    .isEqualTo(Files.readAllBytes(up.resolve(file.getKey())));
        }
        assertThat(regularFiles(down)).isEqualTo(new TreeSet<>(files.keySet()));
        Commands.Result back = nodes.aws(via, work, null, "s3", "sync", down.toString(), "s3://" + BUCKET + "/");
        assertOk(back);
        assertThat(back.out()).as("the synced-down tree is the same tree").doesNotContain("upload:");
        assertThat(work.resolve("canary")).doesNotExist();

        Commands.Result lead = nodes.aws(via, work, null, "s3", "cp", "s3://" + BUCKET + "/ lead.txt", "-");
        assertOk(lead);
        assertThat(lead.out()).isEqualTo(files.get(" lead.txt"));

        Commands.Result control =
                nodes.aws(via, work, null, "s3api", "put-object", "--bucket", BUCKET, "--key", "tab\there");
        assertThat(control.exit()).as(control.toString()).isNotZero();
        assertThat(control.stderr()).contains("InvalidArgument").contains("control character");
        assertThat(listedKeys(via)).isEqualTo(expected);
    }

    /** The node that owns the fewest of these keys, so that most requests through it are forwarded. */
    private static int forwarderOfMost(Set<String> keys) {
        int[] owned = new int[nodes.size()];
        for (String key : keys) {
            owned[Placement.nodeIndex(new S4Key(BUCKET, key), nodes.size())]++;
        }
        int via = 0;
        for (int i = 1; i < owned.length; i++) {
            if (owned[i] < owned[via]) {
                via = i;
            }
        }
        assertThat(keys.size() - owned[via])
                .as("keys forwarded by node %d", via)
                .isPositive();
        return via;
    }

    private static Set<String> listedKeys(int node) throws IOException {
        Commands.Result listed = nodes.aws(
                node,
                work,
                null,
                "s3api",
                "list-objects-v2",
                "--bucket",
                BUCKET,
                "--query",
                "Contents[].Key",
                "--output",
                "json");
        assertOk(listed);
        Set<String> keys = new TreeSet<>();
        for (String line : listed.out().lines().toList()) {
            String text = line.strip();
            if (text.startsWith("\"")) {
                keys.add(unquote(text.endsWith(",") ? text.substring(0, text.length() - 1) : text));
            }
        }
        return keys;
    }

    /** A JSON string as the aws CLI prints it: quotes, backslash escapes and {@code \\uXXXX}. */
    private static String unquote(String json) {
        var out = new StringBuilder();
        for (int i = 1; i < json.length() - 1; i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private static Set<String> regularFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            Set<String> names = new TreeSet<>();
            for (Path file : files) {
                names.add(root.relativize(file).toString());
            }
            return names;
        }
    }

    private static void assertOk(Commands.Result result) {
        assertThat(result.exit()).as(result.toString()).isZero();
    }
}
