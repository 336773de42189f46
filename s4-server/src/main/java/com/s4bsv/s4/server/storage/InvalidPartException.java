package com.s4bsv.s4.server.storage;

/** A CompleteMultipartUpload that names a part that was not uploaded, or with another ETag, or out of order. */
public final class InvalidPartException extends StorageException {

    private final boolean order;

    public InvalidPartException(String message, boolean order) {
        super(message);
        this.order = order;
    }

    public boolean isOrderProblem() {
        return order;
    }
}
