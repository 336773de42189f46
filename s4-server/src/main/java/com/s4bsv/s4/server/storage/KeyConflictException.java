package com.s4bsv.s4.server.storage;

/** A key whose path collides with a directory of other keys ({@code a/b} vs {@code a/b/c}) or the reverse. */
public final class KeyConflictException extends StorageException {

    public KeyConflictException(String key, String why) {
        super("key " + key + " cannot be stored: " + why);
    }
}
