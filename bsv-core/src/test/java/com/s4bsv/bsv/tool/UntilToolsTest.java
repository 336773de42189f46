package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bdropuntil and btakeuntil, including the spec's chunk-skipping examples on hand-made chunks. */
class UntilToolsTest {

    private static final Layout LAYOUT = new Layout(64);
    private final ToolHarness h = new ToolHarness(LAYOUT);

    /** A stream with one chunk per group, each holding single-column rows. */
    static byte[] chunks(String... groups) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String group : groups) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String value : group.split("\\|")) {
                body.writeBytes(BsvModel.row(BsvModel.columns(value)));
            }
            out.writeBytes(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(body.size())
                    .array());
            out.writeBytes(body.toByteArray());
        }
        return out.toByteArray();
    }

    private String rows(byte[] bsv) {
        return String.join(
                " ",
                BsvModel.text(BsvModel.decode(bsv)).stream().map(r -> r.get(0)).toList());
    }

    @Test
    void bdropuntilDropsUntilTheValue() {
        assertThat(new ToolHarness().pipe("a\nb\nc\nd\n", "bsv", "bdropuntil c", "csv"))
                .isEqualTo("c\nd\n");
        assertThat(new ToolHarness().pipe("\na\nb\nc\nd\n", "bsv", "bdropuntil c", "csv"))
                .isEqualTo("c\nd\n");
    }

    @Test
    void bdropuntilSkipsChunksByTheirFirstRow() {
        assertThat(rows(h.run("bdropuntil", chunks("a|b", "c|d", "e|f"), "d").ok()))
                .isEqualTo("d e f");
        assertThat(rows(h.run("bdropuntil", chunks("a|z", "c|d", "e|f"), "b").ok()))
                .isEqualTo("z c d e f");
        assertThat(rows(h.run("bdropuntil", chunks("a|z|b", "a|d", "c|f"), "b").ok()))
                .isEqualTo("d c f");
        assertThat(rows(h.run("bdropuntil", chunks("x|a", "c|d"), "b").ok())).isEqualTo("x a c d");
        assertThat(rows(h.run("bdropuntil", chunks("a|b", "c|d"), "z").ok())).isEmpty();
        assertThat(rows(h.run("bdropuntil", chunks("a|b", "c|z"), "y").ok())).isEqualTo("z");
        assertThat(h.run("bdropuntil", new byte[0], "y").ok()).isEmpty();
    }

    @Test
    void bdropuntilRechunksItsOutput() {
        byte[] out = h.run("bdropuntil", chunks("a|b", "c|d", "e|f"), "b").ok();
        assertThat(out)
                .isEqualTo(BsvModel.encode(
                        List.of(
                                BsvModel.columns("b"),
                                BsvModel.columns("c"),
                                BsvModel.columns("d"),
                                BsvModel.columns("e"),
                                BsvModel.columns("f")),
                        LAYOUT));
    }

    @Test
    void bdropuntilComparesTypedValues() {
        List<List<byte[]>> rows = new ArrayList<>();
        for (long i = 1; i <= 10; i++) {
            rows.add(List.of(RowGen.i64(i)));
        }
        byte[] in = BsvModel.encode(rows, new Layout(40));
        ToolHarness small = new ToolHarness(new Layout(40));
        assertThat(BsvModel.decode(small.run("bdropuntil", in, "8", "i64").ok()).stream()
                        .map(r -> RowGen.i64(r.get(0))))
                .containsExactly(8L, 9L, 10L);
        assertThat(BsvModel.decode(small.run("btakeuntil", in, "3", "i64").ok()).stream()
                        .map(r -> RowGen.i64(r.get(0))))
                .containsExactly(1L, 2L);
        // u16 keeps the low 16 bits of atol: 70000 becomes 4464
        byte[] u16 = BsvModel.encode(
                List.of(List.of(new byte[] {(byte) 0x6F, 0x11}), List.of(new byte[] {0x70, 0x11})), Layout.DEFAULT);
        assertThat(BsvModel.decode(
                        new ToolHarness().run("bdropuntil", u16, "70000", "u16").ok()))
                .hasSize(1);
        // u64 -1 is 2^64-1: nothing is at least that except the maximum itself
        byte[] u64 = BsvModel.encode(List.of(List.of(RowGen.i64(5)), List.of(RowGen.i64(-1))), Layout.DEFAULT);
        assertThat(BsvModel.decode(
                        new ToolHarness().run("bdropuntil", u64, "-1", "u64").ok()))
                .hasSize(1);
        byte[] f64 = BsvModel.encode(List.of(List.of(RowGen.f64(1.5)), List.of(RowGen.f64(2.5))), Layout.DEFAULT);
        assertThat(BsvModel.decode(
                        new ToolHarness().run("btakeuntil", f64, "2", "f64").ok()))
                .hasSize(1);
    }

    @Test
    void btakeuntilTakesUntilTheValue() {
        assertThat(new ToolHarness().pipe("a\nb\nc\nd\n", "bsv", "btakeuntil c", "csv"))
                .isEqualTo("a\nb\n");
        assertThat(new ToolHarness().pipe("\na\nb\nc\nd\n", "bsv", "btakeuntil c", "csv"))
                .isEqualTo("a\nb\n");
    }

    @Test
    void btakeuntilCopiesSkippedChunksVerbatim() {
        byte[] out = h.run("btakeuntil", chunks("a|b", "c|d", "e|f", "g"), "f").ok();
        assertThat(out).isEqualTo(chunks("a|b", "c|d", "e"));
        assertThat(BsvModel.chunks(out)).extracting(c -> c.length).containsExactly(12, 12, 6);
        assertThat(rows(h.run("btakeuntil", chunks("a|z|b", "a|d", "c|f"), "b").ok()))
                .isEqualTo("a z b a");
        assertThat(h.run("btakeuntil", chunks("x|a", "c|d"), "b").ok()).isEmpty();
        assertThat(h.run("btakeuntil", chunks("a|b", "c|d"), "z").ok()).isEqualTo(chunks("a|b", "c|d"));
    }

    @Test
    void argumentErrors() {
        byte[] in = chunks("a|b");
        assertThat(h.run("bdropuntil", in).errText()).isEqualTo("usage: ... | bdropuntil VALUE [TYPE]\n\n");
        assertThat(h.run("bdropuntil", in, "a", "i64", "x").errText())
                .isEqualTo("usage: ... | bdropuntil VALUE [TYPE]\n\n");
        assertThat(h.run("btakeuntil", in).errText()).isEqualTo("usage: ... | btakeuntil VALUE [TYPE]\n\n");
        ToolHarness.Result bad = h.run("btakeuntil", in, "a", "i8");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.errText()).isEqualTo("fatal: bad type i8\n");
        ToolHarness.Result size = h.run("bdropuntil", in, "1", "i64");
        assertThat(size.exit()).isEqualTo(1);
        assertThat(size.errText()).isEqualTo("fatal: bad size for i64: 1\n");
    }
}
