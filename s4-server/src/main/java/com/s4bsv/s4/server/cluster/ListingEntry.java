package com.s4bsv.s4.server.cluster;

import java.time.Instant;

/** One row of a listing: a key, or a common prefix (size 0, no ETag). */
public record ListingEntry(String name, boolean isPrefix, long size, String etag, Instant lastModified) {

    public static ListingEntry prefix(String name) {
        return new ListingEntry(name, true, 0, "", Instant.EPOCH);
    }
}
