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

    private CFormat() {}

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
        int fast = fixedFast(a, precision, dest, at);
        if (fast > 0) {
            return at - off + fast;
        }
        return at - off + slow(a, precision, dest, at);
    }

    /**
     * Exact {@code %.Pg} in fixed notation without allocating: round {@code a * 10^k} half-even in
     * 128-bit integer arithmetic. Returns 0 when the value needs the slow path (exponential notation
     * or out of range).
     */
    private static int fixedFast(double a, int precision, byte[] dest, int off) {
        if (precision > 17 || a < 1e-4 || a >= 1e17) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(a);
        int biased = (int) (bits >>> 52) & 0x7FF;
        if (biased == 0) {
            return 0;
        }
        long m = (bits & 0xFFFFFFFFFFFFFL) | (1L << 52);
        int shift = 1075 - biased;
        if (shift <= 0) {
            return 0;
        }
        int x = (int) Math.floor(Math.log10(a));
        for (int attempt = 0; attempt < 3; attempt++) {
            int k = precision - 1 - x;
            if (k < 0 || k > 18) {
                return 0;
            }
            // the exponent estimate is checked on the truncated value, before rounding can carry
            long t = scaleRound(m, POW10[k], shift, false);
            if (t < 0) {
                return 0;
            }
            if (t < POW10[precision - 1]) {
                x--;
                continue;
            }
            if (t >= POW10[precision]) {
                x++;
                continue;
            }
            long d = scaleRound(m, POW10[k], shift, true);
            if (d == POW10[precision]) {
                d = POW10[precision - 1];
                x++;
            }
            if (x < -4 || x >= precision) {
                return 0;
            }
            return writeFixed(d, precision, x, dest, off);
        }
        return 0;
    }

    /** m * p / 2^shift rounded half-even (or truncated), or -1 when it does not fit. */
    private static long scaleRound(long m, long p, int shift, boolean round) {
        long hi = Math.multiplyHigh(m, p);
        long lo = m * p;
        if (shift >= 128) {
            return -1;
        }
        long q;
        boolean above;
        boolean exactHalf;
        if (shift < 64) {
            if ((hi >>> shift) != 0 || (shift > 0 && (hi << (64 - shift)) < 0)) {
                return -1;
            }
            q = shift == 0 ? lo : (hi << (64 - shift)) | (lo >>> shift);
            if (shift == 0) {
                return q;
            }
            long rem = lo & ((1L << shift) - 1);
            long half = 1L << (shift - 1);
            above = Long.compareUnsigned(rem, half) > 0;
            exactHalf = rem == half;
        } else {
            int s = shift - 64;
            q = hi >>> s;
            long remHi = s == 0 ? 0 : hi & ((1L << s) - 1);
            if (s == 0) {
                above = lo < 0 && (lo & Long.MAX_VALUE) != 0;
                exactHalf = lo == Long.MIN_VALUE;
            } else {
                long half = 1L << (s - 1);
                above = Long.compareUnsigned(remHi, half) > 0 || (remHi == half && lo != 0);
                exactHalf = remHi == half && lo == 0;
            }
        }
        if (round && (above || (exactHalf && (q & 1) == 1))) {
            q++;
        }
        return q;
    }

    /** Writes P significant digits {@code d} with decimal exponent {@code x}, trailing zeros dropped. */
    private static int writeFixed(long d, int precision, int x, byte[] dest, int off) {
        int digitsKept = precision;
        while (digitsKept > 1 && d % 10 == 0) {
            d /= 10;
            digitsKept--;
        }
        int at = off;
        if (x >= 0) {
            int intDigits = x + 1;
            long scale = 1;
            int fraction = digitsKept - intDigits;
            if (fraction > 0) {
                for (int i = 0; i < fraction; i++) {
                    scale *= 10;
                }
                long intPart = d / scale;
                at += digits(intPart, dest, at);
                dest[at++] = '.';
                long fracPart = d % scale;
                for (int i = fraction - 1; i >= 0; i--) {
                    dest[at + i] = (byte) ('0' + fracPart % 10);
                    fracPart /= 10;
                }
                at += fraction;
            } else {
                at += digits(d, dest, at);
                for (int i = 0; i < -fraction; i++) {
                    dest[at++] = '0';
                }
            }
        } else {
            dest[at++] = '0';
            dest[at++] = '.';
            for (int i = 0; i < -x - 1; i++) {
                dest[at++] = '0';
            }
            at += digits(d, dest, at);
        }
        return at - off;
    }

    static int slow(double a, int precision, byte[] dest, int at) {
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
        return ascii(sb.toString(), dest, at);
    }

    private static int ascii(String s, byte[] dest, int off) {
        for (int i = 0; i < s.length(); i++) {
            dest[off + i] = (byte) s.charAt(i);
        }
        return s.length();
    }
}
