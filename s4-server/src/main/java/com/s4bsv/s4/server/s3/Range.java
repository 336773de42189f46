package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One satisfiable byte range {@code [first, last]} of an object, from a {@code Range: bytes=...} header. */
record Range(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /**
     * The range to serve, or null for the whole object (no header, or one we do not parse: RFC 9110 says ignore).
     *
     * @throws S3Exception InvalidRange when it is well-formed but outside the object
     */
    static @Nullable Range parse(@Nullable String header, long size) {
        if (header == null) {
            return null;
        }
        String spec = header.strip();
        if (!spec.startsWith("bytes=") || spec.indexOf(',') >= 0) {
            return null;
        }
        spec = spec.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        // Long.parseLong would take "-1" or "+1": byte positions are plain digits, anything else is not a range.
        if (!digits(from) || !digits(to)) {
            return null;
        }
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return new Range(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first < 0 || (!to.isEmpty() && Long.parseLong(to) < first)) {
                return null;
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            return new Range(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean digits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static S3Exception unsatisfiable(String header, long size) {
        return new S3Exception(
                S3Error.INVALID_RANGE,
                "range '" + header + "' is outside the object of " + size + " bytes",
                null,
                Map.of("RangeRequested", header, "ActualObjectSize", Long.toString(size)));
    }
}
