package com.s4bsv.s4.shell.it;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.sigv4.Credentials;
import com.s4bsv.s4.sigv4.RequestSigner;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Three real s4 nodes on free 127.0.0.1 ports with a generated conf, from the repo's own
 * {@code s4-server/target/s4-server.jar} (found through the {@code s4.repo.root} system property), shared by every
 * end-to-end test class and stopped when the test run ends. Tests are skipped, with the reason, when the jar is
 * missing or does not start a server that answers HTTP.
 *
 * <p>The nodes have keys, as in production: a keys file with one {@code compute} key with a random secret
 * ({@link #credentials()}). {@code bin/s4}, aws cli and boto3 get it through {@link #awsEnv()}, the s4 client library
 * through {@link #client()}, raw requests through {@link #sign(HttpRequest)}; anything else is refused.
 */
final class LocalCluster implements BeforeAllCallback {

    static final int NODES = 3;
    static final String REGION = "us-east-1";

    private static State state;
    private static final Credentials CREDENTIALS = newComputeKey();

    record Node(int port, Path dataDir, Process process) {}

    private static final class State implements ExtensionContext.Store.CloseableResource {
        final Path root;
        final Path work;
        final Path conf;
        final List<Node> nodes;
        final String skipReason;

        State(Path root, Path work, Path conf, List<Node> nodes, String skipReason) {
            this.root = root;
            this.work = work;
            this.conf = conf;
            this.nodes = new CopyOnWriteArrayList<>(nodes);
            this.skipReason = skipReason;
        }

        @Override
        public void close() throws IOException {
            for (Node node : nodes) {
                node.process().destroy();
            }
            for (Node node : nodes) {
                try {
                    if (!node.process().waitFor(10, TimeUnit.SECONDS)) {
                        node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteTree(work);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LocalCluster.class) {
            if (state == null) {
                state = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LocalCluster.class, state);
            }
        }
        Assumptions.assumeTrue(state.skipReason.isEmpty(), state.skipReason);
    }

    /** The repository (s4.repo.root, else the parent folder); known without a started cluster. */
    static Path repoRoot() {
        String rootProperty = System.getProperty("s4.repo.root");
        return Path.of(rootProperty == null ? ".." : rootProperty)
                .toAbsolutePath()
                .normalize();
    }

    /** Whether a test of this run has started the shared cluster. */
    static boolean started() {
        return state != null && state.skipReason.isEmpty();
    }

    static Path conf() {
        return state.conf;
    }

    static List<Node> nodes() {
        return state.nodes;
    }

    static Path work() {
        return state.work;
    }

    /** The key every client of these nodes signs with (role {@code compute}: read, write and run). */
    static Credentials credentials() {
        return CREDENTIALS;
    }

    /**
     * The environment of {@code bin/s4}, aws cli or boto3 against these nodes: the nodes' key and region, and
     * nothing from the user's {@code ~/.aws}.
     */
    static Map<String, String> awsEnv() {
        return Map.of(
                "AWS_ACCESS_KEY_ID",
                CREDENTIALS.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY",
                CREDENTIALS.secretAccessKey(),
                "AWS_DEFAULT_REGION",
                REGION,
                "AWS_CONFIG_FILE",
                state.work.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE",
                state.work.resolve("no-aws-credentials").toString());
    }

    /** The s4 client library on these nodes, signing with {@link #credentials()}. */
    static S4Client client() throws IOException {
        return client(S4Client.Settings.defaults());
    }

    static S4Client client(S4Client.Settings settings) throws IOException {
        return new S4Client(ClusterConfig.load(state.conf), settings, CREDENTIALS, REGION);
    }

    /** {@code request} signed with {@link #credentials()} as the s4 client signs (SigV4, unsigned payload). */
    static HttpRequest sign(HttpRequest request) {
        Map<String, String> headers = new RequestSigner(CREDENTIALS, REGION)
                .sign(request.method(), request.uri(), Map.of(), SigV4.UNSIGNED_PAYLOAD, Instant.now());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        headers.forEach(builder::setHeader);
        return builder.build();
    }

    private static Credentials newComputeKey() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new Credentials("s4-suite", HexFormat.of().formatHex(secret));
    }

    private static State start() throws IOException, InterruptedException {
        Path root = repoRoot();
        Path work = Files.createTempDirectory("s4-shell-it");
        Path jar = root.resolve("s4-server/target/s4-server.jar");
        Path conf = work.resolve("s4.conf");
        if (!Files.isRegularFile(jar)) {
            return new State(
                    root,
                    work,
                    conf,
                    List.of(),
                    "no server jar at " + jar
                            + " (build it: ./mvnw -B -DskipTests -pl s4-server -am package); skipping end-to-end tests");
        }
        if (!Files.isExecutable(root.resolve("bin/s4"))) {
            return new State(root, work, conf, List.of(), "no bin/s4 launcher under " + root);
        }
        int[] ports = new int[NODES];
        var confText = new StringBuilder();
        for (int i = 0; i < NODES; i++) {
            ports[i] = freePort();
            confText.append("127.0.0.1:").append(ports[i]).append('\n');
        }
        Files.writeString(conf, confText.toString());
        Files.writeString(
                work.resolve("keys"),
                CREDENTIALS.accessKeyId() + " " + CREDENTIALS.secretAccessKey() + " compute\n",
                StandardCharsets.UTF_8);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(startNode(root, work, conf, ports[i], keysArgs(work)));
        }
        long deadline = System.nanoTime() + TestTimeouts.start().toNanos();
        for (Node node : nodes) {
            while (!answers(node.port())) {
                if (!node.process().isAlive()) {
                    String log =
                            Files.readString(work.resolve("_" + node.port()).resolve("node.log"));
                    var stopped = new State(
                            root,
                            work,
                            conf,
                            nodes,
                            "s4-server.jar at " + jar
                                    + " is not a working server yet (node " + node.port() + " exited with "
                                    + node.process().exitValue() + ": " + lastLine(log)
                                    + "); skipping end-to-end tests");
                    stopped.close();
                    return new State(root, work, conf, List.of(), stopped.skipReason);
                }
                if (System.nanoTime() > deadline) {
                    var slow = new State(root, work, conf, nodes, "");
                    String log =
                            TestTimeouts.logTail(work.resolve("_" + node.port()).resolve("node.log"));
                    slow.close();
                    return new State(
                            root,
                            work,
                            conf,
                            List.of(),
                            "s4 node " + node.port()
                                    + " did not answer HTTP within " + TestTimeouts.describe()
                                    + "; skipping end-to-end tests; "
                                    + log);
                }
                Thread.sleep(200);
            }
        }
        return new State(root, work, conf, nodes, "");
    }

    /** The cluster's nodes take the keys file {@link #start} wrote under {@code work}. */
    private static String[] keysArgs(Path work) {
        return new String[] {"--keys-file", work.resolve("keys").toString()};
    }

    /** Starts a node of {@code conf} on {@code port} with its folder under {@code work}; does not wait for it. */
    static Node startNode(Path root, Path work, Path conf, int port, String... extraArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path nodeDir = Files.createDirectories(work.resolve("_" + port));
        Path dataDir = nodeDir.resolve("s4_data");
        List<String> command = new ArrayList<>(List.of(
                java,
                "--sun-misc-unsafe-memory-access=allow",
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                root.resolve("s4-server/target/s4-server.jar").toString(),
                "--port",
                Integer.toString(port),
                "--conf",
                conf.toString(),
                "--data-dir",
                dataDir.toString()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command)
                .directory(nodeDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        nodeDir.resolve("node.log").toFile()))
                .start();
        return new Node(port, dataDir, process);
    }

    /** Kills node {@code index} at once (SIGKILL, as a crash) and waits until it is gone. */
    static Node kill(int index) throws InterruptedException {
        Node node = state.nodes.get(index);
        node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return node;
    }

    /** Starts node {@code index} again on its port and data dir, after {@link #kill}, and waits until it answers. */
    static void restart(int index) throws IOException, InterruptedException {
        Node old = state.nodes.get(index);
        Node node = startNode(state.root, state.work, state.conf, old.port(), keysArgs(state.work));
        state.nodes.set(index, node);
        long deadline = System.nanoTime() + TestTimeouts.start().toNanos();
        while (!answers(node.port())) {
            if (!node.process().isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + node.port() + " did not come back within "
                        + TestTimeouts.describe() + "; "
                        + TestTimeouts.logTail(
                                state.work.resolve("_" + node.port()).resolve("node.log")));
            }
            Thread.sleep(200);
        }
    }

    static boolean answers(int port) {
        try {
            var connection = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            connection.getResponseCode();
            connection.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String lastLine(String log) {
        List<String> lines = log.strip().lines().toList();
        return lines.isEmpty()
                ? "no output"
                : new String(lines.getLast().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
