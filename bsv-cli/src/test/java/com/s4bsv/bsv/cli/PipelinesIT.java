package com.s4bsv.bsv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pipelines of real processes through the bin/ launchers, as a user runs them. */
class PipelinesIT {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Path bin() {
        return Path.of(System.getProperty("s4.repo.root", ".."))
                .toAbsolutePath()
                .normalize()
                .resolve("bin");
    }

    private Run sh(String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script).directory(dir.toFile());
        pb.environment().put("PATH", bin() + ":" + System.getenv("PATH"));
        pb.environment().remove("BSV_BUFFER_SIZE");
        Path out = dir.resolve(".out");
        Path err = dir.resolve(".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + script);
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    private String ok(String script) throws IOException, InterruptedException {
        Run r = sh(script);
        assertThat(r.exit()).as(script + "\nstderr: " + r.err()).isZero();
        assertThat(r.err()).as(script).isEmpty();
        return r.out();
    }

    @Test
    void sortsThroughAPipeline() throws Exception {
        assertThat(ok("printf '3\\n1\\n2\\n' | bsv | bsort | csv")).isEqualTo("1\n2\n3\n");
        assertThat(ok("seq 1 20000 | shuf --random-source=<(yes) | bsv | bschema a:i64 | bsort -r i64 | bschema i64:a"
                        + " | csv | md5sum"))
                .isEqualTo(ok("seq 20000 -1 1 | md5sum"));
    }

    @Test
    void sumsThroughTypes() throws Exception {
        assertThat(ok("seq 1 100000 | bsv | bschema a:i64 | bsum i64 | bschema i64:a | csv"))
                .isEqualTo("5000050000\n");
        assertThat(ok("echo a,b,c | bsv | bcut 3,2,1 | csv")).isEqualTo("c,b,a\n");
    }

    @Test
    void partitionsAndMergesBack() throws Exception {
        String merged = ok("seq 1 50000 | sed 's/$/,x/' | bsv | bpartition 8 part > names\n"
                + "for f in $(cat names); do bsort < $f > $f.sorted; done\n"
                + "ls part_*.sorted | bmerge | csv | md5sum");
        assertThat(merged).isEqualTo(ok("seq 1 50000 | sed 's/$/,x/' | bsv | bsort | csv | md5sum"));
        assertThat(ok("cat names | wc -l").strip()).isEqualTo("8");
    }

    @Test
    void lz4RoundTripsAndInteroperatesWithTheLz4Flags() throws Exception {
        assertThat(ok("seq 1 300000 | bsv | blz4 | blz4d | csv | md5sum")).isEqualTo(ok("seq 1 300000 | md5sum"));
        assertThat(ok("seq 1 1000 | bsv | blz4 > c.lz4 && bcat -l --head 2 c.lz4"))
                .isEqualTo("1\n2\n");
    }

    @Test
    void closingThePipeEarlyExitsZero() throws Exception {
        ok("seq 1 3000000 > big.txt");
        String status = ok("bsv < big.txt | bhead 1 | csv > head.txt; echo \"${PIPESTATUS[@]}\"");
        assertThat(status.strip()).isEqualTo("0 0 0");
        assertThat(Files.readString(dir.resolve("head.txt"))).isEqualTo("1\n");
        assertThat(ok("bsv < big.txt | csv | head -n 2; echo \"${PIPESTATUS[@]}\""))
                .isEqualTo("1\n2\n0 0 0\n");
    }

    @Test
    void errorsAreOneLineAndExitOne() throws Exception {
        Run truncated = sh("echo a,bb,ccc | bsv | head -c 20 | csv");
        assertThat(truncated.exit()).isEqualTo(1);
        assertThat(truncated.err()).isEqualTo("fatal: failed to read input, expected 17 got 16\n");
        Run help = sh("bcut -h");
        assertThat(help.exit()).isEqualTo(1);
        assertThat(help.err()).startsWith("select some columns\n\nusage: ... | bcut COL1,...,COLN\n\n");
        Run badType = sh("echo 1 | bsv | bsort i65");
        assertThat(badType.exit()).isEqualTo(1);
        assertThat(badType.err()).isEqualTo("fatal: bad type i65\n");
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        Run csvToCsv = sh("printf 'a,b\\nc,d\\n' | csv");
        assertThat(csvToCsv.exit()).isEqualTo(1);
        assertThat(csvToCsv.err())
                .isEqualTo("fatal: bad chunk size: 174206049 (input is not bsv? first bytes look like text)\n");
        Run cutZero = sh("echo a | bsv | bcut 0");
        assertThat(cutZero.exit()).isEqualTo(1);
        assertThat(cutZero.err()).isEqualTo("fatal: indices must be gte 0, got: 0 (columns are numbered from 1)\n");
        Run quantile = sh("seq 1 10 | bsv | bschema a:i64 | bquantile-sketch i64 | bquantile-merge 2.0");
        assertThat(quantile.exit()).isEqualTo(1);
        assertThat(quantile.err())
                .isEqualTo("fatal: bad arg: '2.0' (QUANTILES are numbers from 0 to 1, separated by"
                        + " commas, e.g. .5,.9,.99)\n");
    }

    @Test
    void chunkSizeComesFromTheEnvironment() throws Exception {
        String sizes = ok("seq 1 100 | BSV_BUFFER_SIZE=128 bsv | BSV_BUFFER_SIZE=128 bsplit s > /dev/null;"
                + " for f in s_*; do stat -c %s $f; done | sort -n | tail -1");
        assertThat(Integer.parseInt(sizes.strip())).isLessThanOrEqualTo(128 + 4);
        assertThat(ok("bsv < /dev/null | csv")).isEqualTo("\n");
    }

    @Test
    void jarListsToolsWithoutArguments() throws Exception {
        String out = ok("java_home=$(. " + bin() + "/lib/jdk.sh && echo $JAVA_HOME); \"$java_home/bin/java\" -jar "
                + bin().getParent().resolve("bsv-cli/target/bsv-cli.jar"));
        assertThat(out).contains("bsort").contains("xxh3").contains("bcounteach-hash");
    }
}
