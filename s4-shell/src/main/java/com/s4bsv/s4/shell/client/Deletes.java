package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Deletes of {@link S4Client}: one key on its owner, or a prefix on every node. */
final class Deletes {

    private final NodeCalls calls;

    Deletes(NodeCalls calls) {
        this.calls = calls;
    }

    void delete(S4Key key) {
        if (!calls.exists(key)) {
            throw new S4ClientException.NoSuchKey(key.toString());
        }
        deleteOn(calls.owner(key), key.bucket(), key.path());
    }

    private void deleteOn(NodeAddress node, String bucket, String path) {
        String what = "s4://" + bucket + "/" + path;
        Exchange exchange = Exchange.send(
                calls.http(),
                node,
                what,
                new RequestHead("DELETE", NodeCalls.objectUri(node, bucket, path)),
                calls.settings().responseTimeout());
        int status = exchange.status();
        String body = exchange.errorBody();
        if (status != 204 && status != 200 && status != 404) {
            throw Http.failure(node, what, status, body);
        }
    }

    /** Removes an empty bucket from every node (one node fans out); a bucket already gone or refilled is left. */
    void deleteEmptyBucket(String bucket) {
        NodeAddress node = calls.config().node(0);
        String what = "s4://" + bucket + "/";
        Exchange exchange = Exchange.send(
                calls.http(),
                node,
                what,
                new RequestHead("DELETE", Http.uri(node, Http.objectPath(bucket, ""), Map.of())),
                calls.settings().responseTimeout());
        int status = exchange.status();
        String body = exchange.errorBody();
        if (status != 204 && status != 200 && status != 404 && status != 409) {
            throw Http.failure(node, what, status, body);
        }
    }

    long deletePrefix(String bucket, String prefix) {
        var removed = new AtomicLong();
        List<Runnable> work = new ArrayList<>();
        for (NodeAddress node : calls.config().nodes()) {
            Iterator<ObjectEntry> it = new NodeListing(
                    calls.http(), node, bucket, prefix, false, calls.settings().responseTimeout());
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
                    Parallel.runAll(batch, calls.settings().parallelism());
                }
            });
        }
        Parallel.runAll(work, calls.config().size());
        return removed.get();
    }
}
