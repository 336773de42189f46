package com.s4bsv.bsv.tool;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.ToolFeeds;
import com.s4bsv.testing.FuzzMeter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Every tool of the registry on fuzzed bytes through its real input path, in-process through the CLI's
 * {@link Runner}: the answer is success or the tool's one error line with exit 1, never a stack trace, an
 * internal error, running out of memory (the fuzzing JVM has a small heap) or a hang (the watchdog of
 * {@link FuzzMeter}).
 *
 * <p>Input: byte 0 picks the invocation ({@link ToolFeeds#all()}), byte 1 the chunk size (0: the default 5 MiB,
 * else 8 + 16 * value), the rest is the tool's input; so seeds are plain bsv streams with two bytes in front.
 */
class ToolsFuzzTest {

    private static final int MAX_INPUT = 1 << 20;
    private static final List<ToolFeeds.Invocation> INVOCATIONS = ToolFeeds.all();
    private static final FuzzMeter METER =
            new FuzzMeter("bsv-tools(" + Tools.NAMES.size() + " tools, " + INVOCATIONS.size() + " invocations)");
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "10s")
    void everyToolOnFuzzedInput(byte[] data) throws Exception {
        METER.run(data, () -> {
            if (data.length < 2 || data.length > MAX_INPUT) {
                return;
            }
            ToolFeeds.Invocation invocation = INVOCATIONS.get((data[0] & 0xFF) % INVOCATIONS.size());
            int b = data[1] & 0xFF;
            Layout layout = b == 0 ? Layout.DEFAULT : new Layout(8 + 16 * b);
            byte[] input = Arrays.copyOfRange(data, 2, data.length);
            try {
                ToolFeeds.Outcome outcome = invocation.run(input, layout, DIR, OutputStream.nullOutputStream());
                String violation = ToolFeeds.violation(outcome);
                if (violation != null) {
                    throw new AssertionError(invocation + " (B=" + layout.bufferSize() + "): " + violation);
                }
            } finally {
                ToolFeeds.clear(DIR);
            }
        });
    }

    @AfterAll
    static void report() throws IOException {
        METER.print();
        ToolFeeds.clear(DIR);
        Files.deleteIfExists(DIR);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("bsv-tools-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
