package com.s4bsv.s4.server.storage;

public final class KeyExistsException extends StorageException {

    public KeyExistsException(String what) {
        super("key already exists: " + what);
    }
}
