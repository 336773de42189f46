package com.s4bsv.s4.server.storage;

/** A CompleteMultipartUpload naming a part, not the last, smaller than the minimum part size. */
public final class EntityTooSmallException extends StorageException {

    public EntityTooSmallException(String message) {
        super(message);
    }
}
