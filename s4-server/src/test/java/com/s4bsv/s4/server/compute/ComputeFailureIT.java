package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.S4Nodes;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Timeouts and a node dying mid-job, on three real nodes with a 3 s command timeout. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComputeFailureIT {

    @TempDir
    static Path work;

    static S4Nodes nodes;
    static NodeHttp http;

    @BeforeAll
    static void start() throws IOException {
        nodes = S4Nodes.start(
                3, work, "--command-timeout", "3s", "--max-cpu-jobs", "4", "--s4.compute.peer-silence=3s");
        http = new NodeHttp(nodes.endpoint(0));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void aTimeoutKillsTheWholeProcessGroupAndFailsTheJob() throws Exception {
        Path canary = work.resolve("timeout-canary");
        for (int i = 0; i < 3; i++) {
            http.put(String.format("s4://slow/in/%05d", i), i + "\n");
        }
        long start = System.nanoTime();
        JsonNode error = http.job(
                        "/_s4/map", "s4://slow/in/", "s4://slow/out/", "(sleep 4; touch " + canary + ") & sleep 60")
                .assertError()
                .last();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(seconds)
                .as("killed at the timeout, before its own sleep 60 ended")
                .isLessThan(60);
        assertThat(error.path("exitCode").asInt()).isEqualTo(-1);
        assertThat(error.path("message").asString()).isEqualTo("timed out after PT3S");
        assertThat(error.path("key").asString()).startsWith("s4://slow/in/");
        assertThat(http.list("slow", "out/")).isEmpty();
        Thread.sleep(3000);
        assertThat(canary)
                .as("the background child of a timed-out command must be killed too")
                .doesNotExist();
        assertThat(tempLeftovers(List.of(0, 1, 2))).isEmpty();
    }

    @Test
    @Order(2)
    void anEvalTimeoutIs422CommandTimedOut() {
        http.put("s4://slow/eval.txt", "x\n");
        HttpResponse<String> answer = http.eval("s4://slow/eval.txt", "sleep 30");
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body())
                .contains("<Code>CommandTimedOut</Code>", "<ExitCode>-1</ExitCode>", "<Key>s4://slow/eval.txt</Key>");
    }

    @Test
    @Order(3)
    void aNodeThatHangsMidJobFailsTheCallAfterThePeerSilence() throws Exception {
        for (int i = 0; i < 12; i++) {
            http.put(String.format("s4://hangs/in/%05d", i), i + "\n");
        }
        ProcessHandle node1 = ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> String.join(" ", a))
                        .orElse("")
                        .contains("-port " + nodes.port(1) + " "))
                .findFirst()
                .orElseThrow();
        String victim = "127.0.0.1:" + nodes.port(1);
        CompletableFuture<NodeHttp.JobAnswer> job = CompletableFuture.supplyAsync(
                () -> http.job("/_s4/map", "s4://hangs/in/", "s4://hangs/out/", "sleep 1; cat"));
        Thread.sleep(500);
        signal("STOP", node1.pid());
        try {
            // without the peer-silence limit the call would wait as long as the node stays stopped
            NodeHttp.JobAnswer answer = job.get(TestTimeouts.atLeastSeconds(30), TimeUnit.SECONDS);
            JsonNode error = answer.assertError().last();
            assertThat(error.path("node").asString()).isEqualTo(victim);
            assertThat(error.path("message").asString())
                    .isEqualTo("node " + victim + " stopped answering (sent nothing for PT3S)");
        } finally {
            signal("CONT", node1.pid());
        }
        assertThat(tempLeftovers(List.of(0, 1, 2))).isEmpty();
    }

    static void signal(String name, long pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-s", name, Long.toString(pid))
                        .start()
                        .waitFor())
                .isZero();
    }

    @Test
    @Order(4)
    void aNodeThatDiesMidJobFailsTheCallNamingItAndLeavesNothingHalfWritten() throws Exception {
        for (int i = 0; i < 30; i++) {
            http.put(String.format("s4://dies/in/%05d", i), ("line " + i + "\n").repeat(1000));
        }
        String victim = "127.0.0.1:" + nodes.port(2);
        CompletableFuture<NodeHttp.JobAnswer> job = CompletableFuture.supplyAsync(
                () -> http.job("/_s4/map", "s4://dies/in/", "s4://dies/out/", "sleep 1; cat"));
        Thread.sleep(1500);
        nodes.kill(2);
        NodeHttp.JobAnswer answer = job.get(TestTimeouts.atLeastSeconds(30), TimeUnit.SECONDS);
        JsonNode error = answer.assertError().last();
        assertThat(error.path("node").asString()).isEqualTo(victim);
        assertThat(error.path("message").asString()).contains("node " + victim + " stopped answering");
        assertThat(tempLeftovers(List.of(0, 1))).isEmpty();
        for (int node : List.of(0, 1)) {
            Path out = nodes.dataDir(node).resolve("dies/out");
            if (!Files.isDirectory(out)) {
                continue;
            }
            try (Stream<Path> files = Files.list(out)) {
                for (Path file : files.toList()) {
                    Path input = nodes.dataDir(node).resolve("dies/in").resolve(file.getFileName());
                    assertThat(Files.readAllBytes(file))
                            .as("output %s is whole", file)
                            .isEqualTo(Files.readAllBytes(input));
                }
            }
        }
    }

    @Test
    @Order(5)
    void aShuffleToADeadNodeFailsNamingIt() {
        String victim = "127.0.0.1:" + nodes.port(2);
        http.put("s4://dead/in/00000", "a\n");
        NodeHttp.JobAnswer local = http.job(
                "/_s4/map-to-n",
                "s4://dead/in/",
                "s4://dead/out/",
                "cat > 00001; cat > 00002; echo 00001; echo 00002",
                true);
        JsonNode error = local.assertError().last();
        assertThat(error.path("message").asString()).contains(victim);
        assertThat(error.path("key").asString()).isEqualTo("s4://dead/in/00000");
        assertThat(new NodeHttp(nodes.endpoint(1)).get("s4://dead/out/00000/00001"))
                .as("the output that reached node 1 was removed again")
                .isNull();

        JsonNode fanned = http.job("/_s4/map", "s4://dead/in/", "s4://dead/out2/", "cat")
                .assertError()
                .last();
        assertThat(fanned.path("node").asString()).isEqualTo(victim);
        assertThat(fanned.path("message").asString()).contains("node " + victim + " stopped answering");
    }

    static List<Path> tempLeftovers(List<Integer> alive) throws InterruptedException {
        long deadline =
                System.nanoTime() + TestTimeouts.atLeast(Duration.ofSeconds(10)).toNanos();
        while (true) {
            List<Path> left = new ArrayList<>();
            for (int node : alive) {
                try (Stream<Path> entries = Files.list(nodes.dataDir(node).resolve("_tmp"))) {
                    entries.forEach(left::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(200);
        }
    }
}
