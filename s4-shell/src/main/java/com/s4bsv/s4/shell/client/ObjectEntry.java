package com.s4bsv.s4.shell.client;

import java.time.Instant;

/**
 * One row of a listing.
 *
 * @param path         the key relative to its bucket, or a common prefix ending in '/' when {@code isPrefix}
 * @param size         bytes; 0 for prefixes
 * @param lastModified when the object was committed; {@link Instant#EPOCH} for prefixes
 * @param isPrefix     a "folder" row of a delimited listing
 */
public record ObjectEntry(String path, long size, Instant lastModified, boolean isPrefix) {}
