package com.s4bsv.s4.server.storage;

/** A storage outcome the caller must tell the user about; rendered once by the front (S3 errors). */
public abstract sealed class StorageException extends RuntimeException
        permits NoSuchKeyException,
                KeyExistsException,
                KeyConflictException,
                NoSuchBucketException,
                BucketNotEmptyException,
                NoSuchUploadException,
                InvalidPartException,
                DataDirException,
                InsufficientStorageException,
                EntityTooSmallException {

    StorageException(String message) {
        super(message);
    }

    StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
