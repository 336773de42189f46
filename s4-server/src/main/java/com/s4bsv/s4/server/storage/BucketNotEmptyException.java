package com.s4bsv.s4.server.storage;

public final class BucketNotEmptyException extends StorageException {

    public BucketNotEmptyException(String what) {
        super("bucket not empty: " + what);
    }
}
