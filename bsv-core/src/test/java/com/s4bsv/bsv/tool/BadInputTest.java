package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.ToolHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
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
        assertThat(fails(h.run("bsv", field + "\n")).errText()).isEqualTo(
                "fatal: cannot have columns with more than 2**16 - 1 bytes, column: 0, size: 65535, content: aaaaaaaaaa...\n");
        assertThat(fails(h.run("bsv", "x," + "\0b".repeat(40000) + "\n")).errText()).isEqualTo(
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
        assertThat(h.pipe("abc,x1\n", "bsv", "bschema a:i64,a:f64", "bschema i64:a,f64:a", "csv")).isEqualTo("0,0\n");
        assertThat(h.pipe("abc\n", "bsv", "bschema a:u64", "bschema u64:a", "csv")).isEqualTo("0\n");
        assertThat(fails(h.run("bschema", h.bsv(" 1\n"), "a:u64")).errText())
                .isEqualTo("fatal: unsigned value cannot be below zero\n");
    }

    @Property(tries = 300)
    void garbageNeverCrashesAnyTool(@ForAll @Size(max = 64) byte[] garbage,
            @ForAll @From("tools") String tool) throws Exception {
        Path dir = Files.createTempDirectory("garbage");
        try {
            ToolHarness t = new ToolHarness(new Layout(64), dir);
            String[] args = switch (tool) {
                case "bcut" -> new String[] {"2,1"};
                case "bhead", "btail" -> new String[] {"3"};
                case "bsort", "bsum" -> new String[] {"i64"};
                case "bschema" -> new String[] {"*,a:i64"};
                case "bpartition" -> new String[] {"3", "p"};
                case "bsplit" -> new String[] {"s"};
                default -> new String[0];
            };
            ToolHarness.Result r = t.run(tool, garbage, args);
            String err = r.errText();
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
            if (r.exit() != 0) {
                assertThat(r.exit()).isEqualTo(1);
                assertThat(err.strip()).doesNotContain("\n");
                assertThat(err).matches("(?s)(fatal: |didnt read enough|usage: ).*");
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> tools() {
        return net.jqwik.api.Arbitraries.of("csv", "bcut", "bhead", "btail", "bcountrows", "blz4d", "bsort", "bsum",
                "bschema", "bpartition", "bsplit", "blz4");
    }
}
