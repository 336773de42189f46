package com.s4bsv.s4.server.storage;

public final class NoSuchBucketException extends StorageException {

    public NoSuchBucketException(String what) {
        super("no such bucket: " + what);
    }
}
