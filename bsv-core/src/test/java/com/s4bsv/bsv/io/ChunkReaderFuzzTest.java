package com.s4bsv.bsv.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.testing.FuzzMeter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * The reader every tool shares, on fuzzed bytes: it yields rows whose columns lie inside the chunk it read, or
 * fails with a {@link FatalException} carrying one line of the original's messages, and nothing else. Byte 0
 * picks plain or lz4 framing and the chunk size, the rest is the stream.
 */
class ChunkReaderFuzzTest {

    private static final FuzzMeter METER = new FuzzMeter("ChunkReader");

    @FuzzTest(maxDuration = "10s")
    void readsRowsOrFailsWithTheOriginalsMessage(byte[] data) throws Exception {
        METER.run(data, () -> {
            if (data.length < 1) {
                return;
            }
            boolean lz4 = (data[0] & 1) != 0;
            Layout layout = new Layout(8 + 32 * ((data[0] & 0xFF) >>> 1));
            byte[] stream = Arrays.copyOfRange(data, 1, data.length);
            ChunkReader reader = new ChunkReader(new ByteArrayInputStream(stream), layout, lz4);
            Row row = new Row();
            long rows = 0;
            try {
                while (reader.next(row)) {
                    rows++;
                    check(row.columns() >= 1 && row.columns() <= Layout.MAX_COLUMNS + 1, "column count", row);
                    // a row may span chunks at its three parts (the reader tolerates it), each part fits in one
                    check(
                            row.dataBytes() <= layout.bufferSize()
                                    && Layout.headerSize(row.columns()) - Layout.U16 <= layout.bufferSize(),
                            "a row part larger than a chunk",
                            row);
                    for (int i = 0; i < row.columns(); i++) {
                        check(
                                row.offset(i) >= 0 && row.offset(i) + row.size(i) <= row.buffer().length,
                                "column " + i + " outside the buffer",
                                row);
                    }
                }
                // every row takes at least 5 bytes of a plain stream (lz4 blocks may expand)
                check(lz4 || rows <= stream.length / 5, "more rows than the stream can hold", row);
            } catch (FatalException e) {
                String message = new String(e.stderr(), StandardCharsets.UTF_8);
                assertThat(e.exitCode()).isEqualTo(1);
                assertThat(message).matches("(fatal: |didnt read enough)[^\n]*\n");
            }
        });
    }

    private static void check(boolean ok, String what, Row row) {
        if (!ok) {
            throw new AssertionError(what + ": columns=" + row.columns() + " size=" + row.serializedSize());
        }
    }

    @AfterAll
    static void report() {
        METER.print();
    }
}
