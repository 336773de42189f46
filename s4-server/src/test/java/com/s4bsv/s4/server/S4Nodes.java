package com.s4bsv.s4.server;

import com.s4bsv.s4.sigv4.Credentials;
import com.s4bsv.s4.sigv4.RequestSigner;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.testing.TestCerts;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Test harness: N real s4-server processes ({@code java -jar s4-server/target/s4-server.jar}) on free ports of
 * 127.0.0.1 with a generated cluster config, each with its own data dir under {@code work}. Built by
 * {@code ./mvnw verify} before the {@code *IT} tests run.
 *
 * <pre>{@code
 * try (S4Nodes nodes = S4Nodes.start(3, tempDir)) {
 *     URI endpoint = nodes.endpoint(0);   // http://127.0.0.1:PORT
 *     nodes.kill(1);                      // kill -9
 *     nodes.restart(1);
 * }
 * }</pre>
 *
 * <p>{@link #startSigned} gives the nodes a keys file with one {@code compute} key ({@link #credentials()}): the aws
 * cli and boto3 get it through {@link #awsEnv()}, raw requests through {@link #sign(HttpRequest)}.
 */
public final class S4Nodes implements AutoCloseable {

    private final Path work;
    private final Path conf;
    private final int[] ports;
    private final Process[] processes;
    private final List<String> extraArgs;
    private final @Nullable TestCerts tls;
    private final @Nullable Credentials keys;
    private final @Nullable RequestSigner signer;

    private S4Nodes(
            Path work,
            Path conf,
            int[] ports,
            List<String> extraArgs,
            @Nullable TestCerts tls,
            @Nullable Credentials keys) {
        this.work = work;
        this.conf = conf;
        this.ports = ports;
        this.processes = new Process[ports.length];
        this.extraArgs = extraArgs;
        this.tls = tls;
        this.keys = keys;
        this.signer = keys == null ? null : new RequestSigner(keys, "us-east-1");
    }

    /** Starts {@code count} nodes and waits until each one is ready; {@code extraArgs} go to every node. */
    public static S4Nodes start(int count, Path work, String... extraArgs) throws IOException {
        return start(count, work, null, null, extraArgs);
    }

    /**
     * As {@link #start(int, Path, String...)}, with SigV4 on: every node reads {@code work/keys}, which holds one
     * {@code compute} key with a random secret, so every request must be signed with {@link #credentials()}.
     */
    public static S4Nodes startSigned(int count, Path work, String... extraArgs) throws IOException {
        Credentials credentials = newComputeKey();
        Path keys = writeKeysFile(work, credentials);
        List<String> args = new ArrayList<>(List.of("--keys-file", keys.toString()));
        args.addAll(List.of(extraArgs));
        return start(count, work, null, credentials, args.toArray(String[]::new));
    }

    /** A fresh {@code compute} key: its id says which suite made it, its secret is random. */
    public static Credentials newComputeKey() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new Credentials("s4-suite", HexFormat.of().formatHex(secret));
    }

    /** Writes {@code work/keys} with {@code credentials} as its one {@code compute} key. */
    public static Path writeKeysFile(Path work, Credentials credentials) throws IOException {
        Path keys = work.resolve("keys");
        Files.writeString(
                keys,
                "# written by the test harness\n" + credentials.accessKeyId() + " " + credentials.secretAccessKey()
                        + " compute\n",
                StandardCharsets.UTF_8);
        return keys;
    }

    /**
     * As {@link #start(int, Path, String...)}, the nodes serving https with {@code tls} (config lines
     * {@code https://127.0.0.1:PORT}, {@code --tls-cert}, {@code --tls-key}, {@code --tls-ca}).
     */
    public static S4Nodes startTls(int count, Path work, TestCerts tls, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--tls-cert",
                tls.cert().toString(),
                "--tls-key",
                tls.key().toString(),
                "--tls-ca",
                tls.ca().toString()));
        args.addAll(List.of(extraArgs));
        return start(count, work, tls, null, args.toArray(String[]::new));
    }

    private static S4Nodes start(
            int count, Path work, @Nullable TestCerts tls, @Nullable Credentials keys, String... extraArgs)
            throws IOException {
        int[] ports = freePorts(count);
        var lines = new StringBuilder();
        for (int port : ports) {
            lines.append(tls == null ? "" : "https://")
                    .append("127.0.0.1:")
                    .append(port)
                    .append('\n');
        }
        Path conf = work.resolve("s4.conf");
        Files.writeString(conf, lines);
        var nodes = new S4Nodes(work, conf, ports, List.of(extraArgs), tls, keys);
        try {
            for (int i = 0; i < count; i++) {
                nodes.launch(i);
            }
            for (int i = 0; i < count; i++) {
                nodes.awaitReady(i);
            }
        } catch (IOException | RuntimeException e) {
            nodes.close();
            throw e;
        }
        return nodes;
    }

    public static Path jar() {
        String root = System.getProperty("s4.repo.root", "..");
        Path jar = Path.of(root, "s4-server", "target", "s4-server.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build it with ./mvnw -pl s4-server -am package");
        }
        return jar;
    }

    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public int size() {
        return ports.length;
    }

    public Path conf() {
        return conf;
    }

    public int port(int node) {
        return ports[node];
    }

    public URI endpoint(int node) {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + ports[node]);
    }

    /** The node's working directory; its data root is {@code dir(i).resolve("s4_data")}. */
    public Path dir(int node) {
        return work.resolve("node" + node);
    }

    public Path dataDir(int node) {
        return dir(node).resolve("s4_data");
    }

    public Path log(int node) {
        return dir(node).resolve("server.log");
    }

    /** Whether the nodes check signatures ({@link #startSigned}). */
    public boolean signed() {
        return keys != null;
    }

    /**
     * The credentials clients sign with: the nodes' {@code compute} key when {@link #signed()}, else dummy ones
     * (the nodes take anonymous requests and ignore a signature).
     */
    public Credentials credentials() {
        return keys == null ? new Credentials("s4", "s4") : keys;
    }

    /**
     * {@code request} signed with {@link #credentials()} (see {@link #sign(HttpRequest, RequestSigner)}), or as it
     * is when the nodes take anonymous requests.
     */
    public HttpRequest sign(HttpRequest request) {
        return signer == null ? request : sign(request, signer);
    }

    /** {@code request} signed by {@code signer} as the s4 client signs: SigV4, {@code UNSIGNED-PAYLOAD}. */
    public static HttpRequest sign(HttpRequest request, RequestSigner signer) {
        Map<String, String> headers =
                signer.sign(request.method(), request.uri(), Map.of(), SigV4.UNSIGNED_PAYLOAD, Instant.now());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        headers.forEach(builder::setHeader);
        return builder.build();
    }

    /** The environment of an aws cli or boto3 run against these nodes: {@link #credentials()}, no user config. */
    public Map<String, String> awsEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials().secretAccessKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        env.put(
                "AWS_SHARED_CREDENTIALS_FILE",
                work.resolve("no-aws-credentials").toString());
        if (tls != null) {
            env.put("AWS_CA_BUNDLE", tls.ca().toString());
        }
        return env;
    }

    /** The aws cli against {@code node}, run in {@code dir} with {@code stdin} (or none). */
    Commands.Result aws(int node, Path dir, byte @Nullable [] stdin, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(List.of("aws", "--endpoint-url", endpoint(node).toString()));
        command.addAll(List.of(args));
        return Commands.run(dir, awsEnv(), stdin, 300, command.toArray(String[]::new));
    }

    /** kill -9: no shutdown hooks, temp files stay where they are. */
    public void kill(int node) throws InterruptedException {
        Process process = processes[node];
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public void restart(int node) throws IOException {
        kill0(node);
        launch(node);
        awaitReady(node);
    }

    private void kill0(int node) {
        try {
            kill(node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(int node) throws IOException {
        Files.createDirectories(dir(node));
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-XX:+UseSerialGC",
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString(),
                "-port",
                Integer.toString(ports[node]),
                "-conf",
                conf.toString()));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir(node).toFile());
        // commands of bsv tools that run under bash find the bin/ launchers
        builder.environment()
                .put(
                        "PATH",
                        jar().toAbsolutePath()
                                        .getParent()
                                        .getParent()
                                        .getParent()
                                        .resolve("bin") + ":" + System.getenv("PATH"));
        processes[node] = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()))
                .start();
    }

    private void awaitReady(int node) throws IOException {
        awaitReady(httpClient(), processes[node], endpoint(node), log(node), "node " + node);
    }

    /**
     * Waits up to {@link TestTimeouts#start()} for a 200 from {@code endpoint}'s readiness; fails naming {@code name}
     * with the end of {@code log} when {@code process} exits or the wait runs out.
     */
    static void awaitReady(HttpClient http, Process process, URI endpoint, Path log, String name) throws IOException {
        URI ready = URI.create(endpoint + "/_s4/actuator/health/readiness");
        Instant deadline = Instant.now().plus(TestTimeouts.start());
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + "; " + TestTimeouts.logTail(log));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(ready)
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IllegalStateException(
                name + " not ready after " + TestTimeouts.describe() + "; " + TestTimeouts.logTail(log));
    }

    /** An HttpClient for these nodes: over https it trusts the test CA. */
    public HttpClient httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (tls != null) {
            builder.sslContext(tls.trust());
        }
        return builder.build();
    }

    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < processes.length; i++) {
            if (processes[i] != null) {
                processes[i].destroy();
            }
        }
        for (int i = 0; i < processes.length; i++) {
            if (processes[i] != null) {
                try {
                    if (!processes[i].waitFor(10, TimeUnit.SECONDS)) {
                        processes[i].destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new IOException(e));
                }
            }
        }
    }
}
