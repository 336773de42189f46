package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Corrupt input, wrong-width or non-numeric typed columns, bad arguments: one error line, exit 1. */
class ExtraToolsBadInputTest {

    @TempDir
    Path dir;

    /** Each tool with arguments that make it read every row of a [key, i64] stream. */
    static Stream<List<String>> tools() {
        return Stream.of(
                List.of("bcombine", "1,2"),
                List.of("bcounteach"),
                List.of("bcounteach-hash"),
                List.of("bdedupe"),
                List.of("bdedupe-hash"),
                List.of("bdropuntil", "zzz"),
                List.of("btake", "k"),
                List.of("btakeuntil", "zzz"),
                List.of("btopn", "3"),
                List.of("bsumeach", "i64"),
                List.of("bsumeach-hash", "i64"),
                List.of("bunzip", "col"),
                List.of("bquantile-merge", ".5"));
    }

    private ToolHarness.Result run(List<String> tool, byte[] in) {
        return new ToolHarness(Layout.DEFAULT, dir)
                .run(tool.get(0), in, tool.subList(1, tool.size()).toArray(String[]::new));
    }

    private static void assertOneFatalLine(ToolHarness.Result r) {
        assertThat(r.exit()).isEqualTo(1);
        String err = r.errText();
        assertThat(err)
                .doesNotContain("Exception")
                .doesNotContain("internal error")
                .doesNotContain("\tat ");
        assertThat(err.strip().lines()).hasSize(1);
    }

