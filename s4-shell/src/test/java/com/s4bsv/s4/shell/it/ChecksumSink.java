package com.s4bsv.s4.shell.it;

import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** Swallows a download, keeping its length, CRC32C and CRC32 (the latter to check keys boto3 wrote). */
final class ChecksumSink extends OutputStream {

    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    private long count;

    @Override
    public void write(int b) {
        crc32c.update(b);
        crc32.update(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        crc32c.update(b, off, len);
        crc32.update(b, off, len);
        count += len;
    }

    long count() {
        return count;
    }

    long crc32c() {
        return crc32c.getValue();
    }

    long crc32() {
        return crc32.getValue();
    }
}
