package com.s4bsv.s4.shell.it;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.shell.client.ObjectEntry;
import com.s4bsv.s4.shell.client.Progress;
import com.s4bsv.s4.shell.client.S4Client;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One Java load client: until the deadline, a {@link Workload} mix of PUT/GET/LIST/DELETE through the shared
 * {@link S4Client}, on keys only it writes, so it knows exactly what every GET and LIST must answer.
 */
final class ClientWorker implements Runnable {

    private static final int MAX_ERRORS = 10;

    private final String name;
    private final int index;
    private final S4Client client;
    private final String bucket;
    private final SplittableRandom random;
    private final long deadline;
    private final Ledger ledger;
    private final Map<Op, LatencyRecorder> recorders;
    private final List<Ledger.Written> own = new ArrayList<>();
    private long ownBytes;
    private long seq;
    private int errors;

    ClientWorker(
            int index,
            S4Client client,
            String bucket,
            long seed,
            long deadlineNanos,
            Ledger ledger,
            Map<Op, LatencyRecorder> recorders) {
        this.name = "j%02d".formatted(index);
        this.index = index;
        this.client = client;
        this.bucket = bucket;
        this.random = new SplittableRandom(seed);
        this.deadline = deadlineNanos;
        this.ledger = ledger;
        this.recorders = recorders;
    }

    @Override
    public void run() {
        while (System.nanoTime() < deadline && errors < MAX_ERRORS) {
            Op op = Workload.next(random, own.size(), ownBytes);
            long start = System.nanoTime();
            try {
                long bytes = switch (op) {
                    case PUT -> put();
                    case GET -> get();
                    case LIST -> list();
                    case DELETE -> delete();
                };
                recorders.get(op).record(System.nanoTime() - start, bytes);
            } catch (RuntimeException e) {
                errors++;
                ledger.error("java " + name + " " + op + ": " + e);
            }
        }
    }

    private long put() {
        long size = seq == 0 ? Workload.firstSize(index, random) : Workload.size(random);
        String path = Workload.path(name, seq++, random);
        var payload = new Payload(size, random.nextLong());
        client.put(key(path), payload, Progress.NONE);
        if (payload.position() != size) {
            throw new IllegalStateException("PUT " + path + " acknowledged after the client read " + payload.position()
                    + " of " + size + " bytes");
        }
        var written = new Ledger.Written(path, size, payload.crc32c(), payload.crc32(), Ledger.Writer.JAVA);
        ledger.put(written);
        own.add(written);
        ownBytes += size;
        return size;
    }

    private long get() {
        Ledger.Written written = own.get(random.nextInt(own.size()));
        var sink = new ChecksumSink();
        client.get(key(written.path()), sink, Progress.NONE);
        if (!written.matches(sink)) {
            throw new IllegalStateException("GET " + written.path() + " returned size=" + sink.count() + " crc32c="
                    + Long.toHexString(sink.crc32c()) + ", the ledger has " + written.describe());
        }
        return sink.count();
    }

    private long list() {
        String prefix = Workload.dir(random.nextInt(Workload.TOP_DIRS));
        Map<String, Long> listed = new TreeMap<>();
        for (Iterator<ObjectEntry> it = client.list(bucket, prefix, false); it.hasNext(); ) {
            ObjectEntry entry = it.next();
            if (Workload.belongsTo(entry.path(), name)) {
                listed.put(entry.path(), entry.size());
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        for (Ledger.Written w : own) {
            if (w.path().startsWith(prefix)) {
                expected.put(w.path(), w.size());
            }
        }
        if (!listed.equals(expected)) {
            throw new IllegalStateException(
                    "LIST " + prefix + " showed " + listed + " of this client's keys, the" + " ledger has " + expected);
        }
        return 0;
    }

    private long delete() {
        Ledger.Written written = own.remove(random.nextInt(own.size()));
        ownBytes -= written.size();
        client.delete(key(written.path()));
        ledger.delete(written.path());
        return 0;
    }

    private S4Key key(String path) {
        return new S4Key(bucket, path);
    }
}
