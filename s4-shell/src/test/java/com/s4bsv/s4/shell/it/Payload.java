package com.s4bsv.s4.shell.it;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * {@code size} seeded pseudo-random bytes, made while they are read so a 16 MiB object costs no heap, with the
 * CRC32C and CRC32 of exactly what the reader took: the writer's side of the ledger.
 */
final class Payload extends InputStream {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long size;
    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    private long state;
    private long position;

    Payload(long size, long seed) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            LONGS.set(b, off + i, next());
        }
        long last = next();
        for (; i < n; i++) {
            b[off + i] = (byte) last;
            last >>>= 8;
        }
        crc32c.update(b, off, n);
        crc32.update(b, off, n);
        position += n;
        return n;
    }

    private long next() {
        // xorshift64: cheap, and random enough that no layer can compress or deduplicate it
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return state;
    }

    /** Bytes handed out so far; equals the size once the client has read everything. */
    long position() {
        return position;
    }

    long crc32c() {
        return crc32c.getValue();
    }

    long crc32() {
        return crc32.getValue();
    }
}
