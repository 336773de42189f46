package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.wire.Wire;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Listings of {@link S4Client}: every node asked in parallel, the answers merged. */
final class Listings {

    private final NodeCalls calls;

    Listings(NodeCalls calls) {
        this.calls = calls;
    }

    Iterator<ObjectEntry> list(String bucket, String prefix, boolean delimited) {
        List<Iterator<ObjectEntry>> perNode = new ArrayList<>();
        List<Runnable> firstPages = new ArrayList<>();
        for (NodeAddress node : calls.config().nodes()) {
            var listing = new NodeListing(
                    calls.http(),
                    node,
                    bucket,
                    prefix,
                    delimited,
                    calls.settings().responseTimeout());
            perNode.add(listing);
            firstPages.add(listing::hasNext);
        }
        Parallel.runAll(firstPages, calls.config().size());
        return new MergedListing(perNode);
    }

    List<BucketEntry> listBuckets() {
        Map<String, BucketEntry> byName = new TreeMap<>();
        List<Runnable> nodes = new ArrayList<>();
        for (NodeAddress node : calls.config().nodes()) {
            nodes.add(() -> {
                var head = new RequestHead("GET", Http.uri(node, "/", Map.of())).header(Wire.LOCAL_ONLY, "1");
                Exchange exchange = Exchange.send(
                        calls.http(),
                        node,
                        "list buckets",
                        head,
                        calls.settings().responseTimeout());
                if (exchange.status() != 200) {
                    throw Http.failure(node, "list buckets", exchange.status(), exchange.errorBody());
                }
                String body = exchange.text();
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
        Parallel.runAll(nodes, calls.config().size());
        return List.copyOf(byName.values());
    }
}
