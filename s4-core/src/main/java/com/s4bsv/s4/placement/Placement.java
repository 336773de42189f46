package com.s4bsv.s4.placement;

import com.s4bsv.s4.key.S4Key;
import java.nio.charset.StandardCharsets;
import net.openhft.hashing.LongHashFunction;

/**
 * Which node owns a key: a pure function of the key's basename and the number of nodes.
 *
 * <p>If the part of the basename before its first '_' is one or more ASCII digits, the owner is that
 * number mod N (so {@code 000_x}, {@code 000} and {@code 003_y} go to nodes 0, 0 and 3 mod N, which is how
 * shuffle partitions meet on one node); otherwise it is the unsigned xxh3-64 of the basename's UTF-8 bytes
 * mod N.
 */
public final class Placement {

    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private Placement() {}

    public static int nodeIndex(S4Key key, int nodes) {
        return nodeIndex(key.basename(), nodes);
    }

    public static int nodeIndex(String basename, int nodes) {
        if (nodes <= 0) {
            throw new IllegalArgumentException("cluster has no nodes");
        }
        int digits = numericPrefixLength(basename);
        if (digits > 0) {
            return decimalMod(basename, digits, nodes);
        }
        return (int) Long.remainderUnsigned(hash(basename), nodes);
    }

    /** Unsigned xxh3-64 (seed 0) of the UTF-8 bytes, as a Java long. */
    public static long hash(String basename) {
        return XXH3.hashBytes(basename.getBytes(StandardCharsets.UTF_8));
    }

    /** Length of the all-digit part before the first '_', or 0 when that part is empty or not all digits. */
    public static int numericPrefixLength(String basename) {
        int end = basename.indexOf('_');
        if (end < 0) {
            end = basename.length();
        }
        for (int i = 0; i < end; i++) {
            char c = basename.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
        }
        return end;
    }

    // Exact value mod N digit by digit, so prefixes of any length (beyond 64 bits) place correctly.
    private static int decimalMod(String digits, int length, int nodes) {
        long rem = 0;
        for (int i = 0; i < length; i++) {
            rem = (rem * 10 + (digits.charAt(i) - '0')) % nodes;
        }
        return (int) rem;
    }
}
