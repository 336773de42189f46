package com.s4bsv.bench;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Writing 200k rows of 8 columns: the chunk writer from slices vs. a naive per-row ByteBuffer writer. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkWriterBenchmark {

    private List<List<byte[]>> rows = new ArrayList<>();

    @Setup
    public void setup() throws IOException {
        byte[] bsv = Data.run("bsv", Data.csv(Data.ROWS));
        ChunkReader reader = new ChunkReader(new ByteArrayInputStream(bsv), Layout.DEFAULT);
        Row row = new Row();
        while (reader.next(row)) {
            List<byte[]> r = new ArrayList<>();
            for (int i = 0; i < row.columns(); i++) {
                byte[] c = new byte[row.size(i)];
                System.arraycopy(row.buffer(), row.offset(i), c, 0, c.length);
                r.add(c);
            }
            rows.add(r);
        }
    }

    @Benchmark
    public int chunkWriter() throws IOException {
        ChunkWriter writer = new ChunkWriter(OutputStream.nullOutputStream(), Layout.DEFAULT);
        RowBuilder b = new RowBuilder();
        for (List<byte[]> r : rows) {
            b.reset();
            for (byte[] c : r) {
                b.add(c, 0, c.length);
            }
            writer.write(b);
        }
        writer.flush();
        return writer.buffered();
    }

    @Benchmark
    public int naiveByteBufferPerRow() throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        OutputStream out = OutputStream.nullOutputStream();
        for (List<byte[]> r : rows) {
            int size = 2 + 2 * r.size();
            for (byte[] c : r) {
                size += c.length + 1;
            }
            ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) (r.size() - 1));
            for (byte[] c : r) {
                b.putShort((short) c.length);
            }
            for (byte[] c : r) {
                b.put(c).put((byte) 0);
            }
            if (chunk.size() + size > Layout.DEFAULT_BUFFER_SIZE) {
                out.write(ByteBuffer.allocate(4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(chunk.size())
                        .array());
                chunk.writeTo(out);
                chunk.reset();
            }
            chunk.write(b.array());
        }
        return chunk.size();
    }
}
