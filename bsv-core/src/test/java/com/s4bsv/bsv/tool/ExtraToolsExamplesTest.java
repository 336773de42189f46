package com.s4bsv.bsv.tool;

import static com.s4bsv.bsv.tool.RowGen.i64;
import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's and the seed readme's examples for bcombine, bcounteach*, bdedupe*, btake, btopn, bsumeach*. */
class ExtraToolsExamplesTest {

    private final ToolHarness h = new ToolHarness();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Rows of a key column and an i64 column, as {@code bschema *,a:i64} would make them. */
    private static byte[] keyed(Layout layout, Object... keyValue) {
        List<List<byte[]>> rows = new ArrayList<>();
        for (int i = 0; i < keyValue.length; i += 2) {
            rows.add(List.of(BsvModel.bytes((String) keyValue[i]), i64(((Number) keyValue[i + 1]).longValue())));
        }
        return BsvModel.encode(rows, layout);
    }

    /** Output rows of {@code [key, i64]} as "key,value" lines, as {@code bschema *,i64:a | csv} would print. */
    private static List<String> keyedText(byte[] bsv) {
        return BsvModel.decode(bsv).stream()
                .map(r -> new String(r.get(0), StandardCharsets.ISO_8859_1) + "," + i64(r.get(1)))
                .toList();
    }

    @Test
    void bcombinePrependsTheJoinedColumns() {
        assertThat(h.pipe("a,b,c\n", "bsv", "bcombine 3,2", "csv")).isEqualTo("c:b,a,b,c\n");
        assertThat(h.pipe("a,b,c,d\n1,2,3\nx,y\n", "bsv", "bcombine 2,1", "csv"))
                .isEqualTo("b:a,a,b,c,d\n2:1,1,2,3\ny:x,x,y\n");
        assertThat(h.pipe("abc,de,f\n", "bsv", "bcombine 1,2", "csv")).isEqualTo("abc:de,abc,de,f\n");
        assertThat(h.pipe("abc,de,f\n", "bsv", "bcombine 2,1", "csv")).isEqualTo("de:abc,abc,de,f\n");
        assertThat(h.pipe("abc,de,f\n", "bsv", "bcombine 3", "csv")).isEqualTo("f,abc,de,f\n");
    }

    @Test
    void bcounteachCountsRunsAndSkipsEmptyKeys() {
        assertThat(keyedText(h.pipe(BsvModel.bytes("a\na\nb\nb\nb\na\n"), "bsv", "bcounteach")))
                .containsExactly("a,2", "b,3", "a,1");
        assertThat(keyedText(h.pipe(BsvModel.bytes("\na\na\nb\nb\nb\na\n"), "bsv", "bcounteach")))
                .containsExactly("a,2", "b,3", "a,1");
        assertThat(keyedText(h.pipe(BsvModel.bytes(",x\n,y\na\n,z\nb\n"), "bsv", "bcounteach")))
                .containsExactly("a,1", "b,1");
        assertThat(h.pipe(BsvModel.bytes("a\na\nb\nb\nb\na\n"), "bsv", "bcounteach"))
                .startsWith(hex("33000000 0100 0100 0800 6100 0200000000000000 00"));
        assertThat(h.run("bcounteach", new byte[0]).ok()).isEmpty();
    }

    @Test
    void bcounteachHashCountsInTableOrder() {
        assertThat(keyedText(h.pipe(BsvModel.bytes("e\nd\nc\nb\na\nc\n"), "bsv", "bcounteach-hash")))
                .containsExactly("e,1", "a,1", "b,1", "d,1", "c,2");
        assertThat(keyedText(h.pipe(BsvModel.bytes("\na\na\nb\nb\nb\na\n"), "bsv", "bcounteach-hash")))
                .containsExactlyInAnyOrder("a,3", "b,3");
        assertThat(h.run("bcounteach-hash", new byte[0]).ok()).isEmpty();
    }

