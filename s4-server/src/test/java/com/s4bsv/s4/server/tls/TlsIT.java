package com.s4bsv.s4.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.server.S4Nodes;
import com.s4bsv.s4.sigv4.Credentials;
import com.s4bsv.s4.sigv4.RequestSigner;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.testing.TestCerts;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes serving https only (certificates made with openssl at test time), with keys: health, forwarding,
 * listing fan-out, map and the shuffle of map-to-n between nodes go over TLS, and boto3, the aws cli and the s4
 * client pointed at the CA file work through a forwarding node.
 */
class TlsIT {

    private static final String ID = "s4";
    private static final String SECRET = "s4";

    @TempDir
    static Path work;

    static TestCerts certs;
    static S4Nodes nodes;
    static HttpClient http;
    static RequestSigner signer = new RequestSigner(new Credentials(ID, SECRET), "us-east-1");

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(TestCerts.opensslAvailable(), "openssl not installed: skipping the TLS tests");
        certs = TestCerts.make(work.resolve("certs"));
        Path keys = work.resolve("keys");
        Files.writeString(keys, ID + " " + SECRET + " compute\n");
        nodes = S4Nodes.startTls(3, work, certs, "--keys-file", keys.toString());
        http = nodes.httpClient();
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static HttpResponse<String> send(String method, int node, String pathAndQuery, byte[] body, String type) {
        URI uri = URI.create(nodes.endpoint(node) + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TestTimeouts.atLeast(Duration.ofMinutes(2)))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (!type.isEmpty()) {
            request.header("Content-Type", type);
        }
        signer.sign(method, uri, Map.of(), SigV4.UNSIGNED_PAYLOAD, Instant.now())
                .forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(String method, int node, String pathAndQuery) {
        return send(method, node, pathAndQuery, new byte[0], "");
    }

    /** A key under {@code prefix} of {@code bucket} owned by {@code owner}. */
    static String keyOwnedBy(String bucket, String prefix, int owner) {
        for (int i = 0; ; i++) {
            String key = prefix + "k" + i;
            if (Placement.nodeIndex(new S4Key(bucket, key), nodes.size()) == owner) {
                return key;
            }
        }
    }

    @Test
    void healthReportsEveryPeerUpOverHttpsAndPlainHttpIsNotServed() throws Exception {
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create(nodes.endpoint(0) + "/_s4/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        for (int peer = 1; peer < 3; peer++) {
            assertThat(health.body()).contains("\"https://127.0.0.1:" + nodes.port(peer) + "\":\"UP\"");
        }
        HttpClient plain = HttpClient.newBuilder().build();
        HttpRequest overHttp = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + nodes.port(0) + "/_s4/actuator/health"))
                .timeout(TestTimeouts.atLeast(Duration.ofSeconds(30)))
                .build();
        try {
            HttpResponse<String> answer = plain.send(overHttp, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("plain http on the TLS port").isEqualTo(400);
        } catch (IOException refused) {
            // Tomcat closes a plain-text connection to its TLS port: just as good
        }
        HttpClient untrusting = HttpClient.newBuilder().build();
        try {
            untrusting.send(
                    HttpRequest.newBuilder(URI.create(nodes.endpoint(0) + "/_s4/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("a client without the CA was served");
        } catch (SSLHandshakeException expected) {
            assertThat(expected).hasMessageContaining("PKIX");
        }
    }

    @Test
    void putAndGetAreForwardedBetweenHttpsNodes() {
        assertThat(send("PUT", 0, "/tls1").statusCode()).isEqualTo(200);
        for (int owner = 0; owner < 3; owner++) {
            String key = keyOwnedBy("tls1", "in/", owner);
            byte[] data = ("row of node " + owner + "\n").repeat(1000).getBytes(StandardCharsets.UTF_8);
            int via = (owner + 1) % 3;
            HttpResponse<String> put = send("PUT", via, "/tls1/" + key, data, "application/octet-stream");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            HttpResponse<String> get = send("GET", (owner + 2) % 3, "/tls1/" + key);
            assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(new String(data, StandardCharsets.UTF_8));
            assertThat(nodes.dataDir(owner).resolve("tls1").resolve(key)).exists();
        }
        HttpResponse<String> listing = send("GET", 1, "/tls1?list-type=2&prefix=in/");
        assertThat(listing.body().split("<Key>", -1)).hasSize(4);
    }

    @Test
    void mapAndTheShuffleOfMapToNRunBetweenHttpsNodes() {
        assertThat(send("PUT", 0, "/tls2").statusCode()).isEqualTo(200);
        List<String> inputs = new ArrayList<>();
        for (int owner = 0; owner < 3; owner++) {
            String key = keyOwnedBy("tls2", "in/", owner);
            inputs.add(key);
            assertThat(send("PUT", 0, "/tls2/" + key, "a\nb\n".getBytes(StandardCharsets.UTF_8), "text/plain")
                            .statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> map = send(
                "POST",
                1,
                "/_s4/map",
                "{\"indir\":\"s4://tls2/in/\",\"outdir\":\"s4://tls2/up/\",\"cmd\":\"tr a-z A-Z\"}"
                        .getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(map.statusCode()).as(map.body()).isEqualTo(200);
        assertThat(map.body()).doesNotContain("\"error\"");
        for (String input : inputs) {
            String out = "up/" + input.substring("in/".length());
            assertThat(send("GET", 2, "/tls2/" + out).body()).isEqualTo("A\nB\n");
        }
        String partition = "cat >/dev/null && for b in 00000 00001 00002; do echo $b > $b; echo $b; done";
        HttpResponse<String> shuffle = send(
                "POST",
                2,
                "/_s4/map-to-n",
                ("{\"indir\":\"s4://tls2/up/\",\"outdir\":\"s4://tls2/parts/\",\"cmd\":\"" + partition + "\"}")
                        .getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(shuffle.statusCode()).as(shuffle.body()).isEqualTo(200);
        assertThat(shuffle.body()).doesNotContain("\"error\"");
        HttpResponse<String> listing = send("GET", 0, "/tls2?list-type=2&prefix=parts/");
        assertThat(listing.body().split("<Key>", -1)).as(listing.body()).hasSize(10);
        for (int b = 0; b < 3; b++) {
            String input = inputs.get(0).substring("in/".length());
            assertThat(nodes.dataDir(b).resolve("tls2/parts/" + input).resolve(String.format("%05d", b)))
                    .as("partition %d lives on node %d", b, b)
                    .exists();
        }
    }

    @Test
    void boto3WithTheCaFileWritesReadsAndListsThroughAForwardingNode() throws IOException {
        assumeTrue(available("python3", "-c", "import boto3"), "python3 boto3 not installed: skipping");
        String remote = keyOwnedBy("tls3", "b/", 2);
        String script = """
                import boto3, sys, os
                from botocore.config import Config
                s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1',
                                  config=Config(s3={'addressing_style': 'path'}))
                signed = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1',
                                      config=Config(s3={'addressing_style': 'path', 'payload_signing_enabled': True}))
                assert s3.meta.endpoint_url.startswith('https://'), s3.meta.endpoint_url
                payloads = []
                def seen(request, **kwargs):
                    value = request.headers.get('x-amz-content-sha256')
                    payloads.append(value.decode() if isinstance(value, bytes) else value)
                for client in (s3, signed):
                    client.meta.events.register('before-send.s3.PutObject', seen)
                    client.meta.events.register('before-send.s3.UploadPart', seen)
                s3.create_bucket(Bucket='tls3')
                body = os.urandom(3 * 1024 * 1024 + 17)
                s3.put_object(Bucket='tls3', Key=sys.argv[2], Body=body)
                signed.put_object(Bucket='tls3', Key=sys.argv[2] + '-signed', Body=body)
                s3.upload_file(sys.argv[3], 'tls3', 'b/uploaded')
                assert s3.get_object(Bucket='tls3', Key=sys.argv[2])['Body'].read() == body
                assert signed.get_object(Bucket='tls3', Key=sys.argv[2] + '-signed')['Body'].read() == body
                keys = [o['Key'] for o in s3.list_objects_v2(Bucket='tls3', Prefix='b/')['Contents']]
                assert sorted(keys) == sorted([sys.argv[2], sys.argv[2] + '-signed', 'b/uploaded']), keys
                print('PAYLOADS', ' '.join(sorted(set(payloads))))
                print('OK')
                """;
        Path py = work.resolve("boto_tls.py");
        Files.writeString(py, script);
        Path file = work.resolve("boto-upload.bin");
        Files.write(file, new byte[9 * 1024 * 1024 + 5]);
        Result result = run(
                work,
                nodes.awsEnv(),
                "python3",
                py.toString(),
                nodes.endpoint(0).toString(),
                remote,
                file.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("OK");
        // Over https botocore streams uploads as aws-chunked (a trailing checksum, chunk signatures when signing).
        System.out.println("TLS boto3 upload payload modes: "
                + result.out()
                        .lines()
                        .filter(l -> l.startsWith("PAYLOADS"))
                        .findFirst()
                        .orElse(""));
        assertThat(result.out()).contains("STREAMING-");
        assertThat(nodes.dataDir(2).resolve("tls3").resolve(remote)).exists();
    }

    @Test
    void awsCliWithTheCaFileCopiesBothWaysAndLists() throws IOException {
        assumeTrue(available("aws", "--version"), "aws cli not installed: skipping");
        Path file = work.resolve("cli-up.bin");
        byte[] data = new byte[12 * 1024 * 1024 + 3];
        new java.util.Random(7).nextBytes(data);
        Files.write(file, data);
        assertThat(run(work, nodes.awsEnv(), aws(1, "s3", "mb", "s3://tls4")).exit())
                .isZero();
        Result up = run(work, nodes.awsEnv(), aws(1, "s3", "cp", file.toString(), "s3://tls4/cli/up.bin"));
        assertThat(up.exit()).as(up.toString()).isZero();
        Result ls = run(work, nodes.awsEnv(), aws(2, "s3", "ls", "s3://tls4/cli/"));
        assertThat(ls.exit()).as(ls.toString()).isZero();
        assertThat(ls.out()).contains("up.bin");
        Path down = work.resolve("cli-down.bin");
        Result get = run(work, nodes.awsEnv(), aws(0, "s3", "cp", "s3://tls4/cli/up.bin", down.toString()));
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(Files.readAllBytes(down)).isEqualTo(data);
    }

    @Test
    void theS4ClientTrustsAwsCaBundleAndRefusesAnUnknownCa() throws IOException {
        Path root = Path.of(System.getProperty("s4.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        assumeTrue(
                Files.isRegularFile(root.resolve("s4-shell/target/s4-shell.jar")),
                "s4-shell jar not built: skipping the s4 client over https");
        Map<String, String> env = new HashMap<>(nodes.awsEnv());
        env.put("S4_CONF_PATH", nodes.conf().toString());
        String s4 = root.resolve("bin/s4").toString();
        Path file = work.resolve("s4-up.txt");
        Files.writeString(file, "x\ny\n".repeat(100_000));
        assertThat(send("PUT", 0, "/tls5").statusCode()).isEqualTo(200);
        for (int owner = 0; owner < 3; owner++) {
            String key = keyOwnedBy("tls5", "in/", owner);
            Result cp = run(work, env, s4, "cp", file.toString(), "s4://tls5/" + key);
            assertThat(cp.exit()).as(cp.toString()).isZero();
        }
        Result ls = run(work, env, s4, "ls", "s4://tls5/in/");
        assertThat(ls.exit()).as(ls.toString()).isZero();
        assertThat(ls.out().lines().count()).as(ls.out()).isEqualTo(3);
        Result map = run(work, env, s4, "map", "s4://tls5/in/", "s4://tls5/out/", "grep -c x");
        assertThat(map.exit()).as(map.toString()).isZero();
        String one = keyOwnedBy("tls5", "in/", 1).substring("in/".length());
        Path down = work.resolve("s4-down.txt");
        Result get = run(work, env, s4, "cp", "s4://tls5/out/" + one, down.toString());
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(Files.readString(down)).isEqualTo("100000\n");
        Result whole = run(work, env, s4, "cp", "s4://tls5/" + keyOwnedBy("tls5", "in/", 2), down.toString());
        assertThat(whole.exit()).as(whole.toString()).isZero();
        assertThat(Files.mismatch(file, down)).isEqualTo(-1);

        TestCerts other = TestCerts.make(work.resolve("other-ca"));
        env.put("AWS_CA_BUNDLE", other.ca().toString());
        Result refused = run(work, env, s4, "ls", "s4://tls5/in/");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err().lines().toList()).as(refused.toString()).hasSize(1);
    }

    static String[] aws(int node, String... args) {
        List<String> command = new ArrayList<>(
                List.of("aws", "--endpoint-url", nodes.endpoint(node).toString()));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    record Result(int exit, String out, String err) {}

    static boolean available(String... probe) {
        try {
            return run(Path.of("."), Map.of(), probe).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(Path dir, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        try {
            long limit = TestTimeouts.atLeastSeconds(300);
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + limit + "s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(e);
        }
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
