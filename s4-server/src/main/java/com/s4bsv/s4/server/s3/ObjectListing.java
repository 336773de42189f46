package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.FanOut;
import com.s4bsv.s4.server.cluster.ListingEntry;
import com.s4bsv.s4.server.cluster.ListingPage;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.BucketEntry;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Listings of the whole cluster: every node lists its own keys (a node-local request is the same S3 request with
 * {@code x-s4-local}), in parallel, and the pages are merged in key order.
 */
@Component
class ObjectListing {

    /** What to list; {@code after} is where the page starts (exclusive). */
    record Query(
            String bucket,
            String prefix,
            String delimiter,
            int maxKeys,
            @Nullable Resume after) {}

    private final ObjectStore store;
    private final Cluster cluster;
    private final FanOut fanOut;
    private final PeerClient peers;

    ObjectListing(ObjectStore store, Cluster cluster, FanOut fanOut, PeerClient peers) {
        this.store = store;
        this.cluster = cluster;
        this.fanOut = fanOut;
        this.peers = peers;
    }

    /** This node's page, or null when the bucket does not exist here. */
    @Nullable ListingPage local(Query query) throws IOException {
        if (!store.bucketExists(query.bucket())) {
            return null;
        }
        List<ListingEntry> entries = new ArrayList<>();
        String lastPrefix = null;
        String delimiter = query.delimiter();
        int prefixLength = query.prefix().length();
        List<Named> objects = new ArrayList<>();
        for (StoredObject object : store.list(query.bucket(), query.prefix())) {
            objects.add(new Named(object.key().path(), object));
        }
        List<StoredObject> markers = store.markers(query.bucket(), query.prefix());
        if (!markers.isEmpty()) {
            for (StoredObject marker : markers) {
                objects.add(new Named(marker.key().path() + "/", marker));
            }
            objects.sort((a, b) -> KeyOrder.compare(a.name(), b.name()));
        }
        for (Named named : objects) {
            if (entries.size() > query.maxKeys()) {
                break;
            }
            StoredObject object = named.object();
            String key = named.name();
            if (query.after() != null && query.after().skips(key)) {
                continue;
            }
            int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefixLength);
            if (cut >= 0) {
                String common = key.substring(0, cut + delimiter.length());
                if (!common.equals(lastPrefix)) {
                    lastPrefix = common;
                    entries.add(ListingEntry.prefix(common));
                }
            } else {
                entries.add(new ListingEntry(key, false, object.size(), object.etag(), object.lastModified()));
            }
        }
        boolean truncated = entries.size() > query.maxKeys();
        return new ListingPage(truncated ? entries.subList(0, query.maxKeys()) : entries, truncated);
    }

    /** An object under its listed name: a folder marker's ends in '/' (its object's key is its directory). */
    private record Named(String name, StoredObject object) {}

    /** The cluster's page. */
    ListingPage cluster(Query query) {
        List<@Nullable ListingPage> pages = fanOut.all((node, isSelf) -> isSelf
                ? local(query)
                : peers.list(
                        node,
                        query.bucket(),
                        query.prefix(),
                        query.delimiter(),
                        query.maxKeys(),
                        query.after() == null ? null : query.after().token()));
        List<ListingPage> present = pages.stream()
                .filter(Objects::nonNull)
                .map(p -> (ListingPage) p)
                .toList();
        if (present.isEmpty()) {
            throw new S3Exception(S3Error.NO_SUCH_BUCKET, S3Error.NO_SUCH_BUCKET.message(), query.bucket());
        }
        return ListingPage.merge(present, query.maxKeys());
    }

    /** Buckets of the whole cluster, by name; a bucket is as old as its oldest directory. */
    List<BucketEntry> buckets() {
        List<List<BucketEntry>> all = fanOut.all((node, isSelf) -> isSelf ? store.buckets() : peers.buckets(node));
        TreeMap<String, BucketEntry> merged = new TreeMap<>(KeyOrder.CODE_POINTS);
        for (List<BucketEntry> buckets : all) {
            for (BucketEntry bucket : buckets) {
                merged.merge(bucket.name(), bucket, (a, b) -> a.created().isBefore(b.created()) ? a : b);
            }
        }
        return new ArrayList<>(merged.values());
    }
}
