package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.wire.Wire;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** The keys of one node under a prefix (ListObjectsV2 with {@code x-s4-local}), fetched page by page. */
final class NodeListing implements Iterator<ObjectEntry> {

    static final int PAGE = 1000;

    private final Http http;
    private final NodeAddress node;
    private final String bucket;
    private final String prefix;
    private final boolean delimited;
    private final Duration timeout;
    private final ArrayDeque<ObjectEntry> page = new ArrayDeque<>();
    private @Nullable String continuation;
    private boolean started;
    private boolean exhausted;

    NodeListing(Http http, NodeAddress node, String bucket, String prefix, boolean delimited, Duration timeout) {
        this.http = http;
        this.node = node;
        this.bucket = bucket;
        this.prefix = prefix;
        this.delimited = delimited;
        this.timeout = timeout;
    }

    @Override
    public synchronized boolean hasNext() {
        while (page.isEmpty() && !exhausted) {
            fetch();
        }
        return !page.isEmpty();
    }

    @Override
    public synchronized ObjectEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.removeFirst();
    }

    private void fetch() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list-type", "2");
        query.put("prefix", prefix);
        if (delimited) {
            query.put("delimiter", "/");
        }
        query.put("max-keys", Integer.toString(PAGE));
        if (started && continuation != null) {
            query.put("continuation-token", continuation);
        }
        started = true;
        String what = "list s4://" + bucket + "/" + prefix;
        var head =
                new RequestHead("GET", Http.uri(node, Http.objectPath(bucket, ""), query)).header(Wire.LOCAL_ONLY, "1");
        Exchange exchange = Exchange.send(http, node, what, head, timeout);
        if (exchange.status() == 404) {
            // this node holds nothing of the bucket
            exchange.errorBody();
            exhausted = true;
            return;
        }
        if (exchange.status() != 200) {
            throw Http.failure(node, what, exchange.status(), exchange.errorBody());
        }
        String body = exchange.text();
        List<ObjectEntry> rows = parse(body);
        page.addAll(rows);
        continuation = S3Xml.first(body, "NextContinuationToken");
        if (!"true".equals(S3Xml.first(body, "IsTruncated")) || continuation == null || continuation.isEmpty()) {
            exhausted = true;
        }
    }

    /** Contents and CommonPrefixes of one page, merged in key order. */
    static List<ObjectEntry> parse(String body) {
        var rows = new ArrayList<ObjectEntry>();
        for (String block : S3Xml.blocks(body, "Contents")) {
            String key = S3Xml.first(block, "Key");
            if (key == null) {
                continue;
            }
            String size = S3Xml.first(block, "Size");
            rows.add(new ObjectEntry(
                    key,
                    size == null ? 0 : Long.parseLong(size.strip()),
                    instant(S3Xml.first(block, "LastModified")),
                    false));
        }
        for (String block : S3Xml.blocks(body, "CommonPrefixes")) {
            String p = S3Xml.first(block, "Prefix");
            if (p != null) {
                rows.add(new ObjectEntry(p, 0, Instant.EPOCH, true));
            }
        }
        rows.sort((a, b) -> KeyOrder.compare(a.path(), b.path()));
        return rows;
    }

    static Instant instant(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
