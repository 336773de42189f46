package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.AllocationMeter;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-row loop of each of these tools allocates nothing: under 1 byte per row over 102k rows. */
class ExtraToolsAllocationTest {

    private static final Layout LAYOUT = new Layout(64 * 1024);
    private static final int SMALL = 10_000;
    private static final int LARGE = 112_000;

    @TempDir
    static Path dir;

    private static byte[] keyedSmall;
    private static byte[] keyedLarge;
    private static byte[] sameSmall;
    private static byte[] sameLarge;
    private static byte[] numbersSmall;
    private static byte[] numbersLarge;

    private final AllocationMeter meter = new AllocationMeter(LAYOUT, dir);

    @BeforeAll
    static void inputs() {
        keyedSmall = keyed(SMALL, 97);
        keyedLarge = keyed(LARGE, 97);
        sameSmall = keyed(SMALL, 1);
        sameLarge = keyed(LARGE, 1);
        numbersSmall = numbers(SMALL);
        numbersLarge = numbers(LARGE);
        ToolHarness h = new ToolHarness(LAYOUT, dir);
        h.run("bunzip", keyedSmall, "small").ok();
        h.run("bunzip", keyedLarge, "large").ok();
    }

    /** Rows {@code [key, i64, text]} with keys in runs of 4 cycling through {@code keys} values. */
    private static byte[] keyed(int rows, int keys) {
        List<List<byte[]>> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            list.add(List.of(BsvModel.bytes("key" + (i / 4 % keys)), RowGen.i64(i * 31L), BsvModel.bytes("p" + i)));
        }
        return BsvModel.encode(list, LAYOUT);
    }

    private static byte[] numbers(int rows) {
        Random random = new Random(rows);
        List<List<byte[]>> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            list.add(List.of(RowGen.i64(1 + random.nextInt(1_000_000))));
        }
        return BsvModel.encode(list, LAYOUT);
    }

    private double perRow(String tool, byte[] small, byte[] large, String... args) {
        return meter.bytesPerRow(tool, List.of(args), small, large, LARGE - SMALL);
    }

    private double keyed(String tool, String... args) {
        return perRow(tool, keyedSmall, keyedLarge, args);
    }

    @Test
    void bcombine() {
        assertThat(keyed("bcombine", "3,1")).isLessThan(1.0);
    }

    @Test
    void bcounteach() {
        assertThat(keyed("bcounteach")).isLessThan(1.0);
    }

    @Test
    void bcounteachHash() {
        assertThat(keyed("bcounteach-hash")).isLessThan(1.0);
    }

    @Test
    void bdedupe() {
        assertThat(keyed("bdedupe")).isLessThan(1.0);
    }

    @Test
    void bdedupeHash() {
        assertThat(keyed("bdedupe-hash")).isLessThan(1.0);
    }

    @Test
    void bsumeach() {
        assertThat(keyed("bsumeach", "i64")).isLessThan(1.0);
    }

    @Test
    void bsumeachHash() {
        assertThat(keyed("bsumeach-hash", "i64")).isLessThan(1.0);
        assertThat(keyed("bsumeach-hash", "f64")).isLessThan(1.0);
    }

    @Test
    void btake() {
        assertThat(perRow("btake", sameSmall, sameLarge, "key0")).isLessThan(1.0);
    }

    @Test
    void bdropuntil() {
        assertThat(keyed("bdropuntil", "")).isLessThan(1.0);
        assertThat(perRow("bdropuntil", numbersSmall, numbersLarge, "0", "i64")).isLessThan(1.0);
    }

    @Test
    void btakeuntil() {
        assertThat(perRow("btakeuntil", sameSmall, sameLarge, "key1")).isLessThan(1.0);
        assertThat(perRow("btakeuntil", numbersSmall, numbersLarge, "99999999", "u64"))
                .isLessThan(1.0);
    }

    @Test
    void btopn() {
        assertThat(keyed("btopn", "10")).isLessThan(1.0);
        assertThat(perRow("btopn", numbersSmall, numbersLarge, "5", "i64", "-r"))
                .isLessThan(1.0);
    }

    @Test
    void bquantileSketch() {
        assertThat(perRow("bquantile-sketch", numbersSmall, numbersLarge, "i64"))
                .isLessThan(1.0);
    }

    @Test
    void bquantileMerge() {
        // sketch rows are ~2 KB each, so this one measures 20k extra rows rather than 130k
        ToolHarness h = new ToolHarness(LAYOUT, dir);
        byte[] a = h.run("bquantile-sketch", numbers(500), "i64").ok();
        byte[] b = h.run("bquantile-sketch", numbers(900), "i64").ok();
        byte[] small = repeat(a, b, 1_000);
        byte[] large = repeat(a, b, 11_000);
        assertThat(meter.bytesPerRow("bquantile-merge", List.of(".1,.5,.99"), small, large, 20_000))
                .isLessThan(1.0);
    }

    private static byte[] repeat(byte[] a, byte[] b, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            out.writeBytes(a);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    void bunzip() {
        assertThat(keyed("bunzip", "out")).isLessThan(1.0);
        assertThat(keyed("bunzip", "lz", "-l")).isLessThan(1.0);
    }

    @Test
    void bzip() {
        assertThat(perRow("bzip", "small_1 small_2 small_3 ".getBytes(), "large_1 large_2 large_3 ".getBytes()))
                .isLessThan(1.0);
    }
}
