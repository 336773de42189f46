package com.s4bsv.s4.server.storage;

public final class NoSuchKeyException extends StorageException {

    public NoSuchKeyException(String what) {
        super("no such key: " + what);
    }
}
