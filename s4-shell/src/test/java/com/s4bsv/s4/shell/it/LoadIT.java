package com.s4bsv.s4.shell.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.testing.TestTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8's load test: 32 concurrent clients (24 Java threads on one shared {@link S4Client}, 8 boto3 threads in
 * one python3 process talking to random nodes) run the {@link Workload} mix on three real nodes for 15 s (120 s
 * with {@code -Psoak}). Every acknowledgement goes into a {@link Ledger}; afterwards the cluster must agree with it
 * exactly, through both client paths, with no temp file left and no failed operation. The nodes have keys
 * ({@link LocalCluster}): both kinds of client sign every request. Figures are printed as {@code RELIABILITY load:}
 * lines.
 */
@ExtendWith(LocalCluster.class)
class LoadIT {

    static final boolean SOAK = Boolean.getBoolean("s4.soak");
    static final Duration LOAD = Duration.ofSeconds(SOAK ? 120 : 15);
    static final int CLIENTS = 32;
    static final int BOTO3_CLIENTS = 8;
    static final long SEED = Long.getLong("s4.load.seed", 8_2026L);
    /** How many Java-written keys boto3 reads back too (all of them go through the s4 client). */
    static final int CROSS_SAMPLE = 150;

    static final Duration GRACE = Duration.ofSeconds(120);

    private static final Ledger LEDGER = new Ledger();
    private static final Map<Op, LatencyRecorder> JAVA = recorders();
    private static final Map<Op, LatencyRecorder> BOTO3 = recorders();

    private static String bucket = "";
    private static String boto3Unavailable = "";
    private static List<String> tempLeftovers = List.of();
    private static String javaListing = "";
    private static Map<Integer, String> boto3Listings = Map.of();
    private static long forwarded;
    private static long multipartPuts;
    private static int sentLive;
    private static int sentGone;
    private static long checkedLive;
    private static long checkedGone;
    private static double sweepSeconds;
    private static final List<Ledger.Written> LIVE = new ArrayList<>();
    private static final List<Ledger.Written> DELETED = new ArrayList<>();
    private static Boto3Load boto3;

    @BeforeAll
    static void runLoad() throws Exception {
        bucket = "load" + ProcessHandle.current().pid();
        boto3Unavailable = Boto3Load.unavailable();
        int boto3Clients = boto3Unavailable.isEmpty() ? BOTO3_CLIENTS : 0;
        // without boto3 the Java clients take its share, so the cluster still sees 32 clients
        int javaClients = CLIENTS - boto3Clients;
        List<Path> dataDirs =
                LocalCluster.nodes().stream().map(LocalCluster.Node::dataDir).toList();
        List<String> endpoints = LocalCluster.nodes().stream()
                .map(n -> "http://127.0.0.1:" + n.port())
                .toList();
        var random = new Random(SEED);

        try (var client = LocalCluster.client()) {
            if (boto3Clients > 0) {
                boto3 = Boto3Load.start(
                        endpoints, bucket, boto3Clients, LOAD, random.nextLong(), LocalCluster.work(), LEDGER, BOTO3);
                boto3.awaitReady(TestTimeouts.atLeast(Duration.ofSeconds(60)));
            }
            long start = System.nanoTime();
            long deadline = start + LOAD.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(javaClients);
            if (boto3 != null) {
                boto3.go();
            }
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < javaClients; i++) {
                workers.add(
                        pool.submit(new ClientWorker(i, client, bucket, random.nextLong(), deadline, LEDGER, JAVA)));
            }
            pool.shutdown();
            if (!pool.awaitTermination(LOAD.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException("Java clients still busy " + GRACE + " after the load's end");
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    LEDGER.error("a Java client stopped: " + e.getCause());
                }
            }
            if (boto3 != null) {
                boto3.awaitLoaded(GRACE);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            long sweepStart = System.nanoTime();
            LIVE.addAll(LEDGER.live());
            DELETED.addAll(LEDGER.deleted());
            tempLeftovers = LedgerSweep.tempLeftovers(dataDirs);
            var sweep = new LedgerSweep(client, bucket, LEDGER);
            sweep.readBack(LIVE);
            sweep.confirmGone(DELETED);
            javaListing = sweep.listing(LIVE);
            sweep.checkPlacement(LIVE, DELETED, dataDirs);
            if (boto3 != null) {
                List<Ledger.Written> liveSample = sample(Ledger.Writer.JAVA, LIVE, CROSS_SAMPLE);
                List<Ledger.Written> goneSample = sample(Ledger.Writer.JAVA, DELETED, CROSS_SAMPLE);
                boto3.verify(liveSample, goneSample, GRACE);
                sentLive = liveSample.size();
                sentGone = goneSample.size();
                checkedLive = boto3.checkedLive();
                checkedGone = boto3.checkedGone();
                boto3Listings = boto3.listings();
                forwarded = boto3.forwarded();
                multipartPuts = boto3.multipartPuts();
            }
            sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;
            printFigures(javaClients, boto3Clients, seconds);
        }
    }

    @AfterAll
    static void stopBoto3() throws InterruptedException {
        if (boto3 != null) {
            boto3.close();
        }
    }

    @Test
    void noOperationFailedAndTheClusterAgreesWithTheLedger() {
        assertThat(LEDGER.errors())
                .as("failed operations and disagreements with the ledger")
                .isEmpty();
        assertThat(JAVA.get(Op.PUT).count()).isPositive();
        for (Op op : Op.values()) {
            assertThat(JAVA.get(op).count()).as("Java %s operations", op).isPositive();
        }
        assertThat(LIVE).as("keys alive at the end").isNotEmpty();
        assertThat(DELETED).as("keys deleted during the load").isNotEmpty();
    }

