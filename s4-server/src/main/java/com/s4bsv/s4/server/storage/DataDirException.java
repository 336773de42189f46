package com.s4bsv.s4.server.storage;

/** The data directory cannot be used (not writable, no extended attributes, ...). */
public final class DataDirException extends StorageException {

    public DataDirException(String message, Throwable cause) {
        super(message, cause);
    }
}
