package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local cluster, as a newcomer runs it: {@code bin/s4-cluster 3} in a terminal (tmux), wait for the
 * {@code export S4_CONF_PATH=...} line, put and get keys with curl (and aws cli when installed), read every node's
 * metrics for the Grafana dashboard, then Ctrl-C: every node is gone and every port is free again.
 */
class LocalClusterIT {

    private static final int NODES = 3;
    private static final Duration START = TestTimeouts.atLeast(Duration.ofMinutes(4));
    private static final Duration STOP = TestTimeouts.atLeast(Duration.ofSeconds(60));
    private static final String EXPORT = "export S4_CONF_PATH=";

    @TempDir
    Path work;

    @Test
    void threeNodesStartServeS3ExportDashboardMetricsAndStopOnCtrlC() throws Exception {
        Repo.requireServerJar();
        assumeTrue(works("curl", "--version"), "skipped: curl is not installed");
        assumeTrue(works("tmux", "-V"), "skipped: tmux is not installed (the test types Ctrl-C into a terminal)");

        int port = Node.freePorts(NODES);
        Path dir = work.resolve("cluster");
        Path log = work.resolve("terminal.log");
        String socket = "s4-deploy-" + ProcessHandle.current().pid() + "-"
                + ThreadLocalRandom.current().nextInt(1 << 20);
        String command = "cd '" + work + "' && S4_CLUSTER_START_TIMEOUT=" + START.toSeconds() + " exec '"
                + Repo.file("bin/s4-cluster") + "' " + NODES + " --port " + port
                + " --dir '" + dir + "' >'" + log + "' 2>&1";
        try {
            tmux(socket, "new-session", "-d", "-s", "cluster", "-x", "200", "-y", "50", command);
            String exportLine = awaitLine(log, socket);

            Path conf = dir.resolve("s4.conf");
            assertThat(exportLine).isEqualTo(EXPORT + conf);
            List<NodeAddress> nodes = ClusterConfig.load(conf).nodes();
            assertThat(nodes)
                    .extracting(NodeAddress::toString)
                    .containsExactlyElementsOf(IntStream.range(0, NODES)
                            .mapToObj(i -> "127.0.0.1:" + (port + i))
                            .toList());
            for (int i = 0; i < NODES; i++) {
                assertThat(Node.get(port + i, "/_s4/actuator/health/readiness").status())
                        .isEqualTo(200);
            }
            List<ProcessHandle> servers = serversOf(conf);
            assertThat(servers)
                    .as("the one JVM of the nodes, started with %s", conf)
                    .hasSize(1);

            putAndGetWithCurl(port);
            putAndGetWithAwsCliWhenInstalled(port);
            everyDashboardMetricIsExported(port);

            tmux(socket, "send-keys", "-t", "cluster", "C-c");
            long deadline = System.nanoTime() + STOP.toNanos();
            while (servers.stream().anyMatch(ProcessHandle::isAlive) || sessionAlive(socket)) {
                if (System.nanoTime() > deadline) {
                    fail("after Ctrl-C, still running: nodes "
                            + servers.stream()
                                    .filter(ProcessHandle::isAlive)
                                    .map(ProcessHandle::pid)
                                    .toList() + ", launcher " + sessionAlive(socket) + "\n" + Repo.read(log));
                }
                Thread.sleep(200);
            }
            assertThat(Repo.read(log)).contains("s4-cluster: stopping 3 nodes", "s4-cluster: stopped");
            for (int i = 0; i < NODES; i++) {
                assertThat(Node.portFree(port + i))
                        .as("port %d free after Ctrl-C", port + i)
                        .isTrue();
            }
        } finally {
            // Whatever happened, leave nothing running: our nodes by PID, then our own tmux server.
            serversOf(dir.resolve("s4.conf")).forEach(ProcessHandle::destroyForcibly);
            Command.run(work, Duration.ofSeconds(10), "tmux", "-L", socket, "kill-server");
        }
    }

