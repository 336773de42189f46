package com.s4bsv.bsv.bytes;

import java.util.HexFormat;
import net.openhft.hashing.LongHashFunction;

/**
 * XXH3-64 (seed 0, default secret) over a stream of any length with constant memory. Inputs up to
 * 240 bytes are hashed in one call; longer ones run the stripe/block loop here, consuming a stripe
 * only once a byte follows it, so the final stripe is handled exactly as in the one-shot hash.
 */
public final class Xxh3Stream {

    private static final long PRIME32_1 = 0x9E3779B1L;
    private static final long PRIME32_2 = 0x85EBCA77L;
    private static final long PRIME32_3 = 0xC2B2AE3DL;
    private static final long PRIME64_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME64_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME64_3 = 0x165667B19E3779F9L;
    private static final long PRIME64_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME64_5 = 0x27D4EB2F165667C5L;
    private static final int STRIPE = 64;
    private static final int STRIPES_PER_BLOCK = 16;
    private static final int SHORT_MAX = 240;
    private static final byte[] SECRET = secret();

    private final long[] acc = new long[8];
    private final byte[] buffer = new byte[1 << 16];
    private int filled;
    private int consumed;
    private int stripesInBlock;
    private long total;

    public Xxh3Stream() {
        reset();
    }

    public void reset() {
        acc[0] = PRIME32_3;
        acc[1] = PRIME64_1;
        acc[2] = PRIME64_2;
        acc[3] = PRIME64_3;
        acc[4] = PRIME64_4;
        acc[5] = PRIME32_2;
        acc[6] = PRIME64_5;
        acc[7] = PRIME32_1;
        filled = 0;
        consumed = 0;
        stripesInBlock = 0;
        total = 0;
    }

    public void update(byte[] b, int off, int len) {
        total += len;
        while (len > 0) {
            if (filled == buffer.length) {
                compact();
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            // a stripe is consumed only when at least one byte follows it
            while (filled - consumed > STRIPE) {
                accumulate(acc, buffer, consumed, stripesInBlock * 8);
                consumed += STRIPE;
                if (++stripesInBlock == STRIPES_PER_BLOCK) {
                    scramble();
                    stripesInBlock = 0;
                }
            }
        }
    }

    public long digest() {
        if (total <= SHORT_MAX) {
            return LongHashFunction.xx3().hashBytes(buffer, 0, (int) total);
        }
        long[] last = acc.clone();
        accumulate(last, buffer, filled - STRIPE, SECRET.length - STRIPE - 7);
        long result = total * PRIME64_1;
        for (int i = 0; i < 4; i++) {
            result += mix(
                    last[2 * i] ^ LittleEndian.i64(SECRET, 11 + 16 * i),
                    last[2 * i + 1] ^ LittleEndian.i64(SECRET, 11 + 16 * i + 8));
        }
        return avalanche(result);
    }

    private void compact() {
        // keep the unconsumed tail and the 64 bytes before it: the last stripe may overlap them
        int from = Math.max(0, consumed - STRIPE);
        System.arraycopy(buffer, from, buffer, 0, filled - from);
        filled -= from;
        consumed -= from;
    }

    private static void accumulate(long[] acc, byte[] data, int off, int secretOff) {
        for (int i = 0; i < 8; i++) {
            long value = LittleEndian.i64(data, off + 8 * i);
            long key = value ^ LittleEndian.i64(SECRET, secretOff + 8 * i);
            acc[i ^ 1] += value;
            acc[i] += (key & 0xFFFFFFFFL) * (key >>> 32);
        }
    }

    private void scramble() {
        int secretOff = SECRET.length - STRIPE;
        for (int i = 0; i < 8; i++) {
            long a = acc[i];
            a ^= a >>> 47;
            a ^= LittleEndian.i64(SECRET, secretOff + 8 * i);
            acc[i] = a * PRIME32_1;
        }
    }

    private static long mix(long a, long b) {
        return a * b ^ Math.unsignedMultiplyHigh(a, b);
    }

    private static long avalanche(long h) {
        h ^= h >>> 37;
        h *= 0x165667919E3779F9L;
        return h ^ (h >>> 32);
    }

    private static byte[] secret() {
        String hex = "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221"
                + "b8084674f743248ee03590e6813a264c3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
                + "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364eac5ac8334d3ebc3c581a0fffa1363eb"
                + "170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e";
        return HexFormat.of().parseHex(hex);
    }
}
