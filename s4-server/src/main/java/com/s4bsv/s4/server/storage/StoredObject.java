package com.s4bsv.s4.server.storage;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.key.S4Key;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A committed object: read-only file plus its CRC32C.
 *
 * @param file the committed file; read it, never write it
 */
public record StoredObject(S4Key key, long size, long crc32c, Instant lastModified, Path file) {

    public String checksumBase64() {
        return StreamingChecksum.toBase64(crc32c);
    }

    /**
     * Quoted ETag. Not an MD5 (computing one would halve upload speed): the '-' marks it as such for clients that
     * compare ETags with their own MD5, exactly as multipart ETags do on S3.
     */
    public String etag() {
        return etagOf(crc32c, size);
    }

    public static String etagOf(long crc32c, long size) {
        return "\"" + StreamingChecksum.toHex(crc32c) + Long.toHexString(size) + "-1\"";
    }
}
