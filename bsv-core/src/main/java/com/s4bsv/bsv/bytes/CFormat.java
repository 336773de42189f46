package com.s4bsv.bsv.bytes;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C {@code printf} number formatting into byte arrays: {@code %ld}, {@code %lu} and {@code %.Pg}
 * (glibc: exact binary value rounded half-even to P digits, trailing zeros removed). Integers and
 * integral doubles format without allocating; other doubles go through {@link BigDecimal}.
 */
public final class CFormat {

    /** Longest text any of these methods writes. */
    public static final int MAX_LENGTH = 32;

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private CFormat() {
    }

    /** {@code %ld}; returns the bytes written. */
    public static int formatLong(long v, byte[] dest, int off) {
        if (v == Long.MIN_VALUE) {
            return ascii("-9223372036854775808", dest, off);
        }
        int at = off;
        if (v < 0) {
            dest[at++] = '-';
            v = -v;
        }
        return at - off + digits(v, dest, at);
    }

    /** {@code %lu}; returns the bytes written. */
    public static int formatUnsigned(long v, byte[] dest, int off) {
        if (v >= 0) {
            return digits(v, dest, off);
        }
        long q = Long.divideUnsigned(v, 10);
        int n = digits(q, dest, off);
        dest[off + n] = (byte) ('0' + Long.remainderUnsigned(v, 10));
        return n + 1;
    }

    private static int digits(long v, byte[] dest, int off) {
        int n = 1;
        while (n < 19 && v >= POW10[n]) {
            n++;
        }
        for (int i = off + n - 1; i >= off; i--) {
            dest[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return n;
    }

    /** {@code %.Pg} of {@code v} (P = {@code precision}); returns the bytes written. */
    public static int formatG(double v, int precision, byte[] dest, int off) {
        long bits = Double.doubleToRawLongBits(v);
        boolean negative = bits < 0;
        int at = off;
        if (Double.isNaN(v)) {
            return ascii(negative ? "-nan" : "nan", dest, off);
        }
        if (negative) {
            dest[at++] = '-';
        }
        double a = Math.abs(v);
        if (Double.isInfinite(a)) {
            return at - off + ascii("inf", dest, at);
        }
        if (a == 0) {
            dest[at] = '0';
            return at - off + 1;
        }
        if (a < POW10[Math.min(precision, 18)] && a == Math.rint(a)) {
            // an integer with at most P digits prints as itself
            return at - off + digits((long) a, dest, at);
        }
        BigDecimal rounded = new BigDecimal(a).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        String sig = digits.substring(0, end);
        StringBuilder sb = new StringBuilder();
        if (exponent >= -4 && exponent < precision) {
            if (exponent >= 0) {
                for (int i = 0; i <= exponent; i++) {
                    sb.append(i < sig.length() ? sig.charAt(i) : '0');
                }
                if (sig.length() > exponent + 1) {
                    sb.append('.').append(sig, exponent + 1, sig.length());
                }
            } else {
                sb.append("0.");
                sb.append("0".repeat(-exponent - 1));
                sb.append(sig);
            }
        } else {
            sb.append(sig.charAt(0));
            if (sig.length() > 1) {
                sb.append('.').append(sig, 1, sig.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
        }
        return at - off + ascii(sb.toString(), dest, at);
    }

    private static int ascii(String s, byte[] dest, int off) {
        for (int i = 0; i < s.length(); i++) {
            dest[off + i] = (byte) s.charAt(i);
        }
        return s.length();
    }
}
