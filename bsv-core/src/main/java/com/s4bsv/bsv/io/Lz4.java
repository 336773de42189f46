package com.s4bsv.bsv.io;

import com.s4bsv.bsv.format.FatalException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/** Raw lz4 blocks (no frame format); loaded on first use so plain tools never pay for it. */
public final class Lz4 {

    private static final class Holder {
        static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
        static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
        static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
    }

    private Lz4() {}

    /** Largest block {@link #compress} may produce for {@code length} input bytes. */
    public static int maxCompressedLength(int length) {
        return Holder.COMPRESSOR.maxCompressedLength(length);
    }

    public static int compress(byte[] src, int off, int len, byte[] dest, int destOff) {
        return Holder.COMPRESSOR.compress(src, off, len, dest, destOff, dest.length - destOff);
    }

    /**
     * Decompresses a block that must expand to exactly {@code expected} bytes, else the format's
     * {@code decompress size mismatch} error (also for any corrupt block).
     */
    public static void decompress(byte[] src, int off, int len, byte[] dest, int expected) {
        int got;
        try {
            got = Holder.DECOMPRESSOR.decompress(src, off, len, dest, 0, dest.length);
        } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
            got = -1;
        }
        if (got != expected) {
            throw new FatalException("fatal: decompress size mismatch\n");
        }
    }
}
