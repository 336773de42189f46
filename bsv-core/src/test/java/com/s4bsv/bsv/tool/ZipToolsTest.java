package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipToolsTest {

    @TempDir
    Path dir;

    private ToolHarness h() {
        return new ToolHarness(Layout.DEFAULT, dir);
    }

    @Test
    void bunzipThenBzipIsTheSpecExample() {
        ToolHarness h = h();
        ToolHarness.Result names = h.run("bunzip", h.bsv("a,b,c\n1,2,3\n"), "col");
        assertThat(names.ok()).isEqualTo("col_1\ncol_2\ncol_3\n".getBytes());
        assertThat(h.csv(h.run("bzip", "col_1 col_3\n").ok())).isEqualTo("a,c\n1,3\n");
        assertThat(h.csv(h.run("bzip", "col_1\ncol_2\ncol_3\n", "3,1").ok())).isEqualTo("c,a\n3,1\n");
        assertThat(h.csv(h.run("bzip", "col_1\ncol_2\ncol_3\n").ok())).isEqualTo("a,b,c\n1,2,3\n");
        // the seed's variant: names listed by ls, selection 1,3
        assertThat(h.csv(h.run("bzip", "col_1\ncol_2\ncol_3\n", "1,3").ok())).isEqualTo("a,c\n1,3\n");
    }

    @Test
    void bunzipPadsColumnNumbersToTheDigitsOfTheCount() throws IOException {
        ToolHarness h = h();
        String names =
                h.run("bunzip", h.bsv("1,2,3,4,5,6,7,8,9,10,11,12\n"), "c").outText();
        assertThat(names).startsWith("c_01\nc_02\n").endsWith("c_10\nc_11\nc_12\n");
        assertThat(h.csv(Files.readAllBytes(dir.resolve("c_12")))).isEqualTo("12\n");
    }

    @Test
    void bunzipOfNothingMakesNoFiles() throws IOException {
        ToolHarness h = h();
        assertThat(h.run("bunzip", new byte[0], "col").ok()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void lz4OutputsAndInputs() throws IOException {
        ToolHarness h = h();
        byte[] in = h.bsv("a,b\nc,d\n");
        assertThat(h.run("bunzip", in, "z", "-l").outText()).isEqualTo("z_1\nz_2\n");
        assertThat(Files.readAllBytes(dir.resolve("z_1"))).isNotEqualTo(h.bsv("a\nc\n"));
        assertThat(h.csv(h.run("bzip", "z_1 z_2 ", "--lz4").ok())).isEqualTo("a,b\nc,d\n");
        ToolHarness.Result plain = h.run("bzip", "z_1 z_2 ");
        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.errText()).startsWith("fatal: ");
    }

    @Test
    void bunzipRejectsRaggedRows() {
        ToolHarness h = h();
        ToolHarness.Result r = h.run("bunzip", h.bsv("a,b\nc\n"), "col");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText()).isEqualTo("fatal: unzip found a bad row, needed max 1, got: 0\n");
        assertThat(h.run("bunzip", new byte[0]).errText()).isEqualTo("usage: ... | bunzip PREFIX [-l|--lz4]\n\n");
        assertThat(h.run("bunzip", new byte[0], "a", "b").errText())
                .isEqualTo("usage: ... | bunzip PREFIX [-l|--lz4]\n\n");
    }

    @Test
    void bzipErrors() throws IOException {
        ToolHarness h = h();
        h.run("bunzip", h.bsv("a,b\nc,d\n"), "col").ok();
        Files.write(dir.resolve("short"), h.bsv("x\n"));
        Files.write(dir.resolve("wide"), h.bsv("x,y\nz,w\n"));
        String below = "fatal: bad column selection, should be like: '1,2,3' and cannot select below column 1.\n";
        assertThat(h.run("bzip", "col_1 col_2 ", "0").errText()).isEqualTo(below);
        assertThat(h.run("bzip", "col_1 col_2 ", "1,").errText()).isEqualTo(below);
        assertThat(h.run("bzip", "col_1 col_2 ", "3").errText())
                .isEqualTo("fatal: bad column selection, should be like: '1,2,3' and cannot select above column 2.\n");
        assertThat(h.run("bzip", "col_1 col_2 ", "2,2").errText())
                .isEqualTo("fatal: can only select columns once, got dupe for column: 2\n");
        assertThat(h.run("bzip", "col_1 short ").errText())
                .isEqualTo("fatal: all columns didn't end at the same length\n");
        assertThat(h.run("bzip", "col_1 wide ").errText())
                .isEqualTo("fatal: tried to zip a row with more than 1 column\n");
        assertThat(h.run("bzip", "col_1 missing ").errText()).isEqualTo("fatal: failed to open: missing\n");
        ToolHarness.Result none = h.run("bzip", "");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.errText()).isEqualTo("fatal: no columns to zip\n");
        // a last name without a separator is ignored, as in the original
        assertThat(h.csv(h.run("bzip", "col_2 col_1").ok())).isEqualTo("b\nd\n");
    }

    @Test
    void zipOfManyChunksWithTinyBuffers() {
        ToolHarness h = new ToolHarness(new Layout(16), dir);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            csv.append(i).append(',').append(i * 7).append('\n');
        }
        byte[] in = new ToolHarness(new Layout(16)).bsv(csv.toString());
        h.run("bunzip", in, "t").ok();
        byte[] zipped = h.run("bzip", "t_1 t_2 ").ok();
        assertThat(zipped).isEqualTo(in);
        assertThat(BsvModel.decode(zipped)).hasSize(200);
        assertThat(BsvModel.text(BsvModel.decode(h.run("bzip", "t_2 t_1 ").ok()))
                        .get(199))
                .containsExactly("1393", "199");
    }
}
