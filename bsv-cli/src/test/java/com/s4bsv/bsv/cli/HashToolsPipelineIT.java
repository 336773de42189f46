package com.s4bsv.bsv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines of the grouping, until and zip tools through the real bin/ launchers, one JVM per
 * stage, so chunks really cross process boundaries (also with a 128-byte BSV_BUFFER_SIZE).
 */
class HashToolsPipelineIT {

    private static final Path ROOT =
            Path.of(System.getProperty("s4.repo.root", "../")).toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run sh(String script, String bufferSize) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script).directory(dir.toFile());
        pb.environment().put("PATH", ROOT.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("LC_ALL", "C");
        if (bufferSize != null) {
            pb.environment().put("BSV_BUFFER_SIZE", bufferSize);
        }
        Path err = dir.resolve(".stderr");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + script);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    private String ok(String script) throws IOException, InterruptedException {
        return ok(script, null);
    }

    private String ok(String script, String bufferSize) throws IOException, InterruptedException {
        Run r = sh(script, bufferSize);
        assertThat(r.exit()).as("%s\nstderr: %s", script, r.err()).isZero();
        return r.out();
    }

    @Test
    void bcounteachHashPrintsInTheOriginalsTableOrder() throws Exception {
        assertThat(ok("printf 'e\\nd\\nc\\nb\\na\\nc\\n' | bsv | bcounteach-hash | bcut 1 | csv"))
                .isEqualTo("e\na\nb\nd\nc\n");
    }

    @Test
    void countsAndSumsAgreeAcrossProcessesAndTinyChunks() throws Exception {
        String script = "seq 1 20000 | awk '{print $1 % 100 \",x\"}' | bsv | bcounteach-hash"
                + " | bsumeach-hash i64 | bcut 1 | csv | sort -n | uniq -c | awk '{print $1}' | sort -u";
        assertThat(ok(script)).isEqualTo("1\n");
        assertThat(ok(script, "128")).isEqualTo("1\n");
        String runs = "seq 1 1000 | awk '{print int($1 / 10)}' | bsv | bcounteach | bdedupe | bcut 1 | csv | wc -l";
        assertThat(ok(runs).strip()).isEqualTo("101");
        assertThat(ok(runs, "128").strip()).isEqualTo("101");
    }

    @Test
    void dedupeHashKeepsFirstRowsAndStopsQuietlyWhenDownstreamCloses() throws Exception {
        assertThat(ok("printf 'a,1\\na,2\\nb,3\\na,4\\n' | bsv | bdedupe-hash | csv"))
                .isEqualTo("a,1\nb,3\n");
        assertThat(ok("seq 1 300000 | bsv | bdedupe-hash | csv | head -n 1")).isEqualTo("1\n");
    }

    @Test
    void untilToolsAndTopn() throws Exception {
        assertThat(ok("seq 1 10 | bsv | bdropuntil 5 | btakeuntil 8 | csv")).isEqualTo("5\n6\n7\n");
        assertThat(ok("seq 1 1000 | bsv | btopn 3 | csv", "128")).isEqualTo("999\n998\n997\n");
        assertThat(ok("seq 1 1000 | bsv | btopn 2 -r | csv")).isEqualTo("1\n10\n");
    }

    @Test
    void bunzipThenBzipRoundTrips() throws Exception {
        assertThat(ok("printf 'a,b,c\\n1,2,3\\n' | bsv | bunzip col && echo col_1 col_3 | bzip | csv"))
                .isEqualTo("col_1\ncol_2\ncol_3\na,c\n1,3\n");
        assertThat(ok("seq 1 5000 | awk '{print $1\",\"$1*2}' | bsv | bunzip -l z >/dev/null"
                        + " && ls z_* | bzip --lz4 2,1 | csv | tail -n 1"))
                .isEqualTo("10000,5000\n");
    }

    @Test
    void errorsAreOneLineWithExitOne() throws Exception {
        Run r = sh("echo a | bsv | bsumeach-hash i64", null);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("fatal: need at least 2 columns\n").doesNotContain("Exception");
        Run t = sh("echo a,b | bsv | head -c 7 | bcounteach-hash", null);
        assertThat(t.exit()).isEqualTo(1);
        assertThat(t.err()).contains("fatal: failed to read input, expected 10 got 3\n");
    }
}
