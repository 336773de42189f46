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
public record ObjectEntry(String path, long size, Instant lastModified, boolean isPrefix) {

    /** Byte-wise UTF-8 order, the order of S3 listings (code point order is the same). */
    public static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
