package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.ToolHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input ends in one clear stderr line and a non-zero exit: never a stack trace or garbage. */
class BadInputTest {

    private final ToolHarness h = new ToolHarness();

    private ToolHarness.Result fails(ToolHarness.Result r) {
        assertThat(r.exit()).isNotZero();
        return r;
    }

    @Test
    void columnOver65534BytesIsRejectedWithAnExcerpt() {
        String field = "a".repeat(65535);
        assertThat(fails(h.run("bsv", field + "\n")).errText())
                .isEqualTo(
                        "fatal: cannot have columns with more than 2**16 - 1 bytes, column: 0, size: 65535, content: aaaaaaaaaa...\n");
        assertThat(fails(h.run("bsv", "x," + "\0b".repeat(40000) + "\n")).errText())
                .isEqualTo(
                        "fatal: cannot have columns with more than 2**16 - 1 bytes, column: 1, size: 80000, content:  b b b b b...\n");
    }

    @Test
    void tooManyColumnsIsRejected() {
        assertThat(h.run("bsv", ",".repeat(65534) + "\n").exit()).isZero();
        assertThat(fails(h.run("bsv", ",".repeat(65535) + "\n")).errText())
                .isEqualTo("fatal: line with more than 65535 columns\n");
    }

    @Test
    void linesAndRowsLongerThanAChunkAreRejected() {
        ToolHarness tiny = new ToolHarness(new Layout(64));
        assertThat(fails(tiny.run("bsv", "a".repeat(64) + "\n")).errText())
                .isEqualTo("fatal: line longer than BUFFER_SIZE\n");
        assertThat(tiny.run("bsv", "a".repeat(50) + "\n").exit()).isZero();
        assertThat(fails(tiny.run("bsv", "a".repeat(60) + "\n")).errText())
                .isEqualTo("fatal: cant write larger than BUFFER_SIZE\n");
    }

    @Test
    void wrongWidthColumnsForTypedTools() {
        byte[] in = h.bsv("1\n");
        for (String tool : List.of("bsort", "bsum")) {
            assertThat(fails(h.run(tool, in, "i64")).errText()).isEqualTo("fatal: bad size for i64: 1\n");
            assertThat(fails(h.run(tool, in, "f32")).errText()).isEqualTo("fatal: bad size for f32: 1\n");
        }
        assertThat(fails(h.run("bsort", in, "int")).errText()).isEqualTo("fatal: bad type int\n");
        assertThat(fails(h.run("bschema", in, "u16:a")).errText())
                .isEqualTo("fatal: number->ascii didn't have the write number of bytes\n");
    }

    @Test
    void nonNumericTextUnderANumericSchemaParsesAsCDoes() {
        assertThat(h.pipe("abc,x1\n", "bsv", "bschema a:i64,a:f64", "bschema i64:a,f64:a", "csv"))
                .isEqualTo("0,0\n");
        assertThat(h.pipe("abc\n", "bsv", "bschema a:u64", "bschema u64:a", "csv"))
                .isEqualTo("0\n");
        assertThat(fails(h.run("bschema", h.bsv(" 1\n"), "a:u64")).errText())
                .isEqualTo("fatal: unsigned value cannot be below zero\n");
    }

    /** Found by ToolsFuzzTest: blz4 allocated whatever a corrupt chunk header claimed (here 800 MB): out of memory. */
    @Test
    void blz4RefusesAChunkSizeOverBBeforeAllocatingIt() {
        byte[] size838860801 = {0x01, 0x00, 0x00, 0x32};
        ToolHarness.Result r = new ToolHarness(new Layout(2056)).run("blz4", size838860801);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText()).isEqualTo("fatal: bad chunk size: 838860801\n");
        assertThat(new ToolHarness(new Layout(64))
                        .run("blz4", new byte[] {65, 0, 0, 0})
                        .errText())
                .isEqualTo("fatal: bad chunk size: 65\n");
    }

    // Garbage, truncated, corrupt and oversized streams into every tool: BadStreamsPropertiesTest.
}
