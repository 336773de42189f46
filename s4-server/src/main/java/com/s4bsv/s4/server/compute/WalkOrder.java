package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.key.S4Key;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of a depth-first walk with each folder's entries sorted by name byte-wise: paths compare part by part
 * ('/'-separated). Not plain key order: {@code a/b} comes before {@code a-c} here ('-' sorts before '/').
 */
final class WalkOrder {

    static final Comparator<String> PATHS = WalkOrder::compare;
    static final Comparator<S4Key> KEYS = Comparator.comparing(S4Key::path, PATHS);

    private WalkOrder() {}

    static int compare(String a, String b) {
        String[] pa = a.split("/", -1);
        String[] pb = b.split("/", -1);
        int n = Math.min(pa.length, pb.length);
        for (int i = 0; i < n; i++) {
            int c = Arrays.compareUnsigned(
                    pa[i].getBytes(StandardCharsets.UTF_8), pb[i].getBytes(StandardCharsets.UTF_8));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }
}
