package com.s4bsv.s4.checksum;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Feeds every byte read into a {@link StreamingChecksum}; counts them too. */
public final class ChecksumInputStream extends FilterInputStream {

    private final StreamingChecksum checksum = new StreamingChecksum();
    private long count;

    public ChecksumInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            checksum.update(new byte[] {(byte) b}, 0, 1);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = in.read(bytes, offset, length);
        if (n > 0) {
            checksum.update(bytes, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip would leave bytes out of the checksum");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    public StreamingChecksum checksum() {
        return checksum;
    }

    public long count() {
        return count;
    }
}
