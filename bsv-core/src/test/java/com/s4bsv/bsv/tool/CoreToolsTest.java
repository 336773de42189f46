package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.ToolHarness;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CoreToolsTest {

    private final ToolHarness h = new ToolHarness();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void bsvWritesTheSpecExampleBytes() {
        assertThat(h.run("bsv", "a,bb,ccc\n").ok()).isEqualTo(hex("11000000 0200 010002000300 6100 626200 63636300"));
        assertThat(h.run("bsv", ",\n").ok()).isEqualTo(hex("08000000 0100 0000 0000 00 00"));
    }

    @Test
    void bsvSkipsEmptyLinesAndKeepsTheLastLineWithoutNewline() {
        assertThat(h.pipe("a,b\n\nc\n", "bsv", "csv")).isEqualTo("a,b\nc\n");
        assertThat(h.pipe("a,b\nc", "bsv", "csv")).isEqualTo("a,b\nc\n");
        assertThat(h.run("bsv", "").ok()).isEmpty();
        assertThat(h.run("bsv", "\n\n\n").ok()).isEmpty();
    }

    @Test
    void bsvHasNoQuotingAndKeepsCarriageReturns() {
        assertThat(h.pipe("a,\"b,c\"\r\n", "bsv", "bcut 3", "csv")).isEqualTo("c\"\r\n");
    }

    @Test
    void bsvTurnsNulIntoSpace() {
        assertThat(h.pipe(new byte[] {'a', 0, 'b', '\n'}, "bsv", "csv")).isEqualTo(new byte[] {'a', ' ', 'b', '\n'});
    }

    @Test
    void csvOfNothingIsOneNewline() {
        assertThat(h.run("csv", new byte[0]).ok()).isEqualTo(new byte[] {'\n'});
    }

    @Test
    void helpIsDescriptionUsageAndExampleOnStderrWithExit1() {
        ToolHarness.Result r = h.run("bsv", "", "x", "-h");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errText())
                .isEqualTo("convert csv to bsv\n\nusage: ... | bsv\n\n>> echo a,b,c | bsv | bcut 3,2,1 | csv\nc,b,a\n");
        assertThat(h.run("csv", "", "--help").errText()).startsWith("convert bsv to csv\n\nusage: ... | csv\n\n");
    }

    @Test
    void versionIsTwoLabelledLinesWithExit1() {
        ToolHarness.Result r = h.run("bcut", "", "--version");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText()).matches("git:      [0-9a-f]{40}\ndate:     .+\n");
    }

    @Test
    void bcutSelectsRepeatsAndReorders() {
        assertThat(h.pipe("a,b,c\n", "bsv", "bcut 3,3,3,2,2,1", "csv")).isEqualTo("c,c,c,b,b,a\n");
        assertThat(h.pipe("a,b,c\n", "bsv", "bcut 3,2,1", "csv")).isEqualTo("c,b,a\n");
    }

    @Test
    void bcutArgumentErrorsMatchTheOriginal() {
        byte[] in = h.bsv("a,b,c\n");
        assertThat(h.run("bcut", in, "0").errText())
                .isEqualTo("fatal: indices must be gte 0, got: 0 (columns are numbered from 1)\n");
        assertThat(h.run("bcut", in, "1,").errText())
                .isEqualTo("fatal: indices must be gte 0, got: 0 (not a column number: '')\n");
        assertThat(h.run("bcut", in, "x").errText())
                .isEqualTo("fatal: indices must be gte 0, got: 0 (not a column number: 'x')\n");
        assertThat(h.run("bcut", in, "-1").errText())
                .isEqualTo("fatal: indices must be gte 0, got: -1 (columns are numbered from 1)\n");
        assertThat(h.run("bcut", in, "65536").errText())
                .isEqualTo("fatal: cannot select indices above 65535, tried to select: 65536\n");
        assertThat(h.run("bcut", in, " 2").ok())
                .isEqualTo(h.run("bcut", in, "2").ok());
        assertThat(h.run("bcut", in, "2x").ok())
                .isEqualTo(h.run("bcut", in, "2").ok());
        ToolHarness.Result noArgs = h.run("bcut", in);
        assertThat(noArgs.exit()).isEqualTo(1);
        assertThat(noArgs.errText()).isEqualTo("usage: ... | bcut COL1,...,COLN\n\n");
        assertThat(h.run("bcut", in, "1", "2").errText()).isEqualTo("usage: ... | bcut COL1,...,COLN\n\n");
        ToolHarness.Result missing = h.run("bcut", in, "4");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.errText()).isEqualTo("fatal: line with 3 columns, needed 4\n");
    }

    @Test
    void unknownToolIsAUsageError() {
        ToolHarness.Result r = h.run("bnope", "");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText()).isEqualTo("fatal: no such bsv tool: bnope\n");
    }

    @Test
    void tinyChunksSplitRowsGreedily() {
        ToolHarness tiny = new ToolHarness(new Layout(16));
        // each row "a" is 2+2+2 = 6 bytes: two fit in 16, the third starts a new chunk
        assertThat(tiny.run("bsv", "a\nb\nc\n").ok())
                .isEqualTo(hex("0c000000 0000 0100 6100 0000 0100 6200 06000000 0000 0100 6300"));
    }
}
