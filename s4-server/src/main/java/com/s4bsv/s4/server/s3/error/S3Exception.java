package com.s4bsv.s4.server.s3.error;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A failure to report as an S3 XML error document; {@code extra} elements are appended after Message
 * (e.g. {@code Key}, {@code ExitCode}).
 */
public final class S3Exception extends RuntimeException {

    private final S3Error error;
    private final @Nullable String resource;
    private final Map<String, String> extra;

    public S3Exception(S3Error error) {
        this(error, error.message(), null, Map.of());
    }

    public S3Exception(S3Error error, String message) {
        this(error, message, null, Map.of());
    }

    public S3Exception(S3Error error, String message, @Nullable String resource) {
        this(error, message, resource, Map.of());
    }

    public S3Exception(S3Error error, String message, @Nullable String resource, Map<String, String> extra) {
        super(message);
        this.error = error;
        this.resource = resource;
        this.extra = new LinkedHashMap<>(extra);
    }

    public S3Exception(S3Error error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.resource = null;
        this.extra = Map.of();
    }

    public S3Error error() {
        return error;
    }

    public @Nullable String resource() {
        return resource;
    }

    public Map<String, String> extra() {
        return extra;
    }
}
