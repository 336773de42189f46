package com.s4bsv.bsv.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChunkReaderTest {

    private final ToolHarness h = new ToolHarness();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private String csvError(byte[] input) {
        ToolHarness.Result r = h.run("csv", input);
        assertThat(r.exit()).isEqualTo(1);
        return r.errText();
    }

    @Test
    void truncatedInputGivesTheOriginalMessages() {
        byte[] good = h.bsv("a,bb,ccc\n");
        for (int n = 1; n <= 3; n++) {
            assertThat(csvError(Arrays.copyOf(good, n))).isEqualTo("fatal: impossible\n");
        }
        assertThat(csvError(Arrays.copyOf(good, 4))).isEqualTo("fatal: failed to read input, expected 17 got 0\n");
        assertThat(csvError(Arrays.copyOf(good, 20))).isEqualTo("fatal: failed to read input, expected 17 got 16\n");
    }

    @Test
    void rejectsChunkOverMaxSizeAndNegativeSizes() {
        assertThat(csvError(hex("ffffffff"))).isEqualTo("fatal: failed to read input, expected -1 got 0\n");
        assertThat(csvError(hex("01005000"))).isEqualTo("fatal: bad chunk size: 5242881\n");
        assertThat(csvError(hex("00005000"))).isEqualTo("fatal: failed to read input, expected 5242880 got 0\n");
    }

    @Test
    void textInputIsNamedAfterTheOriginalsWords() {
        String hint = " (input is not bsv? first bytes look like text)\n";
        // the bytes of "a,b\n" as a chunk size: 0x0a622c61
        assertThat(csvError("a,b\nc,d\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("fatal: bad chunk size: 174206049" + hint);
        assertThat(csvError("a\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("fatal: impossible" + hint);
        // a UTF-8 fourth byte makes the size negative
        assertThat(csvError("abcé,x\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("fatal: failed to read input, expected "
                        + LittleEndian.i32(new byte[] {'a', 'b', 'c', (byte) 0xc3}, 0) + " got 4" + hint);
        byte[] bsvThenText = concat(h.bsv("a\n"), "x,y\n".getBytes(StandardCharsets.UTF_8));
        assertThat(csvError(bsvThenText))
                .isEqualTo("fatal: bad chunk size: 175713400"
                        + " (input is not bsv? the bytes after chunk 1 look like text)\n");
    }

    @Test
    void textInputToAnLz4ReaderIsNamedToo() {
        ToolHarness.Result r = h.run("blz4d", "a,b\nc,d\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.errText())
                .isEqualTo("fatal: bad chunk size: 174206049 (input is not bsv? first bytes look like" + " text)\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void rejectsRowSizesOverrunningTheChunk() {
        // one column claiming 200 bytes in a 6-byte chunk
        assertThat(csvError(hex("06000000 0000 c800 6100")))
                .isEqualTo("fatal: ramread, not possible, chunk sizes are known\n");
        // sizes of 3 columns in a 4-byte chunk
        assertThat(csvError(hex("04000000 0200 0000")))
                .isEqualTo("fatal: ramread, not possible, chunk sizes are known\n");
        // a chunk of size 0 cannot hold the next read
        assertThat(csvError(hex("00000000"))).isEqualTo("fatal: diskread, not possible, chunk sizes are known\n");
        // a row header at the very end of the stream
        assertThat(csvError(hex("02000000 0000"))).isEqualTo("didnt read enough, only got: 0, expected: 2\n");
    }

    @Test
    void toleratesRowsSplitAtHeaderBoundaries() throws IOException {
        // max | sizes in the next chunk | data in the one after
        byte[] split = hex("02000000 0100 04000000 0100 0200 05000000 6100 626200");
        ChunkReader reader = new ChunkReader(new ByteArrayInputStream(split), Layout.DEFAULT);
        Row row = new Row();
        assertThat(reader.next(row)).isTrue();
        assertThat(row.columns()).isEqualTo(2);
        assertThat(new String(row.buffer(), row.offset(1), row.size(1))).isEqualTo("bb");
        byte[] copy = new byte[row.serializedSize()];
        row.copyTo(copy, 0);
        assertThat(copy).isEqualTo(hex("0100 0100 0200 6100 626200"));
        assertThat(reader.next(row)).isFalse();
    }

    @Test
    void lz4FramesRoundTrip() throws IOException {
        byte[] plain = h.bsv("a,b,c\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkWriter writer = new ChunkWriter(out, Layout.DEFAULT, true);
        ChunkReader plainReader = new ChunkReader(new ByteArrayInputStream(plain), Layout.DEFAULT);
        Row row = new Row();
        while (plainReader.next(row)) {
            writer.write(row);
        }
        writer.flush();
        byte[] framed = out.toByteArray();
        assertThat(Arrays.copyOf(framed, 4)).isEqualTo(hex("0e000000"));
        ChunkReader reader = new ChunkReader(new ByteArrayInputStream(framed), Layout.DEFAULT, true);
        assertThat(reader.next(row)).isTrue();
        assertThat(row.columns()).isEqualTo(3);
        assertThat(reader.next(row)).isFalse();
        byte[] corrupt = framed.clone();
        corrupt[0] = 0x0f;
        ChunkReader bad = new ChunkReader(new ByteArrayInputStream(corrupt), Layout.DEFAULT, true);
        assertThatThrownBy(() -> bad.next(row))
                .isInstanceOf(FatalException.class)
                .hasMessage("fatal: decompress size mismatch");
    }
}
