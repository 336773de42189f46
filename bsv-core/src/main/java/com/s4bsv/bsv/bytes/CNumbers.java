package com.s4bsv.bsv.bytes;

import java.nio.charset.StandardCharsets;

/**
 * The C library's number parsers ({@code atoi}, {@code atol}, {@code strtol}, {@code strtoul},
 * {@code atof}) on byte ranges: leading whitespace, optional sign, the longest valid prefix, junk
 * ignored, saturation on overflow. Text ends at the range end or the first 0x00, as for a C string.
 */
public final class CNumbers {

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };

    private CNumbers() {}

    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int at(byte[] b, int i, int end) {
        return i < end ? b[i] & 0xFF : 0;
    }

    /** C {@code strtol(s, NULL, 10)} / {@code atol}: 64-bit, saturating. */
    public static long strtol(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (isSpace(at(b, i, end))) {
            i++;
        }
        boolean neg = false;
        int c = at(b, i, end);
        if (c == '+' || c == '-') {
            neg = c == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        for (c = at(b, i, end); c >= '0' && c <= '9'; c = at(b, ++i, end)) {
            int d = c - '0';
            if (!overflow) {
                // accumulate negatively: -2^63 has no positive counterpart; v * 10 - d stays in range
                // unless v is below MIN / 10 (= -922337203685477580, MIN + 8 when times 10) or at it with d = 9
                if (v < Long.MIN_VALUE / 10 || (v == Long.MIN_VALUE / 10 && d > 8)) {
                    overflow = true;
                } else {
                    v = v * 10 - d;
                }
            }
        }
        if (overflow) {
            return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (neg) {
            return v;
        }
        return v == Long.MIN_VALUE ? Long.MAX_VALUE : -v;
    }

    public static long strtol(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return strtol(b, 0, b.length);
    }

    /** C {@code atoi}: {@link #strtol} keeping the low 32 bits. */
    public static int atoi(String s) {
        return (int) strtol(s);
    }

    /** C {@code strtoul(s, NULL, 10)}: saturates to 2^64-1, a '-' negates modulo 2^64. */
    public static long strtoul(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (isSpace(at(b, i, end))) {
            i++;
        }
        boolean neg = false;
        int c = at(b, i, end);
        if (c == '+' || c == '-') {
            neg = c == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        for (c = at(b, i, end); c >= '0' && c <= '9'; c = at(b, ++i, end)) {
            if (!overflow) {
                long hi = Math.unsignedMultiplyHigh(v, 10);
                long lo = v * 10;
                long sum = lo + (c - '0');
                if (hi != 0 || Long.compareUnsigned(sum, lo) < 0) {
                    overflow = true;
                } else {
                    v = sum;
                }
            }
        }
        if (overflow) {
            return -1L;
        }
        return neg ? -v : v;
    }

    /** C {@code atof}/{@code strtod}: the longest valid prefix, correctly rounded; 0.0 when none. */
    public static double strtod(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (isSpace(at(b, i, end))) {
            i++;
        }
        boolean neg = false;
        int c = at(b, i, end);
        if (c == '+' || c == '-') {
            neg = c == '-';
            i++;
        }
        int start = i;
        double v;
        if (at(b, i, end) == '0' && (at(b, i + 1, end) | 0x20) == 'x' && isHexDigitOrDotHex(b, i + 2, end)) {
            v = parseHex(b, i + 2, end);
        } else if (matchesWord(b, i, end, "inf")) {
            v = Double.POSITIVE_INFINITY;
        } else if (matchesWord(b, i, end, "nan")) {
            v = Double.NaN;
        } else {
            v = parseDecimal(b, start, end);
        }
        if (neg) {
            // C keeps the sign of a negated NaN; spell the bits out instead of trusting dneg
            return Double.isNaN(v) ? Double.longBitsToDouble(0xFFF8000000000000L) : -v;
        }
        return v;
    }

    public static double strtod(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return strtod(b, 0, b.length);
    }

    private static boolean matchesWord(byte[] b, int i, int end, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((at(b, i + k, end) | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    private static boolean isHexDigitOrDotHex(byte[] b, int i, int end) {
        return isHex(at(b, i, end)) || (at(b, i, end) == '.' && isHex(at(b, i + 1, end)));
    }

    private static double parseDecimal(byte[] b, int start, int end) {
        int i = start;
        long mantissa = 0;
        int digits = 0;
        int dropped = 0;
        int fractionDigits = 0;
        boolean any = false;
        while (at(b, i, end) >= '0' && at(b, i, end) <= '9') {
            any = true;
            if (digits < 18) {
                if (mantissa != 0 || at(b, i, end) != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (at(b, i, end) - '0');
            } else {
                dropped++;
            }
            i++;
        }
        if (at(b, i, end) == '.') {
            i++;
            while (at(b, i, end) >= '0' && at(b, i, end) <= '9') {
                any = true;
                if (digits < 18) {
                    if (mantissa != 0 || at(b, i, end) != '0') {
                        digits++;
                    }
                    mantissa = mantissa * 10 + (at(b, i, end) - '0');
                    fractionDigits++;
                } else if (at(b, i, end) != '0') {
                    dropped = Integer.MIN_VALUE;
                }
                i++;
            }
        }
        if (!any) {
            return 0.0;
        }
        int exponent = 0;
        boolean hasExponent = false;
        if ((at(b, i, end) | 0x20) == 'e') {
            int j = i + 1;
            boolean expNeg = false;
            if (at(b, j, end) == '+' || at(b, j, end) == '-') {
                expNeg = at(b, j, end) == '-';
                j++;
            }
            if (at(b, j, end) >= '0' && at(b, j, end) <= '9') {
                hasExponent = true;
                while (at(b, j, end) >= '0' && at(b, j, end) <= '9') {
                    if (exponent < 100_000) {
                        exponent = exponent * 10 + (at(b, j, end) - '0');
                    }
                    j++;
                }
                if (expNeg) {
                    exponent = -exponent;
                }
                i = j;
            }
        }
        int scale = exponent - fractionDigits;
        // Clinger's fast path: both operands exact, one rounding
        if (dropped == 0 && mantissa < (1L << 53)) {
            if (scale == 0 || mantissa == 0) {
                return mantissa;
            }
            if (scale > 0 && scale <= 22) {
                return mantissa * POW10[scale];
            }
            if (scale < 0 && scale >= -22) {
                return mantissa / POW10[-scale];
            }
        }
        String text = new String(b, start, i - start, StandardCharsets.ISO_8859_1);
        if (!hasExponent) {
            int e = Math.max(text.indexOf('e'), text.indexOf('E'));
            if (e >= 0) {
                text = text.substring(0, e);
            }
        }
        return Double.parseDouble(text);
    }

    private static double parseHex(byte[] b, int i, int end) {
        int start = i;
        while (isHex(at(b, i, end))) {
            i++;
        }
        if (at(b, i, end) == '.') {
            i++;
            while (isHex(at(b, i, end))) {
                i++;
            }
        }
        String mantissa = new String(b, start, i - start, StandardCharsets.ISO_8859_1);
        String exponent = "0";
        if ((at(b, i, end) | 0x20) == 'p') {
            int j = i + 1;
            int signAt = j;
            if (at(b, j, end) == '+' || at(b, j, end) == '-') {
                j++;
            }
            if (at(b, j, end) >= '0' && at(b, j, end) <= '9') {
                while (at(b, j, end) >= '0' && at(b, j, end) <= '9') {
                    j++;
                }
                exponent = new String(b, signAt, j - signAt, StandardCharsets.ISO_8859_1);
            }
        }
        return Double.parseDouble("0x" + mantissa + "p" + exponent);
    }
}