    @Test
    void oneLoopbackAddressAndOneJvmPerNodeAndSigtermStopsAll() throws Exception {
        Repo.requireServerJar();
        assumeTrue(works("curl", "--version"), "skipped: curl is not installed");
        int port = Node.freePorts(1);
        Path dir = work.resolve("ips");
        Path log = work.resolve("ips.log");
        Process cluster = Repo.withStartTimeout(new ProcessBuilder(
                        Repo.file("bin/s4-cluster").toString(),
                        "2",
                        "--ips",
                        "--jvm-per-node",
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
            long deadline = System.nanoTime() + START.toNanos();
            while (!Repo.read(log).contains(EXPORT)) {
                if (!cluster.isAlive() || System.nanoTime() > deadline) {
                    fail("bin/s4-cluster 2 --ips not ready:\n" + Repo.read(log));
                }
                Thread.sleep(250);
            }
            assertThat(ClusterConfig.load(dir.resolve("s4.conf")).nodes())
                    .extracting(NodeAddress::toString)
                    .containsExactly("127.0.0.1:" + port, "127.0.0.2:" + port);
            servers = serversOf(dir.resolve("s4.conf"));
            assertThat(servers).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(Repo.read(dir.resolve("node-" + i + "/server.log")))
                        .contains("s4-server 127.0.0." + (i + 1) + ":" + port + " listening");
            }
            curl("-X", "PUT", "http://127.0.0.2:" + port + "/ips");
            for (int k = 0; k < 6; k++) {
                curl("-X", "PUT", "--data-binary", "value " + k, "http://127.0.0.2:" + port + "/ips/k" + k);
                assertThat(curl("http://127.0.0.1:" + port + "/ips/k" + k)).isEqualTo("value " + k);
            }

            cluster.destroy(); // SIGTERM
            assertThat(cluster.waitFor(STOP.toSeconds(), TimeUnit.SECONDS))
                    .as("launcher exits after SIGTERM")
                    .isTrue();
            assertThat(cluster.exitValue()).isZero();
            for (ProcessHandle server : servers) {
                assertThat(server.onExit()
                                .get(STOP.toSeconds(), TimeUnit.SECONDS)
                                .isAlive())
                        .isFalse();
            }
            assertThat(Repo.read(log)).contains("s4-cluster: stopped");
            for (String host : List.of("127.0.0.1", "127.0.0.2")) {
                try (var socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(host, port));
                }
            }
        } finally {
            servers.forEach(ProcessHandle::destroyForcibly);
            cluster.destroyForcibly();
        }
    }

    private void putAndGetWithCurl(int port) throws IOException {
        curl("-X", "PUT", "http://127.0.0.1:" + port + "/newcomer");
        for (int k = 0; k < 12; k++) {
            Path file = work.resolve("key" + k + ".txt");
            Files.writeString(file, "data " + k + "\n".repeat(k + 1));
            // in through one node, out through another: most keys live on a third
            curl(
                    "-X",
                    "PUT",
                    "--data-binary",
                    "@" + file,
                    "http://127.0.0.1:" + (port + k % NODES) + "/newcomer/dir/key" + k + ".txt");
            String body = curl("http://127.0.0.1:" + (port + (k + 1) % NODES) + "/newcomer/dir/key" + k + ".txt");
            assertThat(body).isEqualTo(Files.readString(file));
        }
        assertThat(curl("http://127.0.0.1:" + (port + 2) + "/newcomer?list-type=2&prefix=dir/"))
                .contains("<Key>dir/key0.txt</Key>", "<Key>dir/key11.txt</Key>", "<KeyCount>12</KeyCount>");
    }

    private void putAndGetWithAwsCliWhenInstalled(int port) throws IOException {
        if (!works("aws", "--version")) {
            System.out.println("LocalClusterIT: aws cli not installed; the curl round trip stands alone");
            return;
        }
        Path awsConfig = work.resolve("aws.config");
        Files.writeString(awsConfig, "[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n");
        Path file = work.resolve("aws-in.bin");
        byte[] data = new byte[300_000];
        ThreadLocalRandom.current().nextBytes(data);
        Files.write(file, data);
        String endpoint = "http://127.0.0.1:" + (port + 1);
        aws(awsConfig, "--endpoint-url", endpoint, "s3", "cp", file.toString(), "s3://newcomer/aws/blob.bin");
        Path back = work.resolve("aws-out.bin");
        aws(
                awsConfig,
                "--endpoint-url",
                "http://127.0.0.1:" + (port + 2),
                "s3",
                "cp",
                "s3://newcomer/aws/blob.bin",
                back.toString());
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
    }

    private static void everyDashboardMetricIsExported(int port) {
        Prometheus exported = new Prometheus();
        for (int i = 0; i < NODES; i++) {
            Node.Answer answer = Node.get(port + i, "/_s4/actuator/prometheus");
            assertThat(answer.status()).isEqualTo(200);
            exported.add(answer.body());
        }
        List<String> missing = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (Dashboard.Query query : Dashboard.queries()) {
            Set<String> metrics = PromQl.metricNames(query.expr());
            Set<String> labels = new TreeSet<>();
            for (String metric : metrics) {
                checked.add(metric);
                if (!exported.has(metric)) {
                    missing.add("metric " + metric + " (panel '" + query.panel() + "')");
                }
                labels.addAll(exported.labels(metric));
            }
            for (String label : PromQl.labelNames(query.expr())) {
                // instance and job are added by Prometheus when it scrapes; le by histograms.
                if (!Set.of("instance", "job").contains(label) && !labels.contains(label)) {
                    missing.add("label " + label + " of " + metrics + " (panel '" + query.panel() + "')");
                }
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(10);
        assertThat(missing)
                .as(
                        "dashboard names that no node exports; exported s4 metrics: %s",
                        new TreeSet<>(exported.metrics().stream()
                                .filter(m -> m.startsWith("s4_"))
                                .toList()))
                .isEmpty();
    }

    private String awaitLine(Path log, String socket) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.startsWith(EXPORT)) {
                        return line;
                    }
                }
            }
            if (!sessionAlive(socket)) {
                fail("bin/s4-cluster exited before the cluster was ready:\n"
                        + (Files.exists(log) ? Repo.read(log) : ""));
            }
            Thread.sleep(250);
        }
        return fail("no '" + EXPORT + "' line after " + START + ":\n" + Repo.read(log));
    }

    /** Java processes whose command line names this cluster's config. */
    static List<ProcessHandle> serversOf(Path conf) {
        String needle = conf.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(args -> List.of(args).contains(needle)
                                && p.info().command().orElse("").endsWith("java"))
                        .orElse(false))
                .toList();
    }

    private static boolean sessionAlive(String socket) {
        return Command.run(Path.of("."), Duration.ofSeconds(10), "tmux", "-L", socket, "has-session", "-t", "cluster")
                        .exitCode()
                == 0;
    }

    private static void tmux(String socket, String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Command.Result result = Command.run(Path.of("."), Duration.ofSeconds(20), command.toArray(String[]::new));
        assertThat(result.exitCode()).as("%s: %s", command, result.err()).isZero();
    }

    private String curl(String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body", "--max-time", "30"));
        command.addAll(List.of(args));
        Command.Result result = Command.run(work, Duration.ofSeconds(40), command.toArray(String[]::new));
        assertThat(result.exitCode())
                .as("%s: %s%s", command, result.err(), result.out())
                .isZero();
        return result.out();
    }

    private void aws(Path config, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "env",
                "AWS_CONFIG_FILE=" + config,
                "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
                "AWS_ACCESS_KEY_ID=newcomer",
                "AWS_SECRET_ACCESS_KEY=newcomer",
                "AWS_EC2_METADATA_DISABLED=true",
                "aws"));
        command.addAll(List.of(args));
        Command.Result result = Command.run(work, Duration.ofMinutes(2), command.toArray(String[]::new));
        assertThat(result.exitCode()).as("%s: %s", command, result.err()).isZero();
    }

    private static boolean works(String... command) {
        try {
            return Command.run(Path.of("."), Duration.ofSeconds(30), command).exitCode() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
