package com.s4bsv.s4.checksum;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Feeds every byte written into a {@link StreamingChecksum}; counts them too. */
public final class ChecksumOutputStream extends FilterOutputStream {

    private final StreamingChecksum checksum = new StreamingChecksum();
    private long count;

    public ChecksumOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        checksum.update(new byte[] {(byte) b}, 0, 1);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        checksum.update(bytes, offset, length);
        count += length;
    }

    public StreamingChecksum checksum() {
        return checksum;
    }

    public long count() {
        return count;
    }
}
