package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.AllocationMeter;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-row loop of each tool allocates nothing: under 1 byte per row, measured as the difference
 * between runs over 20k and 150k rows (so per-run setup cancels out). bsort must keep every row, so
 * its bound is the rows' own bytes plus its index, amortized.
 */
class AllocationTest {

    private static final Layout LAYOUT = new Layout(64 * 1024);
    private static final int SMALL = 20_000;
    private static final int LARGE = 150_000;
    private static byte[] csvSmall;
    private static byte[] csvLarge;
    private static byte[] bsvSmall;
    private static byte[] bsvLarge;
    private static byte[] typedSmall;
    private static byte[] typedLarge;

    @TempDir
    static Path dir;

    private final AllocationMeter meter = new AllocationMeter(LAYOUT, dir);

    @BeforeAll
    static void inputs() throws IOException {
        csvSmall = csv(SMALL);
        csvLarge = csv(LARGE);
        ToolHarness h = new ToolHarness(LAYOUT, dir);
        bsvSmall = h.run("bsv", csvSmall).ok();
        bsvLarge = h.run("bsv", csvLarge).ok();
        typedSmall = h.run("bschema", bsvSmall, "a:i64,*,a:u16,a:f64,*").ok();
        typedLarge = h.run("bschema", bsvLarge, "a:i64,*,a:u16,a:f64,*").ok();
        Files.write(dir.resolve("small.bsv"), bsvSmall);
        Files.write(dir.resolve("large.bsv"), bsvLarge);
        Files.write(dir.resolve("small.lz4"), h.run("blz4", bsvSmall).ok());
        Files.write(dir.resolve("large.lz4"), h.run("blz4", bsvLarge).ok());
        byte[] sortedSmall = h.run("bsort", bsvSmall).ok();
        byte[] sortedLarge = h.run("bsort", bsvLarge).ok();
        for (int i = 0; i < 4; i++) {
            Files.write(dir.resolve("s" + i), sortedSmall);
            Files.write(dir.resolve("l" + i), sortedLarge);
        }
    }

    private static byte[] csv(int rows) {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(rows);
        for (int i = 0; i < rows; i++) {
            sb.append(random.nextInt(100_000) - 50_000)
                    .append(",key")
                    .append(i % 97)
                    .append(',')
                    .append(random.nextInt(60_000))
                    .append(',')
                    .append(random.nextInt(1000))
                    .append('.')
                    .append(random.nextInt(100))
                    .append(',')
                    .append(Long.toHexString(random.nextLong()))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private double perRow(String tool, byte[] small, byte[] large, String... args) {
        return meter.bytesPerRow(tool, List.of(args), small, large, LARGE - SMALL);
    }

    @Test
    void bsvAllocatesNothingPerRow() {
        assertThat(perRow("bsv", csvSmall, csvLarge)).isLessThan(1.0);
    }

    @Test
    void csvAllocatesNothingPerRow() {
        assertThat(perRow("csv", bsvSmall, bsvLarge)).isLessThan(1.0);
    }

    @Test
    void bcutAllocatesNothingPerRow() {
        assertThat(perRow("bcut", bsvSmall, bsvLarge, "4,1,1")).isLessThan(1.0);
    }

    @Test
    void bheadBtailBcountrowsAllocateNothingPerRow() {
        assertThat(perRow("bhead", bsvSmall, bsvLarge, "1000000")).isLessThan(1.0);
        assertThat(perRow("btail", bsvSmall, bsvLarge, "100")).isLessThan(1.0);
        assertThat(perRow("bcountrows", bsvSmall, bsvLarge)).isLessThan(1.0);
    }

    @Test
    void bsumAllocatesNothingPerRow() {
        assertThat(perRow("bsum", typedSmall, typedLarge, "i64")).isLessThan(1.0);
    }

    @Test
    void bschemaAllocatesNothingPerRow() {
        assertThat(perRow("bschema", bsvSmall, bsvLarge, "a:i64,*,a:u16,a:f64,4*"))
                .isLessThan(1.0);
        assertThat(perRow("bschema", typedSmall, typedLarge, "i64:a,*,u16:a,8,*"))
                .isLessThan(1.0);
        assertThat(perRow("bschema", bsvSmall, bsvLarge, "*,*,...", "--filter")).isLessThan(1.0);
    }

    @Test
    void lz4ToolsAllocateNothingPerRow() {
        assertThat(perRow("blz4", bsvSmall, bsvLarge)).isLessThan(1.0);
        assertThat(meter.bytesPerRow(
                        "blz4d",
                        List.of(),
                        readUnchecked("small.lz4"),
                        List.of(),
                        readUnchecked("large.lz4"),
                        LARGE - SMALL))
                .isLessThan(1.0);
        assertThat(meter.bytesPerRow(
                        "bcat",
                        List.of("-l", "small.lz4"),
                        new byte[0],
                        List.of("-l", "large.lz4"),
                        new byte[0],
                        LARGE - SMALL))
                .isLessThan(1.0);
    }

    @Test
    void fileToolsAllocateNothingPerRow() {
        assertThat(meter.bytesPerRow(
                        "bcat", List.of("small.bsv"), new byte[0], List.of("large.bsv"), new byte[0], LARGE - SMALL))
                .isLessThan(1.0);
        assertThat(meter.bytesPerRow(
                        "bmerge",
                        List.of(),
                        "s0 s1 s2 s3\n".getBytes(),
                        List.of(),
                        "l0 l1 l2 l3\n".getBytes(),
                        4L * (LARGE - SMALL)))
                .isLessThan(1.0);
        assertThat(perRow("bpartition", bsvSmall, bsvLarge, "8", "part")).isLessThan(1.0);
        assertThat(perRow("bsplit", bsvSmall, bsvLarge, "split", "1000")).isLessThan(1.0);
    }

    @Test
    void xxh3AllocatesNothingPerRow() {
        assertThat(perRow("xxh3", bsvSmall, bsvLarge)).isLessThan(1.0);
    }

    @Test
    void bsortKeepsOnlyTheRowsAndTheirIndex() {
        double rowBytes = (double) bsvLarge.length / LARGE;
        // rows are copied once into arena segments; the key and location arrays grow by doubling
        assertThat(perRow("bsort", bsvSmall, bsvLarge)).isLessThan(rowBytes + 64);
        assertThat(perRow("bsort", typedSmall, typedLarge, "-r", "i64")).isLessThan(rowBytes + 64);
    }

    private static byte[] readUnchecked(String name) {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