    @Test
    void bdedupeDropsConsecutiveDuplicates() {
        assertThat(h.pipe("a\na\nb\nb\na\na\n", "bsv", "bdedupe", "csv")).isEqualTo("a\nb\na\n");
        assertThat(h.pipe("\na\na\nb\nb\na\na\n", "bsv", "bdedupe", "csv")).isEqualTo("a\nb\na\n");
        assertThat(h.pipe(",1\n,2\na,3\na,4\n,5\n", "bsv", "bdedupe", "csv")).isEqualTo("a,3\n,5\n");
    }

    @Test
    void bdedupeHashKeepsFirstOccurrences() {
        assertThat(h.pipe("a,1\na,2\nb,3\na,4\n", "bsv", "bdedupe-hash", "csv")).isEqualTo("a,1\nb,3\n");
        assertThat(h.pipe("\na\na\nb\nb\na\na\n", "bsv", "bdedupe-hash", "csv")).isEqualTo("a\nb\n");
        assertThat(h.pipe(",1\n,2\na,3\n", "bsv", "bdedupe-hash", "csv")).isEqualTo(",1\na,3\n");
    }

    @Test
    void btakeTakesWhileEqual() {
        assertThat(h.pipe("c\nc\nd\nc\n", "bsv", "btake c", "csv")).isEqualTo("c\nc\n");
        assertThat(h.pipe("\na\nb\nc\nd\n", "bsv", "bdropuntil c", "btake c", "csv"))
                .isEqualTo("c\n");
        assertThat(h.pipe("d\nc\n", "bsv", "btake c", "csv")).isEqualTo("\n");
    }

