package com.s4bsv.s4.server.storage;

/**
 * Runs after the last byte of an upload was received and before it is published, with the CRC32C and size the
 * store computed; throwing aborts the upload and nothing is stored. The front verifies client checksums here.
 */
@FunctionalInterface
public interface UploadCheck {

    UploadCheck NONE = (crc32c, size) -> {};

    void verify(long crc32c, long size);
}
