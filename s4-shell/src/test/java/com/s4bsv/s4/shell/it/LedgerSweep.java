package com.s4bsv.s4.shell.it;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.shell.client.ObjectEntry;
import com.s4bsv.s4.shell.client.Progress;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.client.S4ClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * After the load: the cluster must agree with the {@link Ledger} exactly. Every disagreement becomes a ledger
 * error, so the test reports all of them at once.
 */
final class LedgerSweep {

    private static final int THREADS = 8;

    private final S4Client client;
    private final String bucket;
    private final Ledger ledger;

    LedgerSweep(S4Client client, String bucket, Ledger ledger) {
        this.client = client;
        this.bucket = bucket;
        this.ledger = ledger;
    }

    /** Reads every live key back through the s4 client and compares size and the writer's checksum. */
    void readBack(List<Ledger.Written> live) throws InterruptedException {
        inParallel(live, written -> {
            var sink = new ChecksumSink();
            try {
                client.get(new S4Key(bucket, written.path()), sink, Progress.NONE);
            } catch (RuntimeException e) {
                ledger.error("acknowledged PUT of " + written.path() + " (" + written.describe()
                        + ") cannot be read back: " + e);
                return;
            }
            if (!written.matches(sink)) {
                ledger.error("acknowledged PUT of " + written.path() + " reads back as size=" + sink.count()
                        + " crc32c=" + Long.toHexString(sink.crc32c()) + " crc32=" + Long.toHexString(sink.crc32())
                        + ", the ledger has " + written.describe());
            }
        });
    }

    /** Every deleted key must answer NoSuchKey (404) to a GET and not exist for a HEAD. */
    void confirmGone(List<Ledger.Written> deleted) throws InterruptedException {
        inParallel(deleted, written -> {
            var key = new S4Key(bucket, written.path());
            try {
                client.get(key, new ChecksumSink(), Progress.NONE);
                ledger.error("acknowledged DELETE of " + written.path() + ", but GET still returns it");
            } catch (S4ClientException.NoSuchKey expected) {
                if (client.exists(key)) {
                    ledger.error("acknowledged DELETE of " + written.path() + ", but HEAD still finds it");
                }
            } catch (RuntimeException e) {
                ledger.error("acknowledged DELETE of " + written.path() + ": GET failed with " + e
                        + " instead of NoSuchKey");
            }
        });
    }

    /**
     * Lists the whole bucket through the client (all nodes, merged) and compares it with the ledger's live keys;
     * returns "count sha256" of its "key TAB size LF" lines, to compare with other listings.
     */
    String listing(List<Ledger.Written> live) {
        Map<String, Long> listed = new TreeMap<>();
        var lines = new StringBuilder();
        String previous = "";
        for (Iterator<ObjectEntry> it = client.list(bucket, "", false); it.hasNext(); ) {
            ObjectEntry entry = it.next();
            if (entry.path().compareTo(previous) <= 0) {
                ledger.error("listing out of order: " + entry.path() + " after " + previous);
            }
            previous = entry.path();
            listed.put(entry.path(), entry.size());
            lines.append(entry.path()).append('\t').append(entry.size()).append('\n');
        }
        Map<String, Long> expected = new TreeMap<>();
        live.forEach(w -> expected.put(w.path(), w.size()));
        if (!listed.equals(expected)) {
            var missing = new TreeMap<>(expected);
            missing.keySet().removeAll(listed.keySet());
            var extra = new TreeMap<>(listed);
            extra.keySet().removeAll(expected.keySet());
            ledger.error("listing of the bucket differs from the ledger: missing " + missing + ", not in the ledger "
                    + extra + (missing.isEmpty() && extra.isEmpty() ? ", sizes differ" : ""));
        }
        return listed.size() + " " + sha256(lines.toString());
    }

    /**
     * Each key is a file on its owner only (placement from s4-core), and deleted keys are on no node: forwarding
     * stored every object where it belongs.
     */
    void checkPlacement(List<Ledger.Written> live, List<Ledger.Written> deleted, List<Path> dataDirs) {
        for (Ledger.Written w : live) {
            int owner = Placement.nodeIndex(new S4Key(bucket, w.path()), dataDirs.size());
            for (int node = 0; node < dataDirs.size(); node++) {
                boolean there =
                        Files.isRegularFile(dataDirs.get(node).resolve(bucket).resolve(w.path()));
                if (there != (node == owner)) {
                    ledger.error(
                            w.path() + " (owner node " + owner + ") is " + (there ? "" : "not ") + "on node " + node);
                }
            }
        }
        for (Ledger.Written w : deleted) {
            for (int node = 0; node < dataDirs.size(); node++) {
                if (Files.exists(dataDirs.get(node).resolve(bucket).resolve(w.path()))) {
                    ledger.error("deleted " + w.path() + " is still a file on node " + node);
                }
            }
        }
    }

    /**
     * What requests left behind in each data dir: any entry of {@code _tmp}, and any multipart upload that is not a
     * completed one (a {@code done} marker, kept so a retried Complete gets the same answer) or still holds parts.
     */
    static List<String> tempLeftovers(List<Path> dataDirs) throws IOException {
        List<String> left = new ArrayList<>();
        for (Path dir : dataDirs) {
            try (DirectoryStream<Path> temp = Files.newDirectoryStream(dir.resolve("_tmp"))) {
                temp.forEach(p -> left.add(p.toString()));
            }
            Path uploads = dir.resolve("_uploads");
            if (!Files.isDirectory(uploads)) {
                continue;
            }
            try (DirectoryStream<Path> all = Files.newDirectoryStream(uploads)) {
                for (Path upload : all) {
                    if (!Files.exists(upload.resolve("done"))) {
                        left.add(upload + " (unfinished upload)");
                    }
                    try (DirectoryStream<Path> parts = Files.newDirectoryStream(upload, "part-*")) {
                        parts.forEach(p -> left.add(p.toString()));
                    }
                }
            }
        }
        return left;
    }

    private void inParallel(List<Ledger.Written> items, Consumer<Ledger.Written> check) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Ledger.Written w : items) {
                done.add(pool.submit(() -> check.accept(w)));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    ledger.error("sweep check failed: " + e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
