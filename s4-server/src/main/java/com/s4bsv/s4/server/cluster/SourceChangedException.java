package com.s4bsv.s4.server.cluster;

/** An object read from its owner was deleted or replaced since its headers were read: its ETag no longer holds. */
public final class SourceChangedException extends RuntimeException {

    public SourceChangedException(String objectPath, String etag, String code) {
        super(objectPath + " no longer has ETag " + etag + " on its owner (" + code + ")");
    }
}
