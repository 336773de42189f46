package com.s4bsv.bench;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.row.Row;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
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

/** Reading every row of 200k rows: the flyweight reader vs. a naive reader that allocates a byte[] per column. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkReaderBenchmark {

    private byte[] bsv = new byte[0];

    @Setup
    public void setup() {
        bsv = Data.run("bsv", Data.csv(Data.ROWS));
    }

    @Benchmark
    public long chunkReader() throws IOException {
        ChunkReader reader = new ChunkReader(new ByteArrayInputStream(bsv), Layout.DEFAULT);
        Row row = new Row();
        long bytes = 0;
        while (reader.next(row)) {
            bytes += row.size(row.columns() - 1);
        }
        return bytes;
    }

    @Benchmark
    public long naiveDataInputStream() throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bsv));
        long bytes = 0;
        while (true) {
            int size;
            try {
                size = Integer.reverseBytes(in.readInt());
            } catch (EOFException e) {
                break;
            }
            byte[] chunk = new byte[size];
            in.readFully(chunk);
            ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                int columns = (b.getShort() & 0xFFFF) + 1;
                int[] sizes = new int[columns];
                for (int i = 0; i < columns; i++) {
                    sizes[i] = b.getShort() & 0xFFFF;
                }
                List<byte[]> row = new ArrayList<>();
                for (int i = 0; i < columns; i++) {
                    byte[] c = new byte[sizes[i]];
                    b.get(c);
                    b.get();
                    row.add(c);
                }
                bytes += row.get(columns - 1).length;
            }
        }
        return bytes;
    }
}