    @Test
    void btakeWithoutValueFailsOnlyWhenThereAreRows() {
        assertThat(h.run("btake", new byte[0]).exit()).isZero();
        ToolHarness.Result r = h.run("btake", h.bsv("a\n"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText()).isEqualTo("usage: ... | btake VALUE\n\n");
    }

    @Test
    void btopnKeepsTheTopRows() {
        byte[] in = BsvModel.encode(List.of(List.of(i64(1)), List.of(i64(3)), List.of(i64(2))), Layout.DEFAULT);
        assertThat(BsvModel.decode(h.run("btopn", in, "2", "i64").ok()).stream().map(r -> i64(r.get(0))))
                .containsExactly(3L, 2L);
        assertThat(h.pipe("1\n3\n2\n", "bsv", "btopn 2 -r", "csv")).isEqualTo("1\n2\n");
        assertThat(h.pipe("1\n3\n2\n", "bsv", "btopn 2", "csv")).isEqualTo("3\n2\n");
        assertThat(h.pipe("1\n3\n2\n", "bsv", "btopn 0", "csv")).isEqualTo("\n");
    }

    @Test
    void bsumeachSumsRuns() {
        byte[] in = keyed(Layout.DEFAULT, "a", 1, "a", 2, "b", 3, "b", 4, "b", 5, "a", 6);
        assertThat(keyedText(h.run("bsumeach", in, "i64").ok())).containsExactly("a,3", "b,12", "a,6");
    }

    @Test
    void bsumeachHashSumsPerKey() {
        byte[] in = keyed(Layout.DEFAULT, "a", 1, "a", 2, "b", 3, "b", 4, "b", 5, "a", 6);
        assertThat(keyedText(h.run("bsumeach-hash", in, "i64").ok())).containsExactly("a,9", "b,12");
    }

    @Test
    void sumsWrapInTheTypesWidth() {
        List<List<byte[]>> rows = List.of(
                List.of(BsvModel.bytes("k"), new byte[] {(byte) 0xFF, 0x7F}),
                List.of(BsvModel.bytes("k"), new byte[] {1, 0}));
        byte[] in = BsvModel.encode(rows, Layout.DEFAULT);
        assertThat(BsvModel.decode(h.run("bsumeach", in, "i16").ok()).get(0).get(1))
                .isEqualTo(new byte[] {0, (byte) 0x80});
        assertThat(BsvModel.decode(h.run("bsumeach-hash", in, "u16").ok())
                        .get(0)
                        .get(1))
                .isEqualTo(new byte[] {0, (byte) 0x80});
    }

    @Test
    void floatSumsAddInTheirPrecision() {
        List<List<byte[]>> rows = new ArrayList<>();
        for (float f : new float[] {0.1f, 0.2f, 0.3f}) {
            rows.add(List.of(
                    BsvModel.bytes("k"),
                    ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putFloat(f)
                            .array()));
        }
        byte[] in = BsvModel.encode(rows, Layout.DEFAULT);
        float expected = 0.1f + 0.2f + 0.3f;
        for (String tool : List.of("bsumeach", "bsumeach-hash")) {
            byte[] sum = BsvModel.decode(h.run(tool, in, "f32").ok()).get(0).get(1);
            assertThat(ByteBuffer.wrap(sum).order(ByteOrder.LITTLE_ENDIAN).getFloat())
                    .isEqualTo(expected);
        }
        List<List<byte[]>> negativeZero = List.of(List.of(BsvModel.bytes("k"), RowGen.f64(-0.0)));
        byte[] nz = BsvModel.encode(negativeZero, Layout.DEFAULT);
        // bsumeach starts each run at 0, the hash variant at the first value
        assertThat(RowGen.f64(BsvModel.decode(h.run("bsumeach", nz, "f64").ok())
                        .get(0)
                        .get(1)))
                .isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(RowGen.f64(
                        BsvModel.decode(h.run("bsumeach-hash", nz, "f64").ok())
                                .get(0)
                                .get(1))))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void helpTextsAreTheOriginals() {
        assertThat(h.run("bcombine", "", "-h").errText())
                .isEqualTo("prepend a new column by combining values from"
                        + " existing columns\n\nusage: ... | bcombine COL1,...,COLN\n\n>> echo a,b,c | bsv | bcombine 3,2 | csv\n"
                        + "b:a,a,b,c\n");
        assertThat(h.run("bcounteach", "", "--help").errText())
                .isEqualTo("count as i64 each contiguous identical row"
                        + " by the first column\n\nusage: ... | bcounteach\n\necho '\\na\\na\\nb\\nb\\nb\\na\\n' | bsv |"
                        + " bcounteach | bschema *,i64:a | csv\na,2\nb,3\na,1\n");
        assertThat(h.run("bcounteach-hash", "", "-h").errText())
                .isEqualTo("count as i64 by hash of the first column"
                        + "\n\nusage: ... | bcounteach-hash\n\necho '\\na\\na\\nb\\nb\\nb\\na\\n' | bsv | bcounteach-hash |"
                        + " bschema *,i64:a | bsort | csv\na,3\nb,3\n");
        assertThat(h.run("bdedupe", "", "-h").errText())
                .isEqualTo("dedupe identical contiguous rows by the first"
                        + " column, keeping the first\n\nusage: ... | bdedupe\n\n>> echo '\\na\\na\\nb\\nb\\na\\na\\n' | bsv |"
                        + " bdedupe | csv\na\nb\na\n");
        assertThat(h.run("bdedupe-hash", "", "-h").errText())
                .isEqualTo("dedupe rows by hash of the first column,"
                        + " keeping the first\n\nusage: ... | bdedupe-hash\n\n>> echo '\\na\\na\\nb\\nb\\na\\na\\n' | bsv |"
                        + " bdedupe-hash | csv\na\nb\n");
        assertThat(h.run("bdropuntil", "", "-h").errText())
                .isEqualTo("for sorted input, drop until the first column"
                        + " is gte to VALUE\n\nusage: ... | bdropuntil VALUE [TYPE]\n\n>> echo '\\na\\nb\\nc\\nd\\n' | bsv |"
                        + " bdropuntil c | csv\nc\nd\n\n");
        assertThat(h.run("bquantile-merge", "", "-h").errText())
                .isEqualTo("merge ddsketches and output quantile value"
                        + " pairs as f64\n\nusage: ... | bquantile-merge QUANTILES \n\n>> seq 1 100 | bsv | bschema a:i64 |"
                        + " bquantile-sketch i64 | bquantile-merge .2,.5,.7 | bschema f64:a,f64:a | csv\n0.2,19.88667024086646"
                        + "\n0.5,49.90296094906742\n0.7,70.11183939140405\n");
        assertThat(h.run("bquantile-sketch", "", "-h").errText())
                .isEqualTo(
                        "collapse the first column into a single"
                                + " row ddsketch\n\nusage: ... | bquantile-sketch TYPE [-a|--alpha] [-b|--max-bins] [-m|--min-value]"
                                + " \n\n>> seq 1 100 | bsv | bschema a:i64 | bquantile-sketch i64 | bquantile-merge .2,.5,.7 |"
                                + " bschema f64:a,f64:a | csv\n0.2,19.88667024086646\n0.5,49.90296094906742\n0.7,70.11183939140405\n");
        assertThat(h.run("bsumeach", "", "-h").errText())
                .isEqualTo(
                        "sum the second column of each contiguous"
                                + " identical row by the first column\n\nusage: ... | bsumeach TYPE\n\necho '\\na,1\\na,2\\nb,3\\nb,4"
                                + "\\nb,5\\na,6\\n' | bsv | bschema *,a:i64 | bsumeach i64 | bschema *,i64:a | csv\na,3\nb,12\na,6\n");
        assertThat(h.run("bsumeach-hash", "", "-h").errText())
                .isEqualTo("sum as i64 the second column by hash of"
                        + " the first column\n\nusage: ... | bsumeach-hash i64\n\necho '\\na,1\\na,2\\nb,3\\nb,4\\nb,5\\na,6"
                        + "\\n' | bsv | bschema *,a:i64 | bsumeach-hash i64 | bschema *,i64:a | csv\na,3\nb,12\na,6\n");
        assertThat(h.run("btake", "", "-h").errText())
                .isEqualTo(
                        "take while the first column is VALUE\n\nusage:"
                                + " ... | btake VALUE\n\n>> echo '\\na\\nb\\nc\\nd\\n' | bsv | bdropntil c | btake c | csv\nc\n\n");
        assertThat(h.run("btakeuntil", "", "-h").errText())
                .isEqualTo("for sorted input, take until the first"
                        + " column is gte to VALUE\n\nusage: ... | btakeuntil VALUE [TYPE]\n\n>> echo '\\na\\nb\\nc\\nd\\n' |"
                        + " bsv | btakeuntil c | csv\na\nb\n\n");
        assertThat(h.run("btopn", "", "-h").errText())
                .isEqualTo("accumulate the top n rows in a heap by first column"
                        + " value\n\nusage: ... | btopn N [TYPE] [-r|--reversed]\n\n>> echo '\\n1\\n3\\n2\\n' | bsv | bschema"
                        + " a:i64 | btopn 2 i64 | bschema i64:a | csv\n3\n2\n\n");
        assertThat(h.run("bunzip", "", "-h").errText())
                .isEqualTo("split a multi column input into single column"
                        + " outputs\n\nusage: ... | bunzip PREFIX [-l|--lz4]\n\n>> echo '\\na,b,c\\n1,2,3\\n' | bsv | bunzip"
                        + " col && echo col_1 col_3 | bzip | csv\na,c\n1,3\n");
        assertThat(h.run("bzip", "", "-h").errText())
                .isEqualTo("combine single column inputs into a multi column"
                        + " output\n\nusage: ls column_* | bzip [COL1,...COLN] [-l|--lz4]\n\n>> echo '\\na,b,c\\n1,2,3\\n' |"
                        + " bsv | bunzip column && ls column_* | bzip 1,3 | csv\na,c\n1,3\n");
        assertThat(h.run("btake", "", "-h").exit()).isEqualTo(1);
    }
}
