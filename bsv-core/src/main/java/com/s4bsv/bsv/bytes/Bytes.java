package com.s4bsv.bsv.bytes;

import java.util.Arrays;

/** Comparisons on byte ranges with C semantics: unsigned bytes, {@code strcmp} stops at NUL. */
public final class Bytes {

    private Bytes() {}

    /**
     * C {@code strcmp} of two columns: unsigned bytes, ending at the column end or the first 0x00,
     * whichever comes first. Returns negative, zero or positive.
     */
    public static int strcmp(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        int n = Math.min(aLen, bLen);
        if (n >= Long.BYTES) {
            // most keys differ in their first eight bytes: find the byte without a mismatch call
            long x = LittleEndian.i64(a, aOff);
            long y = LittleEndian.i64(b, bOff);
            if (x != y) {
                int i = Long.numberOfTrailingZeros(x ^ y) >>> 3;
                if (nulBefore(a, aOff, i)) {
                    return 0;
                }
                return (a[aOff + i] & 0xFF) - (b[bOff + i] & 0xFF);
            }
        }
        int i = Arrays.mismatch(a, aOff, aOff + n, b, bOff, bOff + n);
        if (i < 0) {
            i = n;
        }
        if (nulBefore(a, aOff, i)) {
            return 0;
        }
        int x = i < aLen ? a[aOff + i] & 0xFF : 0;
        int y = i < bLen ? b[bOff + i] & 0xFF : 0;
        return x - y;
    }

    private static boolean nulBefore(byte[] a, int off, int len) {
        int k = 0;
        for (; k + Long.BYTES <= len; k += Long.BYTES) {
            if (hasZeroByte(LittleEndian.i64(a, off + k))) {
                return true;
            }
        }
        if (k == len) {
            return false;
        }
        if (off + k + Long.BYTES <= a.length) {
            // the last 1..7 bytes in one read; the bytes after them are set to 0xFF so they never count
            return hasZeroByte(LittleEndian.i64(a, off + k) | (-1L << (Byte.SIZE * (len - k))));
        }
        for (; k < len; k++) {
            if (a[off + k] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Non-zero exactly when one of the eight bytes of {@code v} is zero. */
    private static boolean hasZeroByte(long v) {
        return ((v - 0x0101_0101_0101_0101L) & ~v & 0x8080_8080_8080_8080L) != 0;
    }

    /** Full-byte equality, length-sensitive (what hash tables use). */
    public static boolean equal(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        return aLen == bLen && Arrays.equals(a, aOff, aOff + aLen, b, bOff, bOff + bLen);
    }

    /** Length of the C string in a column: up to the first 0x00 or the column end. */
    public static int cLength(byte[] a, int off, int len) {
        for (int k = 0; k < len; k++) {
            if (a[off + k] == 0) {
                return k;
            }
        }
        return len;
    }

    /**
     * True when {@code a[off .. off + len)} reads as text (printable ASCII, tab, CR, LF, or UTF-8 bytes), at least
     * half of it ASCII: never true of a valid chunk header, whose high byte is 0.
     */
    public static boolean looksLikeText(byte[] a, int off, int len) {
        int ascii = 0;
        for (int i = off; i < off + len; i++) {
            int b = a[i] & 0xFF;
            if ((b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r') {
                ascii++;
            } else if (b < 0x80) {
                return false;
            }
        }
        return len > 0 && 2 * ascii >= len;
    }

    /** {@code isdigits}: every byte is 0-9; the empty string counts. */
    public static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code isdigits_ordot}: every byte is 0-9 or '.'; the empty string counts. */
    public static boolean isDigitsOrDot(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
