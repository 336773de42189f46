package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.wire.Wire;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The s4 client library: talks S3 over HTTP straight to the node that owns each key (placement from s4-core), checks
 * every transfer end to end with CRC32C, and runs compute jobs on every node. Usable without Spring.
 */
public final class S4Client implements AutoCloseable {

    /**
     * @param connectTimeout  TCP connect limit per request
     * @param responseTimeout how long to wait for a node's response headers on storage calls
     * @param parallelism     concurrent transfers of recursive copies and deletes
     */
    public record Settings(Duration connectTimeout, Duration responseTimeout, int parallelism) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(60), 8);
        }
    }

    static final String HEALTH_PATH = "/_s4/actuator/health/readiness";
    /** Stdin up to this size is buffered and sent with a plain checksum header; larger input streams aws-chunked. */
    static final int STDIN_BUFFER = 4 * 1024 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;
    static final long EXPECT_CONTINUE_ABOVE = 1024 * 1024;

    private final ClusterConfig config;
    private final Settings settings;
    private final Http http;

    public S4Client(ClusterConfig config) {
        this(config, Settings.defaults());
    }

    public S4Client(ClusterConfig config, Settings settings) {
        this.config = config;
        this.settings = settings;
        this.http = new Http(settings.connectTimeout());
    }

    /** Drops every connection and the transport's selector thread. */
    @Override
    public void close() {
        http.close();
    }

    public ClusterConfig config() {
        return config;
    }

    public Settings settings() {
        return settings;
    }

    public NodeAddress owner(S4Key key) {
        return config.node(Placement.nodeIndex(key, config.size()));
    }

    // ---- put ----

    /** Uploads a local file; the checksum is computed first so it travels as a plain header. */
    public void put(S4Key key, Path file, Progress progress) {
        String what = key.toString();
        long size;
        String crc;
        try {
            size = Files.size(file);
            var checksum = new StreamingChecksum();
            byte[] buffer = new byte[COPY_BUFFER];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    checksum.update(buffer, 0, n);
                }
            }
            crc = checksum.base64();
        } catch (IOException e) {
            throw new S4ClientException("cannot read " + file + ": " + Causes.describe(e), e);
        }
        refuseExistingBeforeLargeUpload(key, size);
        progress.start(size);
        HttpRequest.BodyPublisher body = size == 0 ? HttpRequest.BodyPublishers.ofByteArray(new byte[0])
                : HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new Counting(Files.newInputStream(file), progress);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), size);
        HttpRequest request = putRequest(key, size).header(Wire.CHECKSUM_CRC32C, crc).PUT(body).build();
        finishPut(key, what, request);
        progress.finish();
    }

    /**
     * Uploads a stream of unknown length in constant memory: small input goes as one buffered body, larger input as
     * {@code aws-chunked} with the CRC32C in the trailer.
     */
    public void put(S4Key key, InputStream in, Progress progress) {
        String what = key.toString();
        byte[] head;
        try {
            head = in.readNBytes(STDIN_BUFFER);
        } catch (IOException e) {
            throw new S4ClientException("cannot read input for " + what + ": " + Causes.describe(e), e);
        }
        HttpRequest request;
        if (head.length < STDIN_BUFFER) {
            progress.start(head.length);
            String crc = new StreamingChecksum().update(head, 0, head.length).base64();
            request = putRequest(key, head.length).header(Wire.CHECKSUM_CRC32C, crc)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(head)).build();
            progress.advance(head.length);
        } else {
            refuseExistingBeforeLargeUpload(key, -1);
            progress.start(-1);
            var encoder = new AwsChunkedEncoder(new SequenceInputStream(new ByteArrayInputStream(head), in), progress);
            request = putRequest(key, -1)
                    .header("Content-Encoding", "aws-chunked")
                    .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                    .header("x-amz-trailer", Wire.CHECKSUM_CRC32C)
                    .header("x-amz-sdk-checksum-algorithm", "CRC32C")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> encoder))
                    .build();
        }
        finishPut(key, what, request);
        progress.finish();
    }

    /**
     * A node refuses a put on an existing key as soon as it sees the request, and then closes the connection rather
     * than read the rest of a large body; the JDK client reports that as a broken upload, not as the 409. So before
     * sending more than a little, ask whether the key is there. (A racing writer still gets the node's 409.)
     */
    private void refuseExistingBeforeLargeUpload(S4Key key, long size) {
        if (size >= 0 && size <= EXPECT_CONTINUE_ABOVE) {
            return;
        }
        if (exists(key)) {
            throw new S4ClientException.KeyExists(key.toString());
        }
    }

    /** HEAD on the owner: true for 200, false for 404. */
    public boolean exists(S4Key key) {
        NodeAddress node = owner(key);
        String what = key.toString();
        HttpRequest head = Http.request(Http.uri(node, Http.objectPath(key.bucket(), key.path()), Map.of()),
                settings.responseTimeout()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Void> response = http.send(node, what, head, HttpResponse.BodyHandlers.discarding());
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw Http.failure(node, what, response.statusCode(), "");
        };
    }

    /**
     * Large bodies ask before sending ({@code Expect: 100-continue}): a node refuses an existing key (409) at once and
     * closes the connection rather than read gigabytes, which would surface as a broken upload instead of the 409.
     */
    private HttpRequest.Builder putRequest(S4Key key, long size) {
        boolean large = size < 0 || size > EXPECT_CONTINUE_ABOVE;
        var uri = Http.uri(owner(key), Http.objectPath(key.bucket(), key.path()), Map.of());
        // HttpClient's timeout runs until the response headers, i.e. over the whole upload: only small bodies get one
        return (large ? HttpRequest.newBuilder(uri) : Http.request(uri, settings.responseTimeout()))
                .expectContinue(large)
                .header("Content-Type", "application/octet-stream")
                .header("If-None-Match", "*");
    }

    private void finishPut(S4Key key, String what, HttpRequest request) {
        NodeAddress node = owner(key);
        HttpResponse<InputStream> response = http.send(node, what, request, HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 204) {
            Http.errorBody(response);
            return;
        }
        String body = Http.errorBody(response);
        if (status == 409 || status == 412) {
            throw new S4ClientException.KeyExists(what);
        }
        throw Http.failure(node, what, status, body);
    }

    // ---- get ----

    /**
     * Streams a key into {@code out} and verifies the node's CRC32C afterwards: on a mismatch the bytes were written
     * already, but the call still fails.
     */
    public long get(S4Key key, OutputStream out, Progress progress) {
        try (Download download = openGet(key)) {
            return download.copyTo(out, progress);
        }
    }

    /**
     * Downloads a key to a file: into a temp file beside {@code target}, renamed into place only after the checksum
     * matched, so a failed download leaves nothing behind. Missing parent folders are created once the key is known
     * to exist.
     */
    public long get(S4Key key, Path target, Progress progress) {
        try (Download download = openGet(key)) {
            Path absolute = target.toAbsolutePath();
            if (Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute)) {
                // a device or a pipe (/dev/null, a fifo): write into it; renaming a temp file over it would replace it
                try (OutputStream out = Files.newOutputStream(absolute)) {
                    return download.copyTo(out, progress);
                } catch (IOException e) {
                    throw new S4ClientException("cannot write " + target + " (from " + key + "): "
                            + Causes.describe(e), e);
                }
            }
            Path dir = absolute.getParent();
            Path temp = null;
            try {
                Files.createDirectories(dir);
                temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".s4part");
                long n;
                try (OutputStream out = Files.newOutputStream(temp)) {
                    n = download.copyTo(out, progress);
                }
                try {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
                temp = null;
                return n;
            } catch (IOException e) {
                throw new S4ClientException("cannot write " + target + " (from " + key + "): " + Causes.describe(e), e);
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException ignored) {
                        // the original failure is what the user needs to see
                    }
                }
            }
        }
    }

    private Download openGet(S4Key key) {
        NodeAddress node = owner(key);
        String what = key.toString();
        HttpRequest request = Http.request(Http.uri(node, Http.objectPath(key.bucket(), key.path()), Map.of()),
                        settings.responseTimeout())
                .header("x-amz-checksum-mode", "ENABLED")
                .GET().build();
        HttpResponse<InputStream> response = http.send(node, what, request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw Http.failure(node, what, response.statusCode(), Http.errorBody(response));
        }
        String expected = response.headers().firstValue(Wire.CHECKSUM_CRC32C).orElse(null);
        if (expected == null) {
            Http.errorBody(response);
            throw new S4ClientException.ChecksumMismatch("node " + node + " sent " + what + " without a "
                    + Wire.CHECKSUM_CRC32C + " header; refusing unverified data");
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Download(node, what, response.body(), expected, length);
    }

    private static final class Download implements AutoCloseable {
        private final NodeAddress node;
        private final String what;
        private final InputStream body;
        private final String expected;
        private final long length;

        Download(NodeAddress node, String what, InputStream body, String expected, long length) {
            this.node = node;
            this.what = what;
            this.body = body;
            this.expected = expected;
            this.length = length;
        }

        long copyTo(OutputStream out, Progress progress) {
            var checksum = new StreamingChecksum();
            byte[] buffer = new byte[COPY_BUFFER];
            long total = 0;
            progress.start(length);
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw new S4ClientException("download of " + what + " from node " + node + " failed after "
                            + total + " bytes: " + Causes.describe(e), e);
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw S4ClientException.writeFailed(what, e);
                }
                checksum.update(buffer, 0, n);
                total += n;
                progress.advance(n);
            }
            if (length >= 0 && total != length) {
                throw new S4ClientException("download of " + what + " from node " + node + " ended after " + total
                        + " of " + length + " bytes");
            }
            String actual = checksum.base64();
            long expectedValue;
            try {
                expectedValue = StreamingChecksum.fromBase64(expected);
            } catch (IllegalArgumentException e) {
                throw new S4ClientException.ChecksumMismatch("node " + node + " sent a malformed "
                        + Wire.CHECKSUM_CRC32C + " header for " + what + ": '" + expected + "'");
            }
            if (expectedValue != checksum.value()) {
                throw new S4ClientException.ChecksumMismatch(what, expected, actual);
            }
            progress.finish();
            return total;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing a half-read body may fail; nothing is left to release
            }
        }
    }

    // ---- delete ----

    /** Removes one key; fails with {@link S4ClientException.NoSuchKey} when it does not exist. */
    public void delete(S4Key key) {
        if (!exists(key)) {
            throw new S4ClientException.NoSuchKey(key.toString());
        }
        deleteOn(owner(key), key.bucket(), key.path());
    }

    private void deleteOn(NodeAddress node, String bucket, String path) {
        String what = "s4://" + bucket + "/" + path;
        HttpRequest request = Http.request(Http.uri(node, Http.objectPath(bucket, path), Map.of()),
                settings.responseTimeout()).DELETE().build();
        HttpResponse<InputStream> response = http.send(node, what, request, HttpResponse.BodyHandlers.ofInputStream());
        String body = Http.errorBody(response);
        int status = response.statusCode();
        if (status != 204 && status != 200 && status != 404) {
            throw Http.failure(node, what, status, body);
        }
    }

    /** Removes every key under a prefix on every node, several at a time; returns how many were removed. */
    public long deletePrefix(String bucket, String prefix) {
        var removed = new java.util.concurrent.atomic.AtomicLong();
        List<Runnable> work = new ArrayList<>();
        for (NodeAddress node : config.nodes()) {
            Iterator<ObjectEntry> it = new NodeListing(http, node, bucket, prefix, false, settings.responseTimeout());
            work.add(() -> {
                while (it.hasNext()) {
                    List<Runnable> batch = new ArrayList<>();
                    while (it.hasNext() && batch.size() < 256) {
                        String path = it.next().path();
                        batch.add(() -> {
                            deleteOn(node, bucket, path);
                            removed.incrementAndGet();
                        });
                    }
                    Parallel.runAll(batch, settings.parallelism());
                }
            });
        }
        Parallel.runAll(work, config.size());
        return removed.get();
    }

    // ---- listing ----

    /**
     * Lists a bucket by prefix on every node in parallel and merges the answers in key order; with
     * {@code delimited}, keys below the next '/' collapse into prefix rows. Nodes that do not have the bucket add
     * nothing.
     */
    public Iterator<ObjectEntry> list(String bucket, String prefix, boolean delimited) {
        List<Iterator<ObjectEntry>> perNode = new ArrayList<>();
        List<Runnable> firstPages = new ArrayList<>();
        for (NodeAddress node : config.nodes()) {
            var listing = new NodeListing(http, node, bucket, prefix, delimited, settings.responseTimeout());
            perNode.add(listing);
            firstPages.add(listing::hasNext);
        }
        Parallel.runAll(firstPages, config.size());
        return new MergedListing(perNode);
    }

    /** Every bucket any node holds, by name (one row per name). */
    public List<BucketEntry> listBuckets() {
        Map<String, BucketEntry> byName = new TreeMap<>();
        List<Runnable> calls = new ArrayList<>();
        for (NodeAddress node : config.nodes()) {
            calls.add(() -> {
                HttpRequest request = Http.request(Http.uri(node, "/", Map.of()), settings.responseTimeout())
                        .header(Wire.LOCAL_ONLY, "1").GET().build();
                HttpResponse<InputStream> response = http.send(node, "list buckets", request,
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw Http.failure(node, "list buckets", response.statusCode(), Http.errorBody(response));
                }
                String body = Http.body(node, "list buckets", response);
                for (String block : S3Xml.blocks(body, "Bucket")) {
                    String name = S3Xml.first(block, "Name");
                    if (name == null) {
                        continue;
                    }
                    var entry = new BucketEntry(name, NodeListing.instant(S3Xml.first(block, "CreationDate")));
                    synchronized (byName) {
                        byName.putIfAbsent(name, entry);
                    }
                }
            });
        }
        Parallel.runAll(calls, config.size());
        return List.copyOf(byName.values());
    }

    // ---- compute ----

    /** Runs {@code cmd} on the owner of {@code key} with the key's data on stdin; its stdout goes to {@code out}. */
    public void eval(S4Key key, String cmd, OutputStream out) {
        NodeAddress node = owner(key);
        String what = key.toString();
        var fields = new LinkedHashMap<String, String>();
        fields.put("key", what);
        fields.put("cmd", cmd);
        HttpRequest request = HttpRequest.newBuilder(Http.uri(node, Wire.EVAL_PATH, Map.of()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.object(fields))).build();
        HttpResponse<InputStream> response = http.send(node, what, request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw evalFailure(node, what, response.statusCode(), Http.errorBody(response));
        }
        try (InputStream in = response.body()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new S4ClientException("eval of " + what + " on node " + node + " broke off: "
                    + Causes.describe(e), e);
        }
    }

    private static S4ClientException evalFailure(NodeAddress node, String what, int status, String body) {
        String code = S3Xml.first(body, "Code");
        if ("CommandFailed".equals(code) || "CommandTimedOut".equals(code)) {
            String exit = S3Xml.first(body, "ExitCode");
            String message = S3Xml.first(body, "Message");
            String stderr = S3Xml.first(body, "Stderr");
            String key = S3Xml.first(body, "Key");
            return new S4ClientException.CommandFailed(Jobs.failureLine(node.toString(), key == null ? what : key,
                    exit == null ? -1 : parseInt(exit), message == null ? code : message),
                    exit == null ? -1 : parseInt(exit), stderr == null ? "" : stderr);
        }
        return Http.failure(node, what, status, body);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Runs a map-family job: the same request to every node in parallel, each working on its own keys
     * ({@code x-s4-local}); progress is merged into {@code listener}. The first failure cancels the others.
     */
    public void runJob(JobKind kind, String indir, String outdir, String cmd, JobListener listener) {
        new Jobs(http, config).run(kind, indir, outdir, cmd, listener);
    }

    // ---- health ----

    /** Readiness of one node: 200 from the Actuator readiness path, within {@code timeout}. */
    public HealthState health(NodeAddress node, Duration timeout) {
        HttpRequest request = Http.request(Http.uri(node, HEALTH_PATH, Map.of()), timeout).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(node, "health", request,
                    HttpResponse.BodyHandlers.ofInputStream());
            Http.errorBody(response);
            if (response.statusCode() == 200) {
                return new HealthState(node, true, "ready");
            }
            return new HealthState(node, false, "readiness answered HTTP " + response.statusCode());
        } catch (S4ClientException e) {
            return new HealthState(node, false, e.getMessage());
        }
    }

    // ---- helpers ----

    private static final class Counting extends FilterInputStream {
        private final Progress progress;

        Counting(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                progress.advance(n);
            }
            return n;
        }
    }
}
