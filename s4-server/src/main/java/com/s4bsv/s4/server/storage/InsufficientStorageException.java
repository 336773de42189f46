package com.s4bsv.s4.server.storage;

/** The data dir's filesystem is full (ENOSPC, or a quota): the upload or output was not stored. */
public final class InsufficientStorageException extends StorageException {

    public InsufficientStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
