package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five-minute tour of docs/operations.md, run as written: its commands are read from the guide and run by bash
 * with {@code bin/} on the PATH against {@code bin/s4-cluster 3}, so the guide cannot drift from what works. Besides
 * what the guide says each line prints, the shuffle's result is checked against counts computed here, and every
 * partition {@code k} is checked to sit on node {@code k mod 3}.
 */
class TourIT {

    private static final String GUIDE = "docs/operations.md";
    private static final int NODES = 3;
    private static final Duration START = TestTimeouts.atLeast(Duration.ofMinutes(4));
    private static final Duration STEP = TestTimeouts.atLeast(Duration.ofMinutes(3));
    private static final String EXPORT = "export S4_CONF_PATH=";

    @TempDir
    Path work;

    @Test
    void theToursShuffleWithBsvToolsRunsAsWrittenAndCountsEveryWord() throws Exception {
        Repo.requireServerJar();
        requireJar("s4-shell");
        requireJar("bsv-cli");

        List<String> tour = tourLines();
        int cleanup = tour.indexOf("s4 rm -r s4://tour/");
        assertThat(cleanup).as("the tour ends by removing its data: %s", tour).isEqualTo(tour.size() - 1);
        String script = String.join("\n", tour.subList(0, cleanup));
        assertThat(script).contains("s4 map-to-n", "bpartition 3", "s4 map-from-n", "bsumeach-hash");

        int port = Node.freePorts(NODES);
        Path dir = work.resolve("cluster");
        Path log = work.resolve("cluster.log");
        Process cluster = Repo.withStartTimeout(new ProcessBuilder(
                        Repo.file("bin/s4-cluster").toString(),
                        String.valueOf(NODES),
                        "--port",
                        String.valueOf(port),
                        "--dir",
                        dir.toString()))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        List<ProcessHandle> servers = List.of();
        try {
            String conf = awaitExport(cluster, log);
            servers = LocalClusterIT.serversOf(dir.resolve("s4.conf"));
            assertThat(servers).as("one JVM for the %d nodes", NODES).hasSize(1);

            String out = bash(conf, script);
            List<String> lines = out.lines().toList();
            // what the guide's comments say the lines print
            assertThat(out).contains("word998\nword999\nword0\n");
            assertThat(out).contains("ok ok ok ");
            for (int i = 0; i < 6; i++) {
                assertThat(out).contains(" 00" + i + "_words.txt\n", " upper/00" + i + "_words.txt\n");
                for (int k = 0; k < NODES; k++) {
                    assertThat(out).contains(" counts/00" + i + "_words.txt/" + k + "\n");
                }
            }
            assertThat(out).contains(" total/0\n", " total/1\n", " total/2\n");
            List<String> top = lines.subList(lines.size() - 5, lines.size());
            assertThat(top).allMatch(l -> l.matches("word\\d+,1500")).first().isEqualTo("word980,1500");

            assertThat(shuffled(conf)).as("word counts in s4://tour/total/").isEqualTo(expectedCounts());
            for (int k = 0; k < NODES; k++) {
                Path data = dir.resolve("node-" + k + "/s4_data/tour");
                for (int i = 0; i < 6; i++) {
                    assertThat(data.resolve("counts/00" + i + "_words.txt/" + k))
                            .as("partition %d on node %d", k, k)
                            .isRegularFile();
                }
                assertThat(data.resolve("total/" + k)).isRegularFile();
            }

            bash(conf, tour.get(cleanup));
            assertThat(run(conf, "s4 ls -r s4://tour/ || true")).isEmpty();

            cluster.destroy(); // SIGTERM
            assertThat(cluster.waitFor(TestTimeouts.atLeastSeconds(60), TimeUnit.SECONDS))
                    .as("bin/s4-cluster exits after SIGTERM")
                    .isTrue();
            assertThat(Repo.read(log))
                    .as("the launcher's output")
                    .doesNotContain("command not found")
                    .doesNotContainPattern("line \\d+:");
        } finally {
            servers.forEach(ProcessHandle::destroyForcibly);
            cluster.descendants().forEach(ProcessHandle::destroyForcibly);
            cluster.destroyForcibly();
        }
    }

    /** The indented lines of the guide's tour section, continuation lines included, comments and blanks left out. */
    static List<String> tourLines() {
        List<String> lines = Repo.read(Repo.file(GUIDE)).lines().toList();
        int start = lines.indexOf("## A five-minute tour");
        assertThat(start).as("%s has a section '## A five-minute tour'", GUIDE).isNotNegative();
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("    ")) {
                inBlock = true;
                String command = line.substring(4);
                if (!command.strip().startsWith("#")) {
                    commands.add(command);
                }
            } else if (inBlock && !line.isBlank()) {
                break;
            }
        }
        // a for loop's body and its done belong to one command: join them
        List<String> joined = new ArrayList<>();
        StringBuilder loop = null;
        for (String command : commands) {
            if (command.startsWith("for ")) {
                loop = new StringBuilder(command);
            } else if (loop != null) {
                loop.append('\n').append(command);
                if (command.strip().equals("done")) {
                    joined.add(loop.toString());
                    loop = null;
                }
            } else {
                joined.add(command);
            }
        }
        return joined;
    }

    private static Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < 6; i++) {
            for (long n = 1; n <= 100_000; n++) {
                counts.merge("word" + (n * (i + 1)) % 1000, 1L, Long::sum);
            }
        }
        return counts;
    }

    private Map<String, Long> shuffled(String conf) {
        Map<String, Long> counts = new TreeMap<>();
        String csv = run(conf, "for k in 0 1 2; do s4 cp s4://tour/total/$k -; done");
        for (String row : csv.lines().toList()) {
            String[] cells = row.split(",");
            assertThat(cells).as("row '%s'", row).hasSize(2);
            assertThat(counts.put(cells[0], Long.parseLong(cells[1])))
                    .as("%s in two partitions", cells[0])
                    .isNull();
        }
        return counts;
    }

    private String bash(String conf, String script) {
        return run(conf, "set -e -o pipefail\n" + script);
    }

    /** Runs bash as the guide's second terminal: its two export lines done, in the folder that holds the cluster. */
    private String run(String conf, String script) {
        Command.Result result = Command.run(
                work,
                STEP,
                "env",
                "S4_CONF_PATH=" + conf,
                "PATH=" + Repo.file("bin") + ":" + System.getenv("PATH"),
                "bash",
                "-c",
                script);
        assertThat(result.exitCode())
                .as("bash -c '%s'\nstdout: %s\nstderr: %s", script, result.out(), result.err())
                .isZero();
        return result.out();
    }

    private static String awaitExport(Process cluster, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<String> lines = Files.lines(log)) {
                var export = lines.filter(l -> l.startsWith(EXPORT)).findFirst();
                if (export.isPresent()) {
                    return export.get().substring(EXPORT.length());
                }
            }
            if (!cluster.isAlive()) {
                fail("bin/s4-cluster exited before the cluster was ready:\n" + Repo.read(log));
            }
            Thread.sleep(250);
        }
        return fail("no '" + EXPORT + "' line after " + START + ":\n" + Repo.read(log));
    }

    private static void requireJar(String module) {
        Path jar = Repo.serverRoot().resolve(module + "/target/" + module + ".jar");
        assumeTrue(
                Files.isRegularFile(jar),
                "skipped: " + jar + " is missing; build it: ./mvnw -B -DskipTests -pl " + module + " -am package");
    }
}
