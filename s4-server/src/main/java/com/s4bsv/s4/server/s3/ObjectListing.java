package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.FanOut;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.storage.BucketEntry;
import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Listings of the whole cluster: every node lists its own keys (a node-local request is the same S3 request with
 * {@link Wire#LOCAL_ONLY}), in parallel, and the pages are merged in key order.
 */
@Component
class ObjectListing {

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** What to list; {@code after} is where the page starts (exclusive). */
    record Query(String bucket, String prefix, String delimiter, int maxKeys, @Nullable Resume after) {
    }

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
    private record Named(String name, StoredObject object) {
    }

    /** The cluster's page. */
    ListingPage cluster(Query query) {
        List<@Nullable ListingPage> pages = fanOut.all((node, isSelf) -> isSelf ? local(query) : remote(node, query));
        List<ListingPage> present = pages.stream().filter(Objects::nonNull).map(p -> (ListingPage) p).toList();
        if (present.isEmpty()) {
            throw new S3Exception(S3Error.NO_SUCH_BUCKET, S3Error.NO_SUCH_BUCKET.message(), query.bucket());
        }
        return ListingPage.merge(present, query.maxKeys());
    }

    private @Nullable ListingPage remote(NodeAddress node, Query query) throws IOException, XMLStreamException {
        var uri = new StringBuilder("/").append(S3Url.encode(query.bucket(), false))
                .append("?list-type=2&encoding-type=url&max-keys=").append(query.maxKeys())
                .append("&prefix=").append(S3Url.encode(query.prefix(), false))
                .append("&delimiter=").append(S3Url.encode(query.delimiter(), false));
        if (query.after() != null) {
            uri.append("&continuation-token=").append(S3Url.encode(query.after().token(), false));
        }
        HttpRequest request = peers.request(node, uri.toString()).header(Wire.LOCAL_ONLY, "1").GET().build();
        HttpResponse<InputStream> response = peers.send(node, request);
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
                return null;
            }
            if (response.statusCode() != 200) {
                throw new S3Exception(S3Error.SERVICE_UNAVAILABLE, "node " + node + " failed to list: HTTP "
                        + response.statusCode());
            }
            return parse(body);
        }
    }

    private static ListingPage parse(InputStream body) throws XMLStreamException {
        XMLStreamReader xml = XML.createXMLStreamReader(body, "UTF-8");
        List<ListingEntry> entries = new ArrayList<>();
        boolean truncated = false;
        String key = null;
        String etag = "";
        long size = 0;
        Instant modified = Instant.EPOCH;
        boolean inPrefixes = false;
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                if (xml.getEventType() == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "Contents" -> {
                            entries.add(new ListingEntry(Objects.requireNonNull(key), false, size, etag, modified));
                            key = null;
                        }
                        case "CommonPrefixes" -> inPrefixes = false;
                        default -> { }
                    }
                }
                continue;
            }
            switch (xml.getLocalName()) {
                case "IsTruncated" -> truncated = Boolean.parseBoolean(xml.getElementText());
                case "CommonPrefixes" -> inPrefixes = true;
                case "Prefix" -> {
                    String text = xml.getElementText();
                    if (inPrefixes) {
                        entries.add(ListingEntry.prefix(S3Target.decode(text)));
                    }
                }
                case "Key" -> key = S3Target.decode(xml.getElementText());
                case "ETag" -> etag = xml.getElementText();
                case "Size" -> size = Long.parseLong(xml.getElementText());
                case "LastModified" -> modified = Instant.parse(xml.getElementText());
                default -> { }
            }
        }
        entries.sort((a, b) -> KeyOrder.compare(a.name(), b.name()));
        return new ListingPage(entries, truncated);
    }

    /** Buckets of the whole cluster, by name; a bucket is as old as its oldest directory. */
    List<BucketEntry> buckets() {
        List<List<BucketEntry>> all = fanOut.all((node, isSelf) -> isSelf ? store.buckets() : remoteBuckets(node));
        TreeMap<String, BucketEntry> merged = new TreeMap<>(KeyOrder.CODE_POINTS);
        for (List<BucketEntry> buckets : all) {
            for (BucketEntry bucket : buckets) {
                merged.merge(bucket.name(), bucket, (a, b) -> a.created().isBefore(b.created()) ? a : b);
            }
        }
        return new ArrayList<>(merged.values());
    }

    private List<BucketEntry> remoteBuckets(NodeAddress node) throws IOException, XMLStreamException {
        HttpRequest request = peers.request(node, "/").header(Wire.LOCAL_ONLY, "1").GET().build();
        HttpResponse<InputStream> response = peers.send(node, request);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new S3Exception(S3Error.SERVICE_UNAVAILABLE, "node " + node + " failed to list buckets: HTTP "
                        + response.statusCode());
            }
            XMLStreamReader xml = XML.createXMLStreamReader(body, "UTF-8");
            List<BucketEntry> buckets = new ArrayList<>();
            String name = null;
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "Name" -> name = xml.getElementText();
                        case "CreationDate" -> buckets.add(new BucketEntry(Objects.requireNonNull(name),
                                Instant.parse(xml.getElementText())));
                        default -> { }
                    }
                }
            }
            return buckets;
        }
    }
}
