package com.s4bsv.bsv.collections;

import java.util.Arrays;

/** Stable LSD radix sort of row indices by unsigned 64-bit keys, one byte per pass, skipping constant bytes. */
public final class RadixSort {

    private RadixSort() {}

    /** Indices 0..n-1 ordered by unsigned {@code keys[i]}, equal keys in index order. */
    public static int[] sort(long[] keys, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n < 2 || ascending(keys, n)) {
            return order;
        }
        long[] k = keys;
        long[] kTmp = new long[n];
        int[] oTmp = new int[n];
        long[] src = Arrays.copyOf(k, n);
        long differing = 0;
        for (int i = 1; i < n; i++) {
            differing |= src[i] ^ src[0];
        }
        int[] count = new int[256];
        for (int shift = 0; shift < 64; shift += 8) {
            if (((differing >>> shift) & 0xFF) == 0) {
                continue;
            }
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (src[i] >>> shift) & 0xFF]++;
            }
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int at = count[(int) (src[i] >>> shift) & 0xFF]++;
                kTmp[at] = src[i];
                oTmp[at] = order[i];
            }
            long[] ks = src;
            src = kTmp;
            kTmp = ks;
            int[] os = order;
            order = oTmp;
            oTmp = os;
        }
        return order;
    }

    /** True when {@code keys[0..n)} is already in unsigned order: sorted input costs one pass. */
    private static boolean ascending(long[] keys, int n) {
        for (int i = 1; i < n; i++) {
            if (Long.compareUnsigned(keys[i - 1], keys[i]) > 0) {
                return false;
            }
        }
        return true;
    }
}
