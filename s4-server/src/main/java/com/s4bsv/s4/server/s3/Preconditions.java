package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The conditional headers of a read, with S3's (RFC 9110's) precedence: If-Match decides alone when present,
 * else If-Unmodified-Since; then If-None-Match decides alone when present, else If-Modified-Since. A date that
 * does not parse is ignored, as RFC 9110 says. CopyObject reads the same headers with an
 * {@code x-amz-copy-source-} prefix.
 */
final class Preconditions {

    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** What the conditions say: go on, or answer 304 Not Modified. A failed condition throws. */
    enum Outcome {
        PROCEED,
        NOT_MODIFIED
    }

    private Preconditions() {}

    /**
     * @param header the request's header of that name, or null
     * @throws S3Exception PreconditionFailed (412) naming the condition that failed
     */
    static Outcome check(UnaryOperator<@Nullable String> header, String prefix, String etag, Instant lastModified) {
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = header.apply(prefix + "If-Match");
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, etag)) {
                throw failed(prefix + "If-Match", "ETag " + etag + " does not match " + ifMatch);
            }
        } else {
            Instant unmodifiedSince = date(header.apply(prefix + "If-Unmodified-Since"));
            if (unmodifiedSince != null && modified.isAfter(unmodifiedSince)) {
                throw failed(
                        prefix + "If-Unmodified-Since",
                        "the object was modified after " + HTTP_DATE.format(unmodifiedSince));
            }
        }
        String ifNoneMatch = header.apply(prefix + "If-None-Match");
        if (ifNoneMatch != null) {
            return etagMatches(ifNoneMatch, etag) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        Instant modifiedSince = date(header.apply(prefix + "If-Modified-Since"));
        return modifiedSince != null && !modified.isAfter(modifiedSince) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
    }

    private static S3Exception failed(String condition, String message) {
        return new S3Exception(
                S3Error.PRECONDITION_FAILED,
                "At least one of the preconditions you specified did" + " not hold: " + message + ".",
                null,
                Map.of("Condition", condition));
    }

    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag) || ("\"" + c + "\"").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Instant date(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.from(HTTP_DATE.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
