package com.s4bsv.s4.shell.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersPercentBytesRateAndEta() {
        var bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), "s4://b/k");
        bar.start(100 * 1024 * 1024);

        assertThat(bar.render(25 * 1024 * 1024, 5.0))
                .isEqualTo("s4://b/k [#####---------------] 25% 25.0 MiB/100.0 MiB 5.0 MiB/s ETA 0:15");
    }

    @Test
    void unknownTotalsShowBytesAndRateOnly() {
        var bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), "stdin");
        bar.start(-1);

        assertThat(bar.render(2048, 2.0)).isEqualTo("stdin 2.0 KiB 1.0 KiB/s");
    }

    @Test
    void drawsInPlaceAndEndsWithASummaryLine() {
        var err = new ByteArrayOutputStream();
        var bar = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), "k");
        bar.start(10);
        bar.advance(5);
        bar.advance(5);
        bar.finish();

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("\rk [")
                .contains("50%")
                .matches("(?s).*\rk 10 B in \\d+\\.\\d s \\([0-9.]+ (B|KiB|MiB|GiB)/s\\)" + "\033\\[K\n");
    }

    @Test
    void theSummaryGivesSizeTimeAndRate() {
        var bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), "s4://b/k");

        assertThat(bar.summary(1L << 30, 3.2)).isEqualTo("s4://b/k 1.0 GiB in 3.2 s (320.0 MiB/s)");
    }

    @Test
    void withoutABarThereIsNoSummary() {
        var err = new ByteArrayOutputStream();
        var bar = new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), "k");
        bar.start(10);
        bar.finish();

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void jobProgressSumsNodes() {
        var job = new JobProgress(new PrintStream(new ByteArrayOutputStream()), "map", 3);
        job.progress("a", 2, 4, 1024, 512);
        job.progress("b", 1, 6, 1024, 0);
        job.nodeDone("a", 4, 4);

        assertThat(job.render(0)).startsWith("map [").contains("5/10 keys, 1/3 nodes, 2.0 KiB in, 512 B out");
    }
}
