package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** bquantile-sketch and bquantile-merge: the spec's examples, the serialized layout, errors, accuracy. */
class QuantileToolsTest {

    private final ToolHarness h = new ToolHarness();

    static byte[] i64s(long... values) {
        List<List<byte[]>> rows = new ArrayList<>();
        for (long v : values) {
            rows.add(List.of(RowGen.i64(v)));
        }
        return BsvModel.encode(rows, Layout.DEFAULT);
    }

    static byte[] f64s(double... values) {
        List<List<byte[]>> rows = new ArrayList<>();
        for (double v : values) {
            rows.add(List.of(RowGen.f64(v)));
        }
        return BsvModel.encode(rows, Layout.DEFAULT);
    }

    private static long[] seq(int from, int to) {
        long[] v = new long[to - from + 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = from + i;
        }
        return v;
    }

    /** {@code [q, value]} pairs of a bquantile-merge output. */
    private static List<double[]> pairs(byte[] bsv) {
        return BsvModel.decode(bsv).stream()
                .map(r -> new double[] {RowGen.f64(r.get(0)), RowGen.f64(r.get(1))})
                .toList();
    }

    @Test
    void seqOneToHundredGivesTheSpecQuantiles() {
        byte[] sketch = h.run("bquantile-sketch", i64s(seq(1, 100)), "i64").ok();
        List<double[]> q = pairs(h.run("bquantile-merge", sketch, ".2,.5,.7").ok());
        assertThat(q).hasSize(3);
        assertThat(q.get(0)[0]).isEqualTo(0.2);
        assertThat(q.get(0)[1]).isCloseTo(19.88667024086646, within(1e-13));
        assertThat(q.get(1)[1]).isCloseTo(49.90296094906742, within(1e-13));
        assertThat(q.get(2)[0]).isEqualTo(0.7);
        assertThat(q.get(2)[1]).isCloseTo(70.11183939140405, within(1e-13));
    }

    @Test
    void serializedSketchHasTheSpecHeader() {
        List<byte[]> row = BsvModel.decode(
                        h.run("bquantile-sketch", i64s(seq(1, 100)), "i64").ok())
                .get(0);
        assertThat(row).hasSize(14 + 359);
        assertThat(RowGen.f64(row.get(0))).isEqualTo(1.0);
        assertThat(RowGen.f64(row.get(1))).isEqualTo(100.0);
        assertThat(RowGen.i64(row.get(2))).isEqualTo(100);
        assertThat(RowGen.f64(row.get(3))).isEqualTo(5050.0);
        assertThat(i32(row.get(4))).isEqualTo(2048);
        assertThat(RowGen.f64(row.get(5))).isEqualTo(1.02020202020202);
        assertThat(RowGen.f64(row.get(6))).isEqualTo(0.020000666706669525);
        assertThat(RowGen.f64(row.get(7))).isEqualTo(1e-9);
        assertThat(i32(row.get(8))).isEqualTo(1037);
        assertThat(i32(row.get(9))).isEqualTo(359);
        assertThat(i32(row.get(10))).isEqualTo(2048);
        assertThat(RowGen.i64(row.get(11))).isEqualTo(100);
        assertThat(i32(row.get(12))).isEqualTo(910);
        assertThat(i32(row.get(13))).isEqualTo(1268);
        long bins = 0;
        for (int i = 14; i < row.size(); i++) {
            bins += RowGen.i64(row.get(i));
        }
        assertThat(bins).isEqualTo(100);
    }