    private static byte[] keyed(int rows) {
        List<List<byte[]>> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            list.add(List.of(BsvModel.bytes("k"), RowGen.i64(i)));
        }
        return BsvModel.encode(list, Layout.DEFAULT);
    }

    @ParameterizedTest
    @MethodSource("tools")
    void truncatedInputIsTheReadersError(List<String> tool) {
        byte[] in = keyed(3);
        assertThat(run(tool, Arrays.copyOf(in, 2)).errText()).isEqualTo("fatal: impossible\n");
        assertThat(run(tool, Arrays.copyOf(in, 4)).errText())
                .isEqualTo("fatal: failed to read input, expected " + (in.length - 4) + " got 0\n");
        ToolHarness.Result cut = run(tool, Arrays.copyOf(in, in.length - 3));
        assertOneFatalLine(cut);
        assertThat(cut.errText()).startsWith("fatal: failed to read input, expected ");
        byte[] huge = {0x01, 0x00, 0x50, 0x00};
        assertThat(run(tool, huge).errText()).isEqualTo("fatal: bad chunk size: 5242881\n");
    }

    /** The tools that copy chunks without parsing rows, and what a stream cut inside a chunk header says. */
    static Stream<List<String>> chunkCopiers() {
        return Stream.of(
                List.of("blz4", "fatal: impossible\n"),
                List.of("blz4d", "fatal: impossible\n"),
                List.of("bsplit", "fatal: impossible\n"),
                List.of("bpartition", "fatal: bad bpartition chunk read 2\n"));
    }

    @ParameterizedTest
    @MethodSource("chunkCopiers")
    void chunkCopiersReportCorruptChunksAsTheReaderDoes(List<String> tool) {
        List<String> args = tool.get(0).equals("bpartition")
                ? List.of("bpartition", "1", "p")
                : tool.get(0).equals("bsplit") ? List.of("bsplit", "s") : List.of(tool.get(0));
        byte[] in = keyed(3);
        assertThat(run(args, Arrays.copyOf(in, 2)).errText()).isEqualTo(tool.get(1));
        int body = tool.get(0).equals("blz4d") ? 4 : in.length - 4;
        assertThat(run(args, Arrays.copyOf(in, 4)).errText())
                .isEqualTo("fatal: failed to read input, expected " + body + " got 0\n");
        assertThat(run(args, new byte[] {0x01, 0x00, 0x50, 0x00}).errText())
                .isEqualTo("fatal: bad chunk size: 5242881\n");
        if (!tool.get(0).equals("blz4d")) {
            assertThat(run(args, new byte[] {-1, -1, -1, -1, 7, 7}).errText())
                    .isEqualTo("fatal: failed to read input, expected -1 got 2\n");
        }
    }

    @ParameterizedTest
    @MethodSource("tools")
    void rowSizesOverrunningTheChunkAreCaught(List<String> tool) {
        byte[] in = keyed(1);
        in[8] = (byte) 0x7F;
        ToolHarness.Result r = run(tool, in);
        assertOneFatalLine(r);
        assertThat(r.errText()).isEqualTo("fatal: ramread, not possible, chunk sizes are known\n");
    }

    @Test
    void wrongWidthTypedColumns() {
        ToolHarness h = new ToolHarness();
        byte[] text = h.bsv("a,12\nb,345\n");
        for (String tool : List.of("bsumeach", "bsumeach-hash")) {
            ToolHarness.Result r = h.run(tool, text, "i64");
            assertOneFatalLine(r);
            assertThat(r.errText()).isEqualTo("fatal: bad size for i64: 2\n");
            assertThat(h.run(tool, text, "u16").errText()).isEqualTo("fatal: bad size for u16: 3\n");
            assertThat(h.run(tool, h.bsv("a\n"), "i64").errText()).isEqualTo("fatal: need at least 2 columns\n");
            assertThat(h.run(tool, text, "int").errText()).isEqualTo("fatal: bad type int\n");
            assertThat(h.run(tool, text).errText()).startsWith("usage: ... | " + tool + " ");
            assertThat(h.run(tool, text, "i64", "x").errText()).startsWith("usage: ... | " + tool + " ");
        }
        assertThat(h.run("btopn", text, "1", "f32").errText()).isEqualTo("fatal: bad size for f32: 1\n");
        assertThat(h.run("bdropuntil", text, "1", "u32").errText()).isEqualTo("fatal: bad size for u32: 1\n");
        assertThat(h.run("btakeuntil", text, "1", "f64").errText()).isEqualTo("fatal: bad size for f64: 1\n");
        assertThat(h.run("bquantile-sketch", text, "i16").errText()).isEqualTo("fatal: bad size for i16: 1\n");
    }

    @Test
    void bcombineArgumentErrorsAreBcuts() {
        ToolHarness h = new ToolHarness();
        byte[] in = h.bsv("a,b,c\n");
        assertThat(h.run("bcombine", in).errText()).isEqualTo("usage: ... | bcombine COL1,...,COLN\n\n");
        assertThat(h.run("bcombine", in, "1", "2").errText()).isEqualTo("usage: ... | bcombine COL1,...,COLN\n\n");
        assertThat(h.run("bcombine", in, "0").errText())
                .isEqualTo("fatal: indices must be gte 0, got: 0 (columns are numbered from 1)\n");
        assertThat(h.run("bcombine", in, "x").errText())
                .isEqualTo("fatal: indices must be gte 0, got: 0 (not a column number: 'x')\n");
        assertThat(h.run("bcombine", in, "65536").errText())
                .isEqualTo("fatal: cannot select indices above 65535, tried to select: 65536\n");
        assertThat(h.run("bcombine", in, "4").errText()).isEqualTo("fatal: line with 3 columns, needed 4\n");
    }

    @Test
    void combinedColumnOverTheLimitIsTheWritersError() {
        Layout big = new Layout(300_000);
        byte[] wide = new byte[40_000];
        Arrays.fill(wide, (byte) 'x');
        byte[] in = BsvModel.encode(List.of(List.of(wide, wide)), big);
        ToolHarness.Result r = new ToolHarness(big).run("bcombine", in, "1,2");
        assertOneFatalLine(r);
        assertThat(r.errText())
                .isEqualTo("fatal: cannot have columns with more than 2**16 - 1 bytes, column: 0,"
                        + " size: 80001, content: xxxxxxxxxx...\n");
        ToolHarness.Result small = new ToolHarness(new Layout(100_000))
                .run("bcombine", BsvModel.encode(List.of(List.of(wide, wide)), new Layout(100_000)), "1,2");
        assertThat(small.errText()).isEqualTo("fatal: cant write larger than BUFFER_SIZE\n");
    }

    @Test
    void lz4InputThatIsNotLz4() {
        ToolHarness h = new ToolHarness(Layout.DEFAULT, dir);
        h.run("bunzip", h.bsv("a\n"), "p").ok();
        ToolHarness.Result r = h.run("bzip", "p_1 ", "-l");
        assertOneFatalLine(r);
        assertThat(r.errText()).startsWith("fatal: ");
    }
}
