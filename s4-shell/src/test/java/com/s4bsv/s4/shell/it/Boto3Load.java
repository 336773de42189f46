package com.s4bsv.s4.shell.it;

import com.jayway.jsonpath.JsonPath;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.testing.TestTimeouts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The boto3 load clients: one python3 process running {@code load/boto3_load.py} with its share of the client
 * threads. Its JSON lines go into the same {@link Ledger} and latency recorders as the Java clients'; afterwards it
 * runs the checks it is given through boto3 (see the script's header for the protocol).
 */
final class Boto3Load implements AutoCloseable {

    private static final String SCRIPT = "load/boto3_load.py";
    /** The interpreter; pointing it elsewhere shows the Java half running alone. */
    static final String PYTHON = System.getProperty("s4.load.python", "python3");

    private final Process process;
    private final Path stderr;
    private final Ledger ledger;
    private final Map<Op, LatencyRecorder> recorders;
    private final int nodes;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch verified = new CountDownLatch(1);
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong multipart = new AtomicLong();
    private final AtomicLong checkedLive = new AtomicLong(-1);
    private final AtomicLong checkedGone = new AtomicLong(-1);
    private final Map<Integer, String> listings = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Thread reader;

    private Boto3Load(Process process, Path stderr, Ledger ledger, Map<Op, LatencyRecorder> recorders, int nodes) {
        this.process = process;
        this.stderr = stderr;
        this.ledger = ledger;
        this.recorders = recorders;
        this.nodes = nodes;
        this.reader = Thread.ofPlatform().name("boto3-load-reader").start(this::readLines);
    }

    /** Why the boto3 half cannot run here, or empty when python3 can import boto3. */
    static String unavailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import boto3")
                    .redirectErrorStream(true)
                    .start();
            if (!p.waitFor(TestTimeouts.atLeastSeconds(60), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return PYTHON + " -c 'import boto3' did not finish within 60 s";
            }
            return p.exitValue() == 0
                    ? ""
                    : PYTHON + " cannot import boto3: "
                            + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "no " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static Boto3Load start(
            List<String> endpoints,
            String bucket,
            int clients,
            Duration load,
            long seed,
            Path work,
            Ledger ledger,
            Map<Op, LatencyRecorder> recorders)
            throws IOException {
        Path script;
        try {
            script = Path.of(Objects.requireNonNull(
                            Boto3Load.class.getClassLoader().getResource(SCRIPT),
                            SCRIPT + " is not on the test classpath")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path stderr = work.resolve("boto3-load.stderr");
        var builder = new ProcessBuilder(
                        PYTHON,
                        script.toString(),
                        String.join(",", endpoints),
                        bucket,
                        Integer.toString(clients),
                        Double.toString(load.toMillis() / 1000.0),
                        Long.toString(seed))
                .redirectError(stderr.toFile());
        // the nodes' key, and nothing from the user's ~/.aws may change what boto3 does here
        builder.environment().putAll(LocalCluster.awsEnv());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        return new Boto3Load(builder.start(), stderr, ledger, recorders, endpoints.size());
    }

    private void readLines() {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                try {
                    take(JsonPath.parse(line).json());
                } catch (RuntimeException e) {
                    ledger.error("boto3 driver printed a line that is not a ledger entry: " + line + " (" + e + ")");
                }
            }
        } catch (IOException e) {
            ledger.error("reading the boto3 driver's output failed: " + e);
        } finally {
            ready.countDown();
            loaded.countDown();
            verified.countDown();
        }
    }

    private void take(Map<String, Object> entry) {
        String op = (String) entry.get("op");
        seen.add(op);
        switch (op) {
            case "READY" -> ready.countDown();
            case "LOADED" -> loaded.countDown();
            case "VERIFIED" -> {
                checkedLive.set(number(entry, "live").longValue());
                checkedGone.set(number(entry, "gone").longValue());
                verified.countDown();
            }
            case "ERROR" -> ledger.error((String) entry.get("error"));
            case "LISTED" ->
                listings.put(number(entry, "endpoint").intValue(), number(entry, "count") + " " + entry.get("digest"));
            default -> acknowledged(Op.valueOf(op), entry);
        }
    }

    private void acknowledged(Op op, Map<String, Object> entry) {
        long nanos = Math.round(number(entry, "ms").doubleValue() * 1e6);
        recorders.get(op).record(nanos, number(entry, "size").longValue());
        if (op == Op.LIST) {
            return;
        }
        String path = (String) entry.get("key");
        if (Placement.nodeIndex(path.substring(path.lastIndexOf('/') + 1), nodes)
                != number(entry, "endpoint").intValue()) {
            forwarded.incrementAndGet();
        }
        if (op == Op.PUT) {
            if (Boolean.TRUE.equals(entry.get("multipart"))) {
                multipart.incrementAndGet();
            }
            ledger.put(new Ledger.Written(
                    path,
                    number(entry, "size").longValue(),
                    -1,
                    number(entry, "crc32").longValue(),
                    Ledger.Writer.BOTO3));
        } else if (op == Op.DELETE) {
            ledger.delete(path);
        }
    }

    private static Number number(Map<String, Object> entry, String field) {
        return (Number) Objects.requireNonNull(entry.get(field), () -> "no " + field + " in " + entry);
    }

    void awaitReady(Duration limit) throws InterruptedException, IOException {
        await(ready, limit, "READY");
    }

    void go() throws IOException {
        process.getOutputStream().write("GO\n".getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
    }

    void awaitLoaded(Duration limit) throws InterruptedException, IOException {
        await(loaded, limit, "LOADED");
    }

    /**
     * Sends the checks (live keys with their CRC32, deleted keys, and a listing of the whole bucket), then waits for
     * the script to run them all; failures land in the ledger as errors.
     */
    void verify(List<Ledger.Written> live, List<Ledger.Written> gone, Duration limit)
            throws IOException, InterruptedException {
        try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            for (Ledger.Written w : live) {
                in.write("{\"key\":\"" + w.path() + "\",\"size\":" + w.size() + ",\"crc32\":" + w.crc32() + "}\n");
            }
            for (Ledger.Written w : gone) {
                in.write("{\"key\":\"" + w.path() + "\",\"gone\":true}\n");
            }
            in.write("{\"list\":true}\n");
        }
        await(verified, limit, "VERIFIED");
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("boto3 driver did not exit cleanly: " + stderrTail());
        }
        reader.join(limit.toMillis());
    }

    private void await(CountDownLatch latch, Duration limit, String what) throws InterruptedException, IOException {
        // the latches also open when the script's output ends, so whether the line came is checked apart
        if (!latch.await(limit.toMillis(), TimeUnit.MILLISECONDS) || !seen.contains(what)) {
            throw new IllegalStateException(
                    "boto3 driver did not print " + what + " within " + limit + ": " + stderrTail());
        }
    }

    /** "count digest" of the whole-bucket listing through each node. */
    Map<Integer, String> listings() {
        return Map.copyOf(listings);
    }

    /** How many live and deleted keys the script checked, as it reported; -1 before it did. */
    long checkedLive() {
        return checkedLive.get();
    }

    long checkedGone() {
        return checkedGone.get();
    }

    long forwarded() {
        return forwarded.get();
    }

    long multipartPuts() {
        return multipart.get();
    }

    private String stderrTail() throws IOException {
        List<String> lines = Files.readAllLines(stderr);
        return lines.isEmpty()
                ? "(no stderr)"
                : String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