    @Test
    void noTempFileRemains() {
        assertThat(tempLeftovers)
                .as("temp files and unfinished uploads in the nodes' data dirs")
                .isEmpty();
    }

    @Test
    void keysOfEveryClientLandOnEveryNode() {
        int[] perNode = keysPerNode();
        for (int node = 0; node < perNode.length; node++) {
            assertThat(perNode[node]).as("keys owned by node %d", node).isPositive();
        }
        assertThat(LIVE.stream().mapToLong(Ledger.Written::size).max().orElse(0)
                        + DELETED.stream().mapToLong(Ledger.Written::size).max().orElse(0))
                .as("a 16 MiB object was written")
                .isGreaterThanOrEqualTo(Workload.MAX_SIZE);
    }

    @Test
    void boto3ClientsThroughEveryNodeAgreeWithTheS4Client() {
        Assumptions.assumeTrue(
                boto3Unavailable.isEmpty(),
                "boto3 half of the load test skipped: " + boto3Unavailable + " (the Java half ran)");
        for (Op op : Op.values()) {
            assertThat(BOTO3.get(op).count()).as("boto3 %s operations", op).isPositive();
        }
        assertThat(forwarded)
                .as("boto3 operations sent to a node that does not own the key")
                .isPositive();
        assertThat(multipartPuts).as("boto3 multipart uploads").isPositive();
        assertThat(sentLive).as("Java-written keys sent to boto3 to read back").isPositive();
        assertThat(sentGone).as("Java-deleted keys sent to boto3 to check").isPositive();
        assertThat(checkedLive).as("Java-written keys boto3 read back").isEqualTo(sentLive);
        assertThat(checkedGone).as("Java-deleted keys boto3 found gone").isEqualTo(sentGone);
        assertThat(boto3Listings)
                .as("whole-bucket listing through boto3 on each node, vs the s4 client's")
                .hasSize(LocalCluster.NODES)
                .allSatisfy((node, listing) -> assertThat(listing).isEqualTo(javaListing));
    }

    private static Map<Op, LatencyRecorder> recorders() {
        Map<Op, LatencyRecorder> map = new EnumMap<>(Op.class);
        for (Op op : Op.values()) {
            map.put(op, new LatencyRecorder());
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<Ledger.Written> sample(Ledger.Writer writer, List<Ledger.Written> all, int limit) {
        List<Ledger.Written> mine =
                new ArrayList<>(all.stream().filter(w -> w.writer() == writer).toList());
        Collections.shuffle(mine, new Random(SEED));
        return mine.subList(0, Math.min(limit, mine.size()));
    }

    private static int[] keysPerNode() {
        int[] perNode = new int[LocalCluster.NODES];
        for (List<Ledger.Written> keys : List.of(LIVE, DELETED)) {
            for (Ledger.Written w : keys) {
                perNode[Placement.nodeIndex(w.path().substring(w.path().lastIndexOf('/') + 1), perNode.length)]++;
            }
        }
        return perNode;
    }

    private static void printFigures(int javaClients, int boto3Clients, double seconds) {
        String head = String.format(
                Locale.ROOT,
                "RELIABILITY load: clients=%d (java=%d boto3=%d) nodes=%d auth=sigv4 seconds=%.1f",
                javaClients + boto3Clients,
                javaClients,
                boto3Clients,
                LocalCluster.NODES,
                seconds);
        var total = new LatencyRecorder();
        for (Op op : Op.values()) {
            var both = new LatencyRecorder();
            both.addAll(JAVA.get(op));
            both.addAll(BOTO3.get(op));
            total.addAll(both);
            System.out.println(head + " " + op + " " + both.summary(seconds));
        }
        System.out.println(head + " TOTAL " + total.summary(seconds));
        for (var side : List.of(Map.entry("java", JAVA), Map.entry("boto3", BOTO3))) {
            var all = new LatencyRecorder();
            side.getValue().values().forEach(all::addAll);
            System.out.println(head + " TOTAL(" + side.getKey() + ") " + all.summary(seconds));
        }
        int[] perNode = keysPerNode();
        long minSize = Long.MAX_VALUE;
        long maxSize = 0;
        for (List<Ledger.Written> keys : List.of(LIVE, DELETED)) {
            for (Ledger.Written w : keys) {
                minSize = Math.min(minSize, w.size());
                maxSize = Math.max(maxSize, w.size());
            }
        }
        System.out.printf(
                Locale.ROOT,
                "RELIABILITY load: verified live=%d (all read back through S4Client, %s) "
                        + "deleted=%d (all 404 through S4Client, %s) listing=%s keys-per-owner-node=%d/%d/%d "
                        + "sizes=%d..%d boto3-forwarded-ops=%d boto3-multipart-puts=%d temp-leftovers=%d errors=%d "
                        + "sweep=%.1fs seed=%d%n",
                LIVE.size(),
                boto3Clients > 0 ? checkedLive + " Java-written also through boto3" : "boto3 skipped",
                DELETED.size(),
                boto3Clients > 0 ? checkedGone + " Java-deleted also through boto3" : "boto3 skipped",
                javaListing.split(" ")[0],
                perNode[0],
                perNode[1],
                perNode[2],
                minSize,
                maxSize,
                forwarded,
                multipartPuts,
                tempLeftovers.size(),
                LEDGER.errors().size(),
                sweepSeconds,
                SEED);
    }
}
