package com.s4bsv.s4.server.storage;

public final class NoSuchUploadException extends StorageException {

    public NoSuchUploadException(String what) {
        super("no such multipart upload: " + what);
    }
}