    private static int i32(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void emptyInputGivesOneEmptySketchRow() {
        byte[] out = h.run("bquantile-sketch", new byte[0], "f64").ok();
        assertThat(BsvModel.chunks(out))
                .singleElement()
                .extracting(c -> c.length)
                .isEqualTo(1540);
        ToolHarness.Result merged = h.run("bquantile-merge", out, "0.5");
        assertThat(merged.exit()).isEqualTo(1);
        assertThat(merged.errText()).isEqualTo("fatal: bad q param or no data 17\n");
    }

    @Test
    void nonPositiveValuesKeepMaxAtDblMin() {
        byte[] sketch = h.run("bquantile-sketch", i64s(-5, -3, -1), "i64").ok();
        List<double[]> q = pairs(h.run("bquantile-merge", sketch, "0,0.5,1").ok());
        assertThat(q.get(0)[1]).isEqualTo(-5.0);
        assertThat(q.get(1)[1]).isCloseTo(-2.974233423476717, within(1e-14));
        assertThat(q.get(2)[1]).isEqualTo(Double.MIN_NORMAL);
    }

    @Test
    void mergesSketchesOfParts() {
        byte[] a = h.run("bquantile-sketch", i64s(seq(1, 50)), "i64").ok();
        byte[] b = h.run("bquantile-sketch", i64s(seq(51, 100)), "i64").ok();
        byte[] whole = h.run("bquantile-sketch", i64s(seq(1, 100)), "i64").ok();
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(b);
        both.writeBytes(a);
        assertThat(h.run("bquantile-merge", both.toByteArray(), ".2,.5,.7,0,1").ok())
                .isEqualTo(h.run("bquantile-merge", whole, ".2,.5,.7,0,1").ok());
    }

    @Test
    void typesAreConvertedToDouble() {
        byte[] u64 = BsvModel.encode(List.of(List.of(RowGen.i64(-1))), Layout.DEFAULT);
        List<byte[]> row =
                BsvModel.decode(h.run("bquantile-sketch", u64, "u64").ok()).get(0);
        assertThat(RowGen.f64(row.get(0))).isEqualTo(1.8446744073709552e19);
        byte[] f32 = BsvModel.encode(List.of(List.of(new byte[] {0, 0, (byte) 0xc0, 0x3f})), Layout.DEFAULT);
        assertThat(RowGen.f64(
                        BsvModel.decode(h.run("bquantile-sketch", f32, "f32").ok())
                                .get(0)
                                .get(0)))
                .isEqualTo(1.5);
        assertThat(BquantileSketch.unsignedToDouble(0x8000_0000_0000_0401L)).isEqualTo(9.223372036854777856E18);
        assertThat(BquantileSketch.unsignedToDouble(0x8000_0000_0000_0400L)).isEqualTo(9.223372036854775808E18);
    }

    @Test
    void argumentErrors() {
        byte[] in = i64s(1, 2);
        String sketchUsage = "usage: ... | bquantile-sketch TYPE [-a|--alpha] [-b|--max-bins] [-m|--min-value] \n\n";
        assertThat(h.run("bquantile-sketch", in).errText()).isEqualTo(sketchUsage);
        assertThat(h.run("bquantile-sketch", in, "i64", "x").errText()).isEqualTo(sketchUsage);
        assertThat(h.run("bquantile-sketch", in, "str").errText()).isEqualTo("fatal: bad type str\n");
        assertThat(h.run("bquantile-sketch", in, "i64", "-a", "x").errText())
                .isEqualTo("fatal: bad arg: --alpha 'x' (digits and a dot only, e.g. 0.01)\n");
        assertThat(h.run("bquantile-sketch", in, "i64", "-m", "1e-9").errText())
                .isEqualTo("fatal: bad arg: --min-value '1e-9' (digits and a dot only, e.g. 0.000000001)\n");
        assertThat(h.run("bquantile-sketch", in, "i64", "-b1.5").errText())
                .isEqualTo("fatal: bad arg: --max-bins '1.5' (a whole number, e.g. 2048)\n");
        assertThat(h.run("bquantile-sketch", in, "i64", "--min-value").errText())
                .isEqualTo("fatal: needs value --min-value\n");
        assertThat(h.run("bquantile-sketch", in, "i32").errText()).isEqualTo("fatal: bad size for i32: 8\n");
        byte[] sketch = h.run("bquantile-sketch", in, "i64").ok();
        assertThat(h.run("bquantile-merge", sketch).errText()).isEqualTo("usage: ... | bquantile-merge QUANTILES \n\n");
        String range = "' (QUANTILES are numbers from 0 to 1, separated by commas, e.g. .5,.9,.99)\n";
        for (String bad : List.of("-.5", "1.5", "x", "2.0")) {
            assertThat(h.run("bquantile-merge", sketch, bad).errText()).isEqualTo("fatal: bad arg: '" + bad + range);
        }
        assertThat(h.run("bquantile-merge", sketch, ".5,2").errText()).isEqualTo("fatal: bad arg: '2" + range);
        assertThat(pairs(h.run("bquantile-merge", sketch, "").ok()).get(0)).containsExactly(0.0, 1.0);
    }

    @Test
    void mergeRejectsBadSketchRows() {
        assertThat(h.run("bquantile-merge", h.bsv("a,b\n"), ".5").errText()).isEqualTo("fatal: not enough data 18\n");
        byte[] sketch = h.run("bquantile-sketch", i64s(1), "i64").ok();
        List<byte[]> row = new ArrayList<>(BsvModel.decode(sketch).get(0));
        row.set(3, new byte[4]);
        assertThat(h.run("bquantile-merge", BsvModel.encode(List.of(row), Layout.DEFAULT), ".5")
                        .errText())
                .isEqualTo("fatal: bad size 22\n");
        List<byte[]> truncated = new ArrayList<>(BsvModel.decode(sketch).get(0)).subList(0, 20);
        assertThat(h.run("bquantile-merge", BsvModel.encode(List.of(truncated), Layout.DEFAULT), ".5")
                        .errText())
                .startsWith("fatal: not enough bin data")
                .endsWith(" 34\n");
        List<byte[]> badBin = new ArrayList<>(BsvModel.decode(sketch).get(0));
        badBin.set(20, new byte[1]);
        assertThat(h.run("bquantile-merge", BsvModel.encode(List.of(badBin), Layout.DEFAULT), ".5")
                        .errText())
                .isEqualTo("fatal: bad size 35\n");
        byte[] other = h.run("bquantile-sketch", i64s(1), "i64", "-a", "0.05").ok();
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(sketch);
        both.writeBytes(other);
        assertThat(h.run("bquantile-merge", both.toByteArray(), ".5").errText())
                .isEqualTo("fatal: must merge sketches with same config settings\n");
        ToolHarness.Result none = h.run("bquantile-merge", new byte[0], ".5");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.errText()).isEqualTo("fatal: bad q param or no data 17\n");
    }

    /** The relative-accuracy guarantee the original's own property tests check. */
    @Property(tries = 60)
    void quantilesAreWithinAlphaOfTheTrueValue(
            @ForAll @IntRange(min = 1, max = 3000) int n,
            @ForAll @IntRange(min = 1, max = 4) int parts,
            @ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 1) double q) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(random.nextDouble() * 20 - 5);
        }
        ByteArrayOutputStream sketches = new ByteArrayOutputStream();
        int from = 0;
        for (int p = 0; p < parts; p++) {
            int to = p == parts - 1 ? n : from + n / parts;
            sketches.writeBytes(
                    h.run("bquantile-sketch", f64s(Arrays.copyOfRange(values, from, to)), "f64", "-a", "0.01")
                            .ok());
            from = to;
        }
        double got = pairs(h.run("bquantile-merge", sketches.toByteArray(), new BigDecimal(q).toPlainString())
                        .ok())
                .get(0)[1];
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.fma(q, n - 1, 1.0);
        double want = q == 0 ? sorted[0] : q == 1 ? sorted[n - 1] : sorted[Math.max(0, rank - 1)];
        assertThat(Math.abs(got - want)).isLessThanOrEqualTo(0.01 * want + 1e-12);
    }
}
