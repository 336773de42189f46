package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.sigv4.Credentials;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The s4 client library: talks S3 over HTTP straight to the node that owns each key (placement from s4-core), checks
 * every transfer end to end with CRC32C, and runs compute jobs on every node. Usable without Spring. Each kind of
 * call lives in its own class ({@link Uploads}, {@link Downloads}, {@link Deletes}, {@link Listings}, {@link Evals},
 * {@link Jobs}); this is their one entry point.
 */
public final class S4Client implements AutoCloseable {

    /**
     * @param connectTimeout  TCP connect limit per request ({@code S4_CONNECT_TIMEOUT})
     * @param responseTimeout how long to wait for a node's response headers on storage calls
     *                        ({@code S4_RESPONSE_TIMEOUT})
     * @param healthTimeout   how long {@code s4 health} waits for each node's readiness answer
     *                        ({@code S4_HEALTH_TIMEOUT}); generous, so a slow node on a busy machine is not taken
     *                        for a down one
     * @param parallelism     concurrent transfers of recursive copies and deletes
     */
    public record Settings(Duration connectTimeout, Duration responseTimeout, Duration healthTimeout, int parallelism) {

        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
        public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(15);

        public Settings(Duration connectTimeout, Duration responseTimeout, int parallelism) {
            this(connectTimeout, responseTimeout, DEFAULT_HEALTH_TIMEOUT, parallelism);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT, DEFAULT_HEALTH_TIMEOUT, 8);
        }

        /** The defaults, each timeout overridden by its environment variable when set. */
        public static Settings fromEnvironment(Map<String, String> env) {
            Settings d = defaults();
            return new Settings(
                    Timeouts.from(env, "S4_CONNECT_TIMEOUT", d.connectTimeout()),
                    Timeouts.from(env, "S4_RESPONSE_TIMEOUT", d.responseTimeout()),
                    Timeouts.from(env, "S4_HEALTH_TIMEOUT", d.healthTimeout()),
                    d.parallelism());
        }
    }

    static final String HEALTH_PATH = "/_s4/actuator/health/readiness";

    private final NodeCalls calls;
    private final Uploads uploads;
    private final Downloads downloads;
    private final Deletes deletes;
    private final Listings listings;
    private final Evals evals;

    public S4Client(ClusterConfig config) {
        this(config, Settings.defaults());
    }

    /** Signs with the credentials aws cli and boto3 would use (environment, then {@code ~/.aws/credentials}). */
    public S4Client(ClusterConfig config, Settings settings) {
        this(config, settings, Signing.fromEnvironment());
    }

    /**
     * Signs every request with {@code credentials} for {@code region}: for a program that holds its keys itself
     * (several clients with different keys in one process) rather than in the environment.
     */
    public S4Client(ClusterConfig config, Settings settings, Credentials credentials, String region) {
        this(config, settings, Signing.with(credentials, region));
    }

    S4Client(ClusterConfig config, Settings settings, Signing signing) {
        this.calls = new NodeCalls(config, settings, new Http(settings.connectTimeout(), signing));
        this.uploads = new Uploads(calls);
        this.downloads = new Downloads(calls);
        this.deletes = new Deletes(calls);
        this.listings = new Listings(calls);
        this.evals = new Evals(calls);
    }

    /** Drops every connection still open. */
    @Override
    public void close() {
        calls.http().abort();
    }

    /**
     * Cancels what this client is doing: every transfer or job in flight fails at once (a download leaves no file).
     * The client stays usable.
     */
    public void abort() {
        calls.http().abort();
    }

    public ClusterConfig config() {
        return calls.config();
    }

    public Settings settings() {
        return calls.settings();
    }

    public NodeAddress owner(S4Key key) {
        return calls.owner(key);
    }

    /**
     * Uploads a local file, read once: up to 1 MiB with a plain checksum header, larger as {@code aws-chunked} with
     * the CRC32C in the trailer.
     */
    public void put(S4Key key, Path file, Progress progress) {
        uploads.put(key, file, progress);
    }

    /**
     * Uploads a stream of unknown length in constant memory: input under 1 MiB goes as one body with its checksum
     * header, larger input as {@code aws-chunked} with the CRC32C in the trailer.
     */
    public void put(S4Key key, InputStream in, Progress progress) {
        uploads.put(key, in, progress);
    }

    /** HEAD on the owner: true for 200, false for 404. */
    public boolean exists(S4Key key) {
        return calls.exists(key);
    }

    /**
     * Streams a key into {@code out} and verifies the node's CRC32C afterwards: on a mismatch the bytes were written
     * already, but the call still fails.
     */
    public long get(S4Key key, OutputStream out, Progress progress) {
        return downloads.get(key, out, progress);
    }

    /**
     * Downloads a key to a file: into a temp file beside {@code target}, renamed into place only after the checksum
     * matched, so a failed download leaves nothing behind. Missing parent folders are created once the key is known
     * to exist.
     */
    public long get(S4Key key, Path target, Progress progress) {
        return downloads.get(key, target, progress);
    }

    /** Removes one key; fails with {@link S4ClientException.NoSuchKey} when it does not exist. */
    public void delete(S4Key key) {
        deletes.delete(key);
    }

    /** Removes every key under a prefix on every node, several at a time; returns how many were removed. */
    public long deletePrefix(String bucket, String prefix) {
        return deletes.deletePrefix(bucket, prefix);
    }

    /** Removes a bucket that holds no key from every node, so listings no longer show it; gone already is fine. */
    public void deleteEmptyBucket(String bucket) {
        deletes.deleteEmptyBucket(bucket);
    }

    /**
     * Lists a bucket by prefix on every node in parallel and merges the answers in key order; with
     * {@code delimited}, keys below the next '/' collapse into prefix rows. Nodes that do not have the bucket add
     * nothing.
     */
    public Iterator<ObjectEntry> list(String bucket, String prefix, boolean delimited) {
        return listings.list(bucket, prefix, delimited);
    }

    /** Every bucket any node holds, by name (one row per name). */
    public List<BucketEntry> listBuckets() {
        return listings.listBuckets();
    }

    /** Runs {@code cmd} on the owner of {@code key} with the key's data on stdin; its stdout goes to {@code out}. */
    public void eval(S4Key key, String cmd, OutputStream out) {
        evals.eval(key, cmd, out);
    }

    /**
     * Runs a map-family job: the same request to every node in parallel, each working on its own keys
     * ({@code x-s4-local}); progress is merged into {@code listener}. The first failure cancels the others.
     */
    public void runJob(JobKind kind, String indir, String outdir, String cmd, JobListener listener) {
        new Jobs(calls.http(), calls.config()).run(kind, indir, outdir, cmd, listener);
    }

    /** Readiness of one node: 200 from the Actuator readiness path, within {@code timeout}. */
    public HealthState health(NodeAddress node, Duration timeout) {
        var head = new RequestHead("GET", Http.uri(node, HEALTH_PATH, Map.of()));
        try {
            Exchange exchange = Exchange.send(calls.http(), node, "health", head, timeout);
            exchange.errorBody();
            if (exchange.status() == 200) {
                return new HealthState(node, true, "ready");
            }
            return new HealthState(node, false, "readiness answered HTTP " + exchange.status());
        } catch (S4ClientException e) {
            return new HealthState(node, false, e.getMessage());
        }
    }
}
