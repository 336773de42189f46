package com.s4bsv.bsv.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CFormatTest {

    private static String g(double v, int p) {
        byte[] b = new byte[CFormat.MAX_LENGTH];
        return new String(b, 0, CFormat.formatG(v, p, b, 0), StandardCharsets.US_ASCII);
    }

    private static String slow(double v, int p) {
        byte[] b = new byte[CFormat.MAX_LENGTH];
        return (v < 0 ? "-" : "") + new String(b, 0, CFormat.slow(Math.abs(v), p, b, 0), StandardCharsets.US_ASCII);
    }

    @Test
    void formatsLikeGlibc() {
        assertThat(g(0.1, 16)).isEqualTo("0.1");
        assertThat(g(0.3, 16)).isEqualTo("0.3");
        assertThat(g(0.1 + 0.2, 16)).isEqualTo("0.3");
        assertThat(g(1.0 / 3, 16)).isEqualTo("0.3333333333333333");
        assertThat(g(2.0 / 3, 16)).isEqualTo("0.6666666666666666");
        assertThat(g(123.456, 16)).isEqualTo("123.456");
        assertThat(g(9.99999999999999999, 16)).isEqualTo("10");
        assertThat(g(0.00012345, 16)).isEqualTo("0.00012345");
        assertThat(g(-2.5, 16)).isEqualTo("-2.5");
        assertThat(g(1e15 + 0.5, 16)).isEqualTo("1000000000000000");
        assertThat(g(1e15 + 1.5, 16)).isEqualTo("1000000000000002");
        assertThat(g(0.60000002384185791, 8)).isEqualTo("0.60000002");
        assertThat(g(99999999.5, 8)).isEqualTo("1e+08");
        assertThat(g(0.1f, 8)).isEqualTo("0.1");
    }

    @Property(tries = 1500)
    void fastPathAgreesWithTheExactDecimalExpansion(@ForAll("doubles") double v) {
        if (v == 0 || Double.isInfinite(v) || Float.isInfinite((float) v) || (float) v == 0) {
            return;
        }
        assertThat(g(v, 16)).isEqualTo(slow(v, 16));
        float f = (float) v;
        assertThat(g(f, 8)).isEqualTo(slow(f, 8));
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e17, 1e17),
                Arbitraries.doubles().between(-1000, 1000).ofScale(3),
                Arbitraries.doubles().between(1e-5, 1).ofScale(12),
                Arbitraries.randomValue(r -> r.nextDouble() * Math.pow(10, r.nextInt(60) - 30)),
                Arbitraries.integers().between(-20, 20).map(e -> Math.pow(10, e)),
                Arbitraries.integers().between(-20, 20).map(e -> Math.nextDown(Math.pow(10, e))),
                Arbitraries.integers().between(1, 1_000_000).map(i -> i + 0.5));
    }

    @Property(tries = 1500)
    void strtodAgreesWithJavaOnPlainDecimals(@ForAll("decimals") String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        assertThat(CNumbers.strtod(b, 0, b.length)).isEqualTo(Double.parseDouble(s));
    }

    @Provide
    Arbitrary<String> decimals() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().map(d -> Double.toString(d)),
                Arbitraries.longs().map(l -> Long.toString(l)),
                Arbitraries.randomValue(r -> r.nextLong(1L << 62) + "." + r.nextLong(1L << 62) + r.nextInt(1000)),
                Arbitraries.integers().between(-330, 310).map(e -> "1.7e" + e));
    }

    @Test
    void strtodTakesTheLongestPrefix() {
        assertThat(CNumbers.strtod("  -1.5e3xyz")).isEqualTo(-1500.0);
        assertThat(CNumbers.strtod("1e")).isEqualTo(1.0);
        assertThat(CNumbers.strtod("1e+")).isEqualTo(1.0);
        assertThat(CNumbers.strtod(".")).isEqualTo(0.0);
        assertThat(CNumbers.strtod("0x")).isEqualTo(0.0);
        assertThat(CNumbers.strtod("0x1.8p1")).isEqualTo(3.0);
        assertThat(CNumbers.strtod("0xA")).isEqualTo(10.0);
        assertThat(CNumbers.strtod("infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(CNumbers.strtod("-nan(123)"))).isEqualTo(0xFFF8000000000000L);
        assertThat(Double.doubleToRawLongBits(CNumbers.strtod("NaN"))).isEqualTo(0x7FF8000000000000L);
        assertThat(CNumbers.strtol("  +12abc")).isEqualTo(12);
        assertThat(CNumbers.strtol("99999999999999999999")).isEqualTo(Long.MAX_VALUE);
        assertThat(CNumbers.strtol("-99999999999999999999")).isEqualTo(Long.MIN_VALUE);
        assertThat(CNumbers.strtol("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(CNumbers.strtol("-9223372036854775807")).isEqualTo(-Long.MAX_VALUE);
        assertThat(CNumbers.strtol("-9223372036854775809")).isEqualTo(Long.MIN_VALUE);
        assertThat(CNumbers.strtol("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(CNumbers.strtol("9223372036854775806")).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(CNumbers.strtol("9223372036854775808")).isEqualTo(Long.MAX_VALUE);
        assertThat(CNumbers.strtol("922337203685477580")).isEqualTo(922337203685477580L);
        assertThat(CNumbers.strtol("-922337203685477581")).isEqualTo(-922337203685477581L);
        assertThat(CNumbers.strtol("-92233720368547758090")).isEqualTo(Long.MIN_VALUE);
        assertThat(CNumbers.atoi("4294967297")).isEqualTo(1);
        byte[] u = "-1".getBytes();
        assertThat(CNumbers.strtoul(u, 0, 2)).isEqualTo(-1L);
        byte[] big = "18446744073709551616".getBytes();
        assertThat(CNumbers.strtoul(big, 0, big.length)).isEqualTo(-1L);
    }
}
