package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.testing.TestTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/s4-cluster when a node does not come up, with real nodes: it says which node and which log, says it is
 * stopping the others, and leaves no node behind.
 */
class ClusterStartFailureIT {

    @TempDir
    Path work;

    @Test
    void aNodeNotReadyInTimeIsNamedWithItsLogAndEveryNodeIsStopped() {
        Repo.requireServerJar();
        int port = Node.freePorts(2);
        Path dir = work.resolve("slow");
        // every JVM waits at start until its vm.paused file goes: never ready, whatever the machine
        Command.Result result = Command.run(
                work,
                TestTimeouts.atLeast(Duration.ofSeconds(60)),
                "env",
                "S4_CLUSTER_START_TIMEOUT=2",
                "S4_JAVA_OPTS=-XX:+UnlockDiagnosticVMOptions -XX:+PauseAtStartup",
                Repo.file("bin/s4-cluster").toString(),
                "2",
                "--port",
                String.valueOf(port),
                "--dir",
                dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains(
                        "s4-cluster: node 0 (127.0.0.1:" + port
                                + ") not ready after 2s (S4_CLUSTER_START_TIMEOUT); its log: "
                                + dir.resolve("cluster.log"),
                        "s4-cluster: stopping the 2 nodes...",
                        "s4-cluster: stopped");
        assertThat(nodesOf(dir)).as("nodes left running").isEmpty();
    }

    @Test
    void theNodesJvmExitingWhileStartingIsToldWithItsLastLine() {
        Repo.requireServerJar();
        int port = Node.freePorts(3);
        Path dir = work.resolve("bad-jvm");
        Command.Result result = startWithAFlagTheNodesRefuse(port, dir);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("s4-cluster: the JVM of the 3 nodes exited while starting: "
                        + "s4-server: unknown flag '--bogus' (see --help); its log: " + dir.resolve("cluster.log"))
                .contains("s4-cluster: stopping the 3 nodes...", "s4-cluster: stopped");
        assertThat(nodesOf(dir)).as("nodes left running").isEmpty();
    }

    @Test
    void aNodeThatExitsWhileStartingStopsTheOthers() {
        Repo.requireServerJar();
        int port = Node.freePorts(3);
        Path dir = work.resolve("bad");
        Command.Result result = startWithAFlagTheNodesRefuse(port, dir, "--jvm-per-node");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .containsPattern("s4-cluster: node \\d \\(127\\.0\\.0\\.1:\\d+\\) exited while starting: "
                        + "s4-server: unknown flag '--bogus' \\(see --help\\); its log: " + dir
                        + "/node-\\d/server\\.log")
                .contains("s4-cluster: stopping the 3 nodes...", "s4-cluster: stopped");
        assertThat(nodesOf(dir)).as("nodes left running").isEmpty();
    }

    @Test
    void aStartTimeoutThatIsNotANumberIsRefusedBeforeAnyNodeStarts() {
        Command.Result result = Command.run(
                work,
                TestTimeouts.atLeast(Duration.ofSeconds(60)),
                "env",
                "S4_CLUSTER_START_TIMEOUT=soon",
                Repo.file("bin/s4-cluster").toString(),
                "1",
                "--dir",
                "c");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo(
                        "s4-cluster: S4_CLUSTER_START_TIMEOUT must be a number of seconds, got 'soon' (see --help)\n");
        assertThat(work.resolve("c")).doesNotExist();
    }

    /** bin/s4-cluster 3 with MODE_FLAGS and a server flag no node knows, {@code --bogus}. */
    private Command.Result startWithAFlagTheNodesRefuse(int port, Path dir, String... modeFlags) {
        List<String> command = new ArrayList<>(List.of(
                "env",
                "S4_CLUSTER_START_TIMEOUT=" + TestTimeouts.start().toSeconds(),
                Repo.file("bin/s4-cluster").toString(),
                "3"));
        command.addAll(List.of(modeFlags));
        command.addAll(List.of("--port", String.valueOf(port), "--dir", dir.toString(), "--", "--bogus"));
        return Command.run(work, TestTimeouts.atLeast(Duration.ofSeconds(60)), command.toArray(String[]::new));
    }

    private static List<ProcessHandle> nodesOf(Path dir) {
        String conf = dir.resolve("s4.conf").toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(conf))
                .toList();
    }
}
