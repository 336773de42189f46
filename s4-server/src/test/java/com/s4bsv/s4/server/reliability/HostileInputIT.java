package com.s4bsv.s4.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.S4Nodes;
import com.s4bsv.testing.HostileCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The hostile corpus ({@code hostile-keys.txt}) against three real nodes: the S3 front (encoded keys and raw request
 * paths no client would send) and the compute endpoints (eval, map, map-to-n, map-from-n). Valid keys full of shell
 * metacharacters are stored and processed as data; the rest get their S3 error; a canary file the keys try to create
 * never exists, nothing outside the data roots changes and no data root gets anything but its buckets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final String BUCKET = "hostile";
    private static final String SDK_BUCKET = "hostile-sdk";
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    static Path work;

    private static S4Nodes nodes;
    private static OutsideRoots outside;
    private static Map<String, String> before;
    private static Set<String> topBefore;
    private static Path canary;
    /** Path in the bucket → bytes, of every key the S3 test stored. */
    private static final Map<String, byte[]> stored = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        Path cluster = Files.createDirectories(work.resolve("cluster"));
        canary = work.resolve("canary").resolve("canary.abs");
        nodes = S4Nodes.start(3, cluster);
        List<Path> roots = List.of(nodes.dataDir(0), nodes.dataDir(1), nodes.dataDir(2));
        outside = new OutsideRoots(work, roots, Set.of("server.log"));
        outside.plant();
        before = outside.snapshot();
        topBefore = outside.topLevel();
        assertThat(send("PUT", "/" + BUCKET, new byte[0]).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void s3FrontStoresValidKeysAsDataAndRefusesTheRestWithTheirCode() {
        int tried = 0;
        int rejected = 0;
        int roundTripped = 0;
        for (HostileCorpus.Entry entry : HostileCorpus.keys()) {
            if (entry.codes().contains("-")) {
                continue;
            }
            String text = entry.text(BUCKET, canary);
            String rest = text.substring("s4://".length());
            int slash = rest.indexOf('/');
            String bucket = rest.substring(0, slash);
            String path = rest.substring(slash + 1);
            String target = "/" + encode(bucket, false) + "/" + encode(path, true);
            tried++;
            if (entry.isData()) {
                byte[] data = ("data of " + entry.id() + " $(touch " + canary + ")\n").getBytes(StandardCharsets.UTF_8);
                HttpResponse<byte[]> put = send("PUT", target, data);
                assertThat(put.statusCode())
                        .as("PUT %s: %s", entry.id(), utf8(put.body()))
                        .isEqualTo(200);
                HttpResponse<byte[]> get = send("GET", target, null);
                assertThat(get.statusCode()).as("GET %s", entry.id()).isEqualTo(200);
                assertThat(get.body()).as("GET %s", entry.id()).isEqualTo(data);
                assertThat(ownerFiles(bucket, path))
                        .as("file of %s on its owner", entry.id())
                        .hasSize(1);
                stored.put(path, data);
                roundTripped++;
            } else {
                for (String method : List.of("PUT", "GET", "DELETE")) {
                    HttpResponse<byte[]> answer = send(method, target, method.equals("PUT") ? new byte[] {'x'} : null);
                    assertRefused(entry, method, answer.statusCode(), utf8(answer.body()), 400, entry.codes());
                }
                rejected++;
            }
        }
        assertThat(listKeys()).as("the bucket holds exactly the valid keys").isEqualTo(new TreeSet<>(stored.keySet()));
        System.out.printf(
                "RELIABILITY hostile: surface=s3-keys inputs=%d rejected=%d roundtripped=%d%n",
                tried, rejected, roundTripped);
    }

    @Test
    @Order(2)
    void rawRequestPathsGetTheirS3ErrorOrAreStoredLiterally() throws IOException {
        int rejected = 0;
        int literal = 0;
        for (HostileCorpus.Entry entry : HostileCorpus.uris()) {
            String target = entry.text(BUCKET, canary);
            String[] answer = raw("PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n"
                    + "Connection: close\r\n\r\nx");
            int status = Integer.parseInt(answer[0]);
            if (entry.isData()) {
                assertThat(status).as("%s: %s", entry.id(), answer[1]).isEqualTo(200);
                String path = entry.storedPath();
                HttpResponse<byte[]> get = send("GET", "/" + BUCKET + "/" + encode(path, true), null);
                assertThat(utf8(get.body())).as(entry.id()).isEqualTo("x");
                assertThat(send("DELETE", "/" + BUCKET + "/" + encode(path, true), null)
                                .statusCode())
                        .isEqualTo(204);
                literal++;
            } else {
                assertRefused(entry, "PUT", status, answer[1], entry.status(), entry.codes());
                rejected++;
            }
        }
        System.out.printf(
                "RELIABILITY hostile: surface=s3-raw-paths inputs=%d rejected=%d stored-literally=%d%n",
                rejected + literal, rejected, literal);
    }

    @Test
    @Order(3)
    void evalRunsOnHostileKeysAsDataAndRefusesInvalidOnes() {
        int rejected = 0;
        int ran = 0;
        for (HostileCorpus.Entry entry : HostileCorpus.keys()) {
            String key = entry.text(BUCKET, canary);
            HttpResponse<byte[]> answer =
                    post("/_s4/eval", "{\"key\":" + json(key) + ",\"cmd\":\"cat; printf '%s' \\\"$filename\\\"\"}");
            if (entry.isData()) {
                String path = key.substring(("s4://" + BUCKET + "/").length());
                String basename = path.substring(path.lastIndexOf('/') + 1);
                assertThat(answer.statusCode())
                        .as("eval %s: %s", entry.id(), utf8(answer.body()))
                        .isEqualTo(200);
                assertThat(utf8(answer.body())).as("eval %s", entry.id()).isEqualTo(utf8(stored.get(path)) + basename);
                ran++;
            } else {
                assertRefused(entry, "eval", answer.statusCode(), utf8(answer.body()), 400, Set.of("InvalidArgument"));
                rejected++;
            }
        }
        System.out.printf(
                "RELIABILITY hostile: surface=compute-eval inputs=%d rejected=%d ran-as-data=%d%n",
                rejected + ran, rejected, ran);
    }

    @Test
    @Order(4)
    void jobsRefuseHostileFoldersAndTreatHostileKeyNamesAsData() {
        List<String> modes = List.of("map", "map-to-n", "map-from-n");
        int rejected = 0;
        int i = 0;
        for (HostileCorpus.Entry entry : HostileCorpus.keys()) {
            if (entry.isData() || entry.codes().contains("-")) {
                continue;
            }
            String folder = entry.text(BUCKET, canary);
            folder = folder.endsWith("/") ? folder : folder + "/";
            String mode = modes.get(i++ % modes.size());
            String asIndir = job(mode, folder, "s4://" + BUCKET + "/never/", "touch " + canary);
            assertRefused(entry, mode + " indir", status(asIndir), asIndir, 400, Set.of("InvalidArgument"));
            String asOutdir = job(mode, "s4://" + BUCKET + "/meta/", folder, "touch " + canary);
            assertRefused(entry, mode + " outdir", status(asOutdir), asOutdir, 400, Set.of("InvalidArgument"));
            rejected += 2;
        }
        String base = "s4://" + BUCKET + "/";
        List<String> meta =
                stored.keySet().stream().filter(p -> p.startsWith("meta/")).toList();
        assertThat(meta).hasSizeGreaterThan(15);

        assertDone(job("map", base + "meta/", base + "mapped/", "cat; printf '%s' \"$filename\""));
        for (String path : meta) {
            String basename = path.substring(path.lastIndexOf('/') + 1);
            assertThat(utf8(send("GET", "/" + BUCKET + "/" + encode("mapped/" + path.substring(5), true), null)
                            .body()))
                    .as("map output of %s", path)
                    .isEqualTo(utf8(stored.get(path)) + basename);
        }

        assertDone(job("map", base + "meta/*", base + "globbed/", "cat"));
        Set<String> direct = new TreeSet<>();
        meta.stream().map(p -> p.substring(5)).filter(p -> !p.contains("/")).forEach(p -> direct.add("globbed/" + p));
        assertThat(listKeys().stream().filter(k -> k.startsWith("globbed/")).toList())
                .as("a glob over names full of glob characters")
                .containsExactlyElementsOf(direct);

        assertDone(job(
                "map-to-n",
                base + "meta/",
                base + "shuffled/",
                "printf '%s' \"$filename\" > 'part;$(x)'; echo 'part;$(x)'"));
        for (String path : meta) {
            String basename = path.substring(path.lastIndexOf('/') + 1);
            assertThat(utf8(send("GET", "/" + BUCKET + "/" + encode("shuffled/" + basename + "/part;$(x)", true), null)
                            .body()))
                    .as("map-to-n output of %s", path)
                    .isEqualTo(basename);
        }

        assertDone(job("map-from-n", base + "meta/", base + "merged/", "while IFS= read -r f; do cat -- \"$f\"; done"));
        long groups = meta.stream()
                .map(p -> p.substring(p.lastIndexOf('/') + 1))
                .distinct()
                .count();
        assertThat(listKeys().stream().filter(k -> k.startsWith("merged/")).count())
                .isEqualTo(groups);

        // Output names a command prints are checked like keys; a printed path outside the job is copied, never moved.
        assertThat(send("PUT", "/" + BUCKET + "/one/in", "1".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        assertError(job("map-to-n", base + "one/", base + "bad1/", "echo .."), "bad output name");
        assertError(
                job("map-to-n", base + "one/", base + "bad2/", "f=$(printf 'a\\tb'); printf x > \"$f\"; echo \"$f\""),
                "bad output name");
        assertDone(job("map-to-n", base + "one/", base + "spaced/", "printf x > ' a b '; echo ' a b '"));
        assertThat(utf8(send("GET", "/" + BUCKET + "/" + encode("spaced/in/ a b ", true), null)
                        .body()))
                .isEqualTo("x");
        assertError(
                job("map-to-n", base + "one/", base + "bad3/", "printf x > ok; echo ok; echo .."), "bad output name");
        assertThat(listKeys().stream().filter(k -> k.startsWith("bad")).toList())
                .isEmpty();
        assertDone(job("map-to-n", base + "one/", base + "copied/", "echo ../../../../x"));
        assertThat(utf8(send("GET", "/" + BUCKET + "/copied/in/x", null).body()))
                .isEqualTo("sentinel x\n");
        System.out.printf(
                "RELIABILITY hostile: surface=compute-jobs inputs=%d rejected=%d jobs-over-hostile-names=4"
                        + " keys-as-data=%d bad-output-names=3%n",
                rejected + 4 + 3, rejected, meta.size());
    }

    @Test
    @Order(5)
    void theAwsSdkRoundTripsEveryValidHostileKey() {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(nodes.endpoint(0))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .forcePathStyle(true)
                .httpClient(ApacheHttpClient.create())
                .build()) {
            s3.createBucket(b -> b.bucket(SDK_BUCKET));
            for (Map.Entry<String, byte[]> key : stored.entrySet()) {
                s3.putObject(b -> b.bucket(SDK_BUCKET).key(key.getKey()), RequestBody.fromBytes(key.getValue()));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(SDK_BUCKET).key(key.getKey()))
                                .asByteArray())
                        .as(key.getKey())
                        .isEqualTo(key.getValue());
            }
            Set<String> listed = new TreeSet<>();
            s3.listObjectsV2Paginator(b -> b.bucket(SDK_BUCKET)).contents().forEach(o -> listed.add(o.key()));
            assertThat(listed).isEqualTo(new TreeSet<>(stored.keySet()));
            for (String key : stored.keySet()) {
                s3.deleteObject(b -> b.bucket(SDK_BUCKET).key(key));
            }
            assertThat(s3.listObjectsV2(b -> b.bucket(SDK_BUCKET)).contents()).isEmpty();
        }
        System.out.printf(
                "RELIABILITY hostile: surface=s3-aws-sdk-v2 inputs=%d roundtripped=%d%n", stored.size(), stored.size());
    }

    @Test
    @Order(99)
    void nothingOutsideTheDataRootsChangedAndNoCanaryExists() {
        List<String> changes = OutsideRoots.diff(before, outside.snapshot());
        Set<String> expectedTop = new TreeSet<>(topBefore);
        for (int i = 0; i < 3; i++) {
            expectedTop.add(work.relativize(nodes.dataDir(i).resolve(BUCKET)) + "/");
            expectedTop.add(work.relativize(nodes.dataDir(i).resolve(SDK_BUCKET)) + "/");
        }
        Set<String> escaped = new TreeSet<>(outside.topLevel());
        escaped.removeAll(expectedTop);
        List<Path> canaries = outside.canaries(Path.of("").toAbsolutePath());
        System.out.printf(
                "RELIABILITY hostile: surface=s3+compute canary=%s outside-root-changes=%d"
                        + " escaped-bucket-entries=%d%n",
                Files.exists(canary) || !canaries.isEmpty() ? "PRESENT" : "absent", changes.size(), escaped.size());
        assertThat(canary).doesNotExist();
        assertThat(canaries).isEmpty();
        assertThat(changes).as("changes outside the data roots").isEmpty();
        assertThat(outside.topLevel()).as("top level of the data roots").isEqualTo(expectedTop);
    }

    // ---- helpers

    private static void assertRefused(
            HostileCorpus.Entry entry, String what, int status, String body, int expected, Set<String> codes) {
        assertThat(status).as("%s %s: %s", what, entry.id(), body).isEqualTo(expected);
        Matcher code = CODE.matcher(body);
        assertThat(code.find())
                .as("%s %s has an S3 error code: %s", what, entry.id(), body)
                .isTrue();
        assertThat(codes).as("%s %s: %s", what, entry.id(), body).contains(code.group(1));
        assertThat(body).as("%s %s leaks no stack trace", what, entry.id()).doesNotContain("Exception", "\tat ");
    }

    private static List<Path> ownerFiles(String bucket, String path) {
        List<Path> found = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path file = nodes.dataDir(i).resolve(bucket).resolve(path);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && file.normalize().startsWith(nodes.dataDir(i).resolve(bucket))) {
                found.add(file);
            }
        }
        return found;
    }

    private static Set<String> listKeys() {
        Set<String> keys = new TreeSet<>();
        String token = null;
        do {
            String query = "?list-type=2&encoding-type=url" + (token == null ? "" : "&continuation-token=" + token);
            String xml = utf8(send("GET", "/" + BUCKET + query, null).body());
            Matcher key = KEY.matcher(xml);
            while (key.find()) {
                keys.add(URLDecoder.decode(key.group(1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            Matcher next = Pattern.compile("<NextContinuationToken>([^<]*)<").matcher(xml);
            token = next.find() ? next.group(1) : null;
        } while (token != null);
        return keys;
    }

    private static String job(String mode, String indir, String outdir, String cmd) {
        HttpResponse<byte[]> answer = post(
                "/_s4/" + mode,
                "{\"indir\":" + json(indir) + ",\"outdir\":" + json(outdir) + ",\"cmd\":" + json(cmd) + "}");
        return answer.statusCode() + "\n" + utf8(answer.body());
    }

    private static int status(String job) {
        return Integer.parseInt(job.substring(0, job.indexOf('\n')));
    }

    private static void assertDone(String job) {
        assertThat(status(job)).as(job).isEqualTo(200);
        assertThat(job.strip().lines().toList().getLast()).as(job).contains("\"type\":\"done\"");
        assertThat(job).doesNotContain("\"type\":\"error\"");
    }

    private static void assertError(String job, String message) {
        assertThat(status(job)).as(job).isEqualTo(200);
        assertThat(job).contains("\"type\":\"error\"").contains(message).doesNotContain("Exception");
    }

    private static HttpResponse<byte[]> post(String path, String json) {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> send(String method, String target, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(nodes.endpoint(0) + target)).timeout(Duration.ofSeconds(60));
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(method + " " + target + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Status and body of a request written byte for byte, as no HTTP client would send it. */
    private static String[] raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", nodes.port(0))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            var all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            return new String[] {text.substring(9, 12), text.substring(text.indexOf("\r\n\r\n") + 4)};
        }
    }

    /** S3's URL encoding: every byte but unreserved characters (and '/' in keys) percent-encoded. */
    static String encode(String text, boolean keepSlash) {
        var out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String json(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
