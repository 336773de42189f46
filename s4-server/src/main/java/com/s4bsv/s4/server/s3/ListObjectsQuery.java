package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of ListObjects (v1) and ListObjectsV2, parsed once and framework-free so they can be
 * tested and fuzzed alone. Bad values are {@link S3Exception}s with a 4xx code; an absent parameter has its S3
 * default.
 *
 * @param v2         {@code list-type=2}; anything else is v1
 * @param prefix     {@code prefix}, empty when absent
 * @param delimiter  {@code delimiter}, empty when absent
 * @param urlEncoded {@code encoding-type=url}
 * @param maxKeys    {@code max-keys}, capped at {@link #MAX_KEYS}
 * @param token      v2 {@code continuation-token} as given, echoed in the answer; an empty one is absent, as on S3
 * @param startAfter v2 {@code start-after} as given, echoed in the answer
 * @param marker     v1 {@code marker} as given, echoed in the answer
 * @param after      where the page starts (exclusive), from whichever of those applies
 * @param owner      whether each key carries an Owner: always in v1, on {@code fetch-owner=true} in v2
 */
record ListObjectsQuery(
        boolean v2,
        String prefix,
        String delimiter,
        boolean urlEncoded,
        int maxKeys,
        @Nullable String token,
        @Nullable String startAfter,
        @Nullable String marker,
        @Nullable Resume after,
        boolean owner) {

    static final int MAX_KEYS = 1000;

    /** Every parameter {@link #parse} reads. */
    static final List<String> PARAMETERS = List.of(
            "list-type",
            "prefix",
            "delimiter",
            "encoding-type",
            "max-keys",
            "continuation-token",
            "start-after",
            "marker",
            "fetch-owner");

    /** Parses the parameters (first value of each, absent ones missing from the map). */
    static ListObjectsQuery parse(Map<String, String> parameters) {
        boolean v2 = isV2(parameters.get("list-type"));
        String prefix = parameters.getOrDefault("prefix", "");
        String delimiter = parameters.getOrDefault("delimiter", "");
        boolean urlEncoded = "url".equals(parameters.get("encoding-type"));
        int maxKeys = maxKeys(parameters.get("max-keys"));
        String token = parameters.get("continuation-token");
        if (token != null && token.isEmpty()) {
            token = null;
        }
        String startAfter = parameters.get("start-after");
        String marker = parameters.get("marker");
        Resume after;
        if (v2) {
            after = token != null
                    ? Resume.ofToken(token)
                    : startAfter != null && !startAfter.isEmpty() ? new Resume(startAfter, false) : null;
        } else {
            after = marker == null || marker.isEmpty()
                    ? null
                    : new Resume(marker, !delimiter.isEmpty() && marker.endsWith(delimiter));
        }
        boolean owner = !v2 || "true".equalsIgnoreCase(parameters.get("fetch-owner"));
        return new ListObjectsQuery(
                v2, prefix, delimiter, urlEncoded, maxKeys, token, startAfter, marker, after, owner);
    }

    static boolean isV2(@Nullable String listType) {
        return "2".equals(listType);
    }

    /** What to list in {@code bucket}. */
    ObjectListing.Query listing(String bucket) {
        return new ObjectListing.Query(bucket, prefix, delimiter, maxKeys, after);
    }

    private static int maxKeys(@Nullable String text) {
        if (text == null) {
            return MAX_KEYS;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.min(value, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw new S3Exception(
                    S3Error.INVALID_ARGUMENT, "max-keys must be a non-negative integer, got '" + text + "'");
        }
    }
}
