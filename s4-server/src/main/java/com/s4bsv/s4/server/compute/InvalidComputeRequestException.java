package com.s4bsv.s4.server.compute;

import org.jspecify.annotations.Nullable;

/** A compute request that cannot run as sent: a missing field, a bad key or folder, a body too large. */
public final class InvalidComputeRequestException extends RuntimeException {

    private final @Nullable String resource;

    InvalidComputeRequestException(String message, @Nullable String resource) {
        super(message);
        this.resource = resource;
    }

    /** The key or folder the request got wrong, when the message is about one. */
    public @Nullable String resource() {
        return resource;
    }
}
