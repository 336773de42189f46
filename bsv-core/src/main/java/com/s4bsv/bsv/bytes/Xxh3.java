package com.s4bsv.bsv.bytes;

import net.openhft.hashing.LongHashFunction;

/** XXH3-64 with seed 0 and the default secret (xxHash 0.8), over byte ranges, allocation-free. */
public final class Xxh3 {

    private static final LongHashFunction XX3 = LongHashFunction.xx3();

    private Xxh3() {}

    public static long hash(byte[] b, int off, int len) {
        return XX3.hashBytes(b, off, len);
    }

    /** The bucket of a key among {@code n}: the hash modulo n, unsigned. */
    public static int bucket(byte[] b, int off, int len, int n) {
        return (int) Long.remainderUnsigned(hash(b, off, len), n);
    }
}
