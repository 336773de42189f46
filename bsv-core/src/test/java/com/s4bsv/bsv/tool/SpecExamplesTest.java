package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of spec/bsv.md and of the seed readme, for the tools of this class's owner. */
class SpecExamplesTest {

    @TempDir
    Path dir;

    private ToolHarness h() {
        return new ToolHarness(Layout.DEFAULT, dir);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private String files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return String.join(
                    " ", s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void bsortExamples() {
        ToolHarness h = h();
        assertThat(h.pipe("3\n1\n2\n", "bsv", "bsort", "csv")).isEqualTo("1\n2\n3\n");
        assertThat(h.pipe("3\n1\n2\n", "bsv", "bschema a:i64", "bsort -r i64", "bschema i64:a", "csv"))
                .isEqualTo("3\n2\n1\n");
        assertThat(h.pipe("é\nz\na\n", "bsv", "bsort", "csv")).isEqualTo("a\nz\né\n");
        assertThat(h.pipe("\n3\n2\n1\n", "bsv", "bschema a:i64", "bsort i64", "bschema i64:a", "csv"))
                .isEqualTo("1\n2\n3\n");
    }

    @Test
    void bsortIsStableInBothDirections() {
        ToolHarness h = h();
        assertThat(h.pipe("b,1\na,1\nb,2\na,2\nb,3\n", "bsv", "bsort", "csv")).isEqualTo("a,1\na,2\nb,1\nb,2\nb,3\n");
        assertThat(h.pipe("b,1\na,1\nb,2\na,2\nb,3\n", "bsv", "bsort -r", "csv"))
                .isEqualTo("b,1\nb,2\nb,3\na,1\na,2\n");
        // strcmp ends at an embedded NUL: "a\0x" equals "a"
        byte[] in = h.bsv("a,1\n");
        byte[] nul = BsvModel.encode(
                List.of(
                        BsvModel.columns("ab", "1"),
                        List.of(new byte[] {'a', 0, 'x'}, new byte[] {'2'}),
                        BsvModel.columns("a", "3")),
                Layout.DEFAULT);
        assertThat(h.pipe(nul, "bsort", "bcut 2", "csv")).isEqualTo("2\n3\n1\n".getBytes());
        assertThat(in).isNotEmpty();
    }

    @Test
    void bmergeExample() throws IOException {
        ToolHarness h = h();
        Files.write(dir.resolve("a.bsv"), h.bsv("a\nc\ne\n"));
        Files.write(dir.resolve("b.bsv"), h.bsv("b\nd\nf\n"));
        assertThat(h.csv(h.run("bmerge", "a.bsv b.bsv\n").ok())).isEqualTo("a\nb\nc\nd\ne\nf\n");
        // a last name without a separator after it is ignored
        assertThat(h.csv(h.run("bmerge", "a.bsv b.bsv").ok())).isEqualTo("a\nc\ne\n");
        assertThat(h.run("bmerge", "").ok()).isEmpty();
        assertThat(h.run("bmerge", "nope.bsv\n").errText()).isEqualTo("fatal: failed to open: nope.bsv\n");
        assertThat(h.run("bmerge", "a.bsv\n", "i64", "x").errText())
                .isEqualTo("usage: echo FILE1 ... FILEN | bmerge [TYPE] [-r|--reversed] [-l|--lz4]\n\n");
        assertThat(h.run("bmerge", "a.bsv\n", "i65").errText()).isEqualTo("fatal: bad type i65\n");
        assertThat(h.run("bmerge", "a.bsv\n", "i64").errText()).isEqualTo("fatal: bad size for i64: 1\n");
    }

    @Test
    void bmergeReversedTypedAndLz4() throws IOException {
        ToolHarness h = h();
        Files.write(dir.resolve("x"), h.pipe(h.bsv("9\n5\n1\n"), "bschema a:i64", "blz4"));
        Files.write(dir.resolve("y"), h.pipe(h.bsv("8\n5\n-3\n"), "bschema a:i64", "blz4"));
        assertThat(h.pipe(h.run("bmerge", "x y\n", "-rl", "i64").ok(), "bschema i64:a", "csv"))
                .isEqualTo("9\n8\n5\n5\n1\n-3\n".getBytes());
    }

    @Test
    void bpartitionExample() throws IOException {
        ToolHarness h = h();
        assertThat(h.run("bpartition", h.bsv("a\nb\nc\n"), "10", "prefix").outText())
                .isEqualTo("prefix_01\nprefix_05\nprefix_09\n");
        assertThat(h.run("bcat", "", "--prefix", "prefix_01", "prefix_05", "prefix_09")
                        .outText())
                .isEqualTo("prefix_01:c\nprefix_05:b\nprefix_09:a\n");
        assertThat(files()).isEqualTo("prefix_01 prefix_05 prefix_09");
    }

    @Test
    void bpartitionNamesAndErrors() throws IOException {
        ToolHarness h = h();
        assertThat(h.run("bpartition", h.bsv("a\nb\nc\n"), "9", "p").outText()).matches("(p_[0-8]\n){2,3}");
        assertThat(h.run("bpartition", h.bsv("a\n"), "100", "q").outText()).matches("q_0[0-9][0-9]\n");
        assertThat(h.run("bpartition", new byte[0]).errText())
                .isEqualTo("usage: \n... | bpartition NUM_BUCKETS [PREFIX] [-l|--lz4]\n\n");
        assertThat(h.run("bpartition", new byte[0], "123456789").errText())
                .isEqualTo("NUM_BUCKETS must be less than 1e8, got: 123456789\n");
        assertThat(h.run("bpartition", new byte[0], "0").errText()).isEqualTo("NUM_BUCKETS must be positive, got: 0\n");
        // no prefix: just the zero-padded number; one bucket copies chunks verbatim
        byte[] in = h.bsv("a\nb\n");
        assertThat(h.run("bpartition", in, "1").outText()).isEqualTo("0\n");
        assertThat(Files.readAllBytes(dir.resolve("0"))).isEqualTo(in);
    }

    @Test
    void bschemaExamples() {
        ToolHarness h = h();
        assertThat(h.pipe("aa,bbb,cccc\n", "bsv", "bschema 2,3,4", "csv")).isEqualTo("aa,bbb,cccc\n");
        assertThat(h.pipe("asdf,qwer\n", "bsv", "bschema 2*,*2", "csv")).isEqualTo("as,er\n");
        assertThat(h.pipe("11,22,33\n", "bsv", "bschema u16:a,u16:a,u16:a", "csv"))
                .isEqualTo("12593,12850,13107\n");
        assertThat(h.pipe(h.bsv("1,2\n"), "bschema a:i64,a:u16"))
                .isEqualTo(hex("12000000 0100 0800 0200 0100000000000000 00 0200 00"));
        assertThat(h.pipe(" 42\n+7\nabc\n12abc\n", "bsv", "bschema a:i64", "bschema i64:a", "csv"))
                .isEqualTo("42\n7\n0\n12\n");
        assertThat(h.pipe("1,2,3\n", "bsv", "bschema 1,...", "csv")).isEqualTo("1\n");
        ToolHarness.Result filtered = h.run("bschema", h.bsv("aa\nb\nccc\n"), "2", "--filter");
        assertThat(h.csv(filtered.ok())).isEqualTo("aa\n");
        assertThat(filtered.errText()).isEqualTo("filtered: 2\n");
        ToolHarness.Result hard = h.run("bschema", h.bsv("abc,99999999999999999999\n"), "2,a:i64", "--filter");
        assertThat(hard.exit()).isEqualTo(1);
        assertThat(hard.errText()).isEqualTo("fatal: above max value: 9223372036854775807 > 9223372036854775807\n");
        assertThat(h.run("bschema", h.bsv("a\n"), "...").ok()).isEqualTo(hex("02000000 ffff"));
    }

    @Test
    void bschemaFloatRoundTrips() {
        ToolHarness h = h();
        String[][] f64 = {
            {"0.1", "0.1"},
            {"-0.0", "-0"},
            {"1e300", "1e+300"},
            {"123456789012345678", "1.234567890123457e+17"},
            {"1e16", "1e+16"},
            {"1e15", "1000000000000000"},
            {"0.0001", "0.0001"},
            {"0.00001", "1e-05"},
            {"inf", "inf"},
            {"-INF", "-inf"},
            {"nan", "nan"},
            {"-nan", "-nan"},
            {"0x1p3", "8"},
            {"1e400", "inf"},
            {"5e-324", "4.940656458412465e-324"},
            {"abc", "0"},
            {"1.5xyz", "1.5"}
        };
        for (String[] c : f64) {
            assertThat(h.pipe(c[0] + "\n", "bsv", "bschema a:f64", "bschema f64:a", "csv"))
                    .as(c[0])
                    .isEqualTo(c[1] + "\n");
        }
        String[][] f32 = {
            {"0.1", "0.1"},
            {"123456789", "1.2345679e+08"},
            {"3.14159265358979", "3.1415927"},
            {"0.0001", "9.9999997e-05"},
            {"16777217", "16777216"},
            {"1e40", "inf"},
            {"1e8", "1e+08"},
            {"1e7", "10000000"}
        };
        for (String[] c : f32) {
            assertThat(h.pipe(c[0] + "\n", "bsv", "bschema a:f32", "bschema f32:a", "csv"))
                    .as(c[0])
                    .isEqualTo(c[1] + "\n");
        }
        assertThat(h.pipe(h.bsv("-nan\n"), "bschema a:f64")).endsWith(hex("0000000000 00f8ff 00"));
        assertThat(h.pipe(h.bsv("-nan\n"), "bschema a:f32")).endsWith(hex("0000c0ff 00"));
        assertThat(h.pipe(h.bsv("nan\n"), "bschema a:f32")).endsWith(hex("0000c07f 00"));
    }

    @Test
    void bschemaErrors() {
        ToolHarness h = h();
        assertThat(h.run("bschema", h.bsv("a,b\n"), "*").errText()).isEqualTo("fatal: row had 2 columns, needed 1\n");
        assertThat(h.run("bschema", h.bsv("a\n"), "*,*,...").errText())
                .isEqualTo("fatal: row had 1 columns, needed at least 2\n");
        assertThat(h.run("bschema", h.bsv("abc\n"), "2").errText())
                .isEqualTo("fatal: column 0 was size 3, needed to be 2\n");
        assertThat(h.run("bschema", h.bsv("a\n"), "2*").errText())
                .isEqualTo("fatal: column 0 was size 1, needed to be 2\n");
        assertThat(h.run("bschema", h.bsv("a\n"), "**").errText()).isEqualTo("fatal: bad schema: **\n");
        assertThat(h.run("bschema", h.bsv("a\n"), "x").errText()).isEqualTo("fatal: bad schema: x\n");
        assertThat(h.run("bschema", h.bsv("a\n")).errText()).isEqualTo("usage: ... | bschema SCHEMA [--filter]\n\n");
        assertThat(h.run("bschema", h.bsv("a\n"), "a:i64,a").errText()).isEqualTo("fatal: bad schema: a\n");
        assertThat(h.run("bschema", h.bsv("ab\n"), "i64:a").errText())
                .isEqualTo("fatal: number->ascii didn't have the write number of bytes\n");
        assertThat(h.run("bschema", h.bsv("40000\n"), "a:i16").errText())
                .isEqualTo("fatal: above max value: 40000 > 32767\n");
        assertThat(h.run("bschema", h.bsv("-40000\n"), "a:i16").errText())
                .isEqualTo("fatal: below min value: -40000 < -32768\n");
        assertThat(h.run("bschema", h.bsv("-99999999999999999999\n"), "a:i64").errText())
                .isEqualTo("fatal: above max value: -9223372036854775808 > -9223372036854775808\n");
        assertThat(h.run("bschema", h.bsv("-1\n"), "a:u16").errText())
                .isEqualTo("fatal: unsigned value cannot be below zero\n");
        assertThat(h.run("bschema", h.bsv(",x\n"), "a:u16,*").errText())
                .isEqualTo("fatal: unsigned value cannot be below zero\n");
        assertThat(h.run("bschema", h.bsv("70000\n"), "a:u16").errText())
                .isEqualTo("fatal: above max value: 70000 > 65535\n");
        assertThat(h.run("bschema", h.bsv("99999999999999999999\n"), "a:u64").errText())
                .isEqualTo("fatal: above max value: 18446744073709551615 > 18446744073709551615\n");
        assertThat(h.pipe("18446744073709551614\n", "bsv", "bschema a:u64", "bschema u64:a", "csv"))
                .isEqualTo("18446744073709551614\n");
        assertThat(h.pipe("x\n", "bsv", "bschema a:u32", "bschema u32:a", "csv"))
                .isEqualTo("0\n");
    }

    @Test
    void bsumExamples() {
        ToolHarness h = h();
        assertThat(h.pipe("\n1\n2\n3\n4\n", "bsv", "bschema a:i64", "bsum i64", "bschema i64:a", "csv"))
                .isEqualTo("10\n");
        assertThat(h.pipe("32767\n1\n", "bsv", "bschema a:i16", "bsum i16", "bschema i16:a", "csv"))
                .isEqualTo("-32768\n");
        assertThat(h.pipe("0.1\n0.2\n", "bsv", "bschema a:f64", "bsum f64", "bschema f64:a", "csv"))
                .isEqualTo("0.3\n");
        assertThat(h.pipe("0.1\n0.2\n0.3\n", "bsv", "bschema a:f32", "bsum f32", "bschema f32:a", "csv"))
                .isEqualTo("0.60000002\n");
        assertThat(h.pipe(new byte[0], "bsum u32", "bschema u32:a", "csv")).isEqualTo("0\n".getBytes());
        assertThat(h.run("bsum", h.bsv("1\n"), "i64").errText()).isEqualTo("fatal: bad size for i64: 1\n");
        assertThat(h.run("bsum", h.bsv("1\n")).errText()).isEqualTo("usage: ... | bsum TYPE \n\n");
        assertThat(h.run("bsum", h.bsv("1\n"), "str").errText()).isEqualTo("fatal: bad type str\n");
    }

    @Test
    void bcountrowsExamples() {
        ToolHarness h = h();
        assertThat(h.pipe(h.bsv("1\n2\n3\n"), "bcountrows")).isEqualTo(hex("0d000000 0000 0800 0300000000000000 00"));
        assertThat(h.pipe("\n1\n2\n3\n4\n", "bsv", "bcountrows", "bschema i64:a", "csv"))
                .isEqualTo("4\n");
        assertThat(h.pipe(new byte[0], "bcountrows", "bschema i64:a", "csv")).isEqualTo("0\n".getBytes());
    }

    @Test
    void bheadAndBtail() {
        ToolHarness h = h();
        assertThat(h.pipe("\na\nb\nc\n", "bsv", "bhead 2", "csv")).isEqualTo("a\nb\n");
        assertThat(h.pipe("a\nb\nc\n", "bsv", "bhead 0", "csv")).isEqualTo("\n");
        assertThat(h.pipe("a\nb\nc\n", "bsv", "bhead 9", "csv")).isEqualTo("a\nb\nc\n");
        assertThat(h.run("bhead", h.bsv("a\n"), "-1").errText()).isEqualTo("usage: ... | bhead N\n\n");
        assertThat(h.run("bhead", h.bsv("a\n"), "").ok()).isEmpty();
        assertThat(h.pipe("\na\nb\nc\n", "bsv", "btail 2", "csv")).isEqualTo("b\nc\n");
        assertThat(h.pipe("a\nb\nc\n", "bsv", "btail 0", "csv")).isEqualTo("\n");
        assertThat(h.pipe("a\nb\nc\n", "bsv", "btail 5", "csv")).isEqualTo("a\nb\nc\n");
    }

    @Test
    void bheadReadsAndValidatesTheRowAfterTheLastOne() {
        ToolHarness h = h();
        byte[] good = h.bsv("a\n");
        byte[] corrupt = Arrays.copyOf(hex("0c000000 0000 0100 6100 0200"), 12);
        byte[] both = new byte[good.length + corrupt.length];
        System.arraycopy(good, 0, both, 0, good.length);
        System.arraycopy(corrupt, 0, both, good.length, corrupt.length);
        assertThat(h.run("bhead", both, "1").exit()).isEqualTo(1);
    }

    @Test
    void blz4Examples() {
        ToolHarness h = h();
        assertThat(h.pipe(h.bsv("a,b,c\n"), "blz4"))
                .isEqualTo(hex("0e000000 0f000000 e0 02 00 01 00 01 00 01 00 61 00 62 00 63 00"));
        assertThat(h.pipe("a,b,c\n", "bsv", "blz4", "blz4d", "csv")).isEqualTo("a,b,c\n");
        assertThat(h.pipe(hex("00000000 01000000 00"), "blz4d")).isEqualTo(hex("00000000"));
        assertThat(h.pipe(hex("00000000"), "blz4")).hasSize(9).startsWith(hex("00000000"));
        assertThat(h.run("blz4d", hex("04000000 01000000 00")).errText())
                .isEqualTo("fatal: decompress size mismatch\n");
        assertThat(h.run("blz4", hex("05000000 00")).errText())
                .isEqualTo("fatal: failed to read input, expected 5 got 1\n");
    }

    @Test
    void bsplitExamples() throws IOException {
        ToolHarness h = h();
        assertThat(h.run("bsplit", h.bsv("a,b,c"), "prefix").outText()).isEqualTo("prefix_0000000000\n");
        ToolHarness tiny = new ToolHarness(new Layout(12), dir);
        // rows of one 1-byte column are 6 bytes: chunks [a|b] [c|d] [e|f] [g]
        byte[] in = tiny.bsv("a\nb\nc\nd\ne\nf\ng\n");
        assertThat(tiny.run("bsplit", in, "p", "2").outText()).isEqualTo("p_0000000000\np_0000000001\n");
        assertThat(tiny.csv(Files.readAllBytes(dir.resolve("p_0000000000")))).isEqualTo("a\nb\nc\nd\n");
        assertThat(tiny.csv(Files.readAllBytes(dir.resolve("p_0000000001")))).isEqualTo("e\nf\ng\n");
        assertThat(h.run("bsplit", new byte[0], "q").ok()).isEmpty();
        assertThat(h.run("bsplit", new byte[0]).errText())
                .isEqualTo("usage: ... | bsplit PREFIX [chunks_per_file=1] \n\n");
        assertThat(h.run("bsplit", in, "z", "0").exit()).isEqualTo(1);
    }

    @Test
    void bcatExample() throws IOException {
        ToolHarness h = h();
        for (String c : new String[] {"a", "a", "b"}) {
            Path f = dir.resolve("f_" + c);
            Files.write(f, h.bsv(c + "\n"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        assertThat(h.run("bcat", "", "--prefix", "--head", "1", "f_a", "f_b").outText())
                .isEqualTo("f_a:a\nf_b:b\n");
        assertThat(h.run("bcat", "", "f_a", "f_b").outText()).isEqualTo("a\na\nb\n");
        assertThat(h.run("bcat", "", "-p", "-h1", "f_a").outText()).isEqualTo("f_a:a\n");
        assertThat(h.run("bcat", "", "--head", "x", "f_a").errText())
                .isEqualTo("fatal: should have been `--head INT`, not `--head x`\n");
        assertThat(h.run("bcat", "", "--head").errText()).isEqualTo("fatal: needs value --head\n");
        assertThat(h.run("bcat", "").errText())
                .isEqualTo("usage: bcat [-l|--lz4] [-p|--prefix] [-h N|--head N] FILE1 ... FILEN\n\n");
        assertThat(h.run("bcat", "", "f_a", "nope").errText()).isEqualTo("fatal: failed to open: nope\n");
        Files.write(dir.resolve("empty"), new byte[0]);
        assertThat(h.run("bcat", "", "empty").outText()).isEqualTo("\n");
        Files.write(dir.resolve("z"), h.pipe(h.bsv("x,y\n"), "blz4"));
        assertThat(h.run("bcat", "", "-l", "z").outText()).isEqualTo("x,y\n");
    }

    @Test
    void xxh3Examples() {
        ToolHarness h = h();
        assertThat(h.run("xxh3", "abc\n").outText()).isEqualTo("079364cbfdf9f4cb\n");
        assertThat(h.run("xxh3", "abc\n", "--int").outText()).isEqualTo("545890807144117451\n");
        assertThat(h.run("xxh3", "").outText()).isEqualTo("2d06800538d394c2\n");
        assertThat(h.run("xxh3", "a", "-i").outText()).isEqualTo("16629034431890738719\n");
        ToolHarness.Result stream = h.run("xxh3", "abc\n", "--stream");
        assertThat(stream.outText()).isEqualTo("abc\n");
        assertThat(stream.errText()).isEqualTo("079364cbfdf9f4cb\n");
        ToolHarness.Result both = h.run("xxh3", "abc\n", "-si");
        assertThat(both.outText()).isEqualTo("abc\n");
        assertThat(both.errText()).isEqualTo("545890807144117451\n");
    }

    @Test
    void seedReadmeExamples() {
        ToolHarness h = h();
        assertThat(h.pipe("a,b,c\n", "bsv", "bcut 3,2,1", "csv")).isEqualTo("c,b,a\n");
        assertThat(h.pipe("\n1\n2\n3\n4\n".getBytes(), "bsv", "bcountrows", "csv"))
                .isEqualTo(hex("0400000000000000 0a"));
        assertThat(h.pipe("\n1,2\n3,4\n", "bsv", "bschema a:u16,a:u16", "bschema u16:a,u16:a", "csv"))
                .isEqualTo("1,2\n3,4\n");
        assertThat(h.pipe("a,b,c\n", "bsv", "blz4", "blz4d", "csv")).isEqualTo("a,b,c\n");
    }
}
