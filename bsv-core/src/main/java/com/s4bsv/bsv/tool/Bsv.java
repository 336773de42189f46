package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.BufferPool;
import com.s4bsv.bsv.io.ChunkWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * CSV text to bsv: lines split on {@code \n}, fields on {@code ,}, no quoting; NUL becomes a space;
 * empty lines give no row. A line's bytes are copied once: its separators become the terminators.
 */
final class Bsv implements Tool {

    static final Usage USAGE =
            new Usage("convert csv to bsv\n\n", "... | bsv\n\n", ">> echo a,b,c | bsv | bcut 3,2,1 | csv\nc,b,a\n");

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COMMAS = ONES * ',';
    private static final long NEWLINES = ONES * '\n';

    // both start small and grow to their limits (B, 65535 columns): a tiny input allocates little
    private static final int INITIAL_BYTES = 64 * 1024;
    private static final int INITIAL_COLUMNS = 256;

    private int[] sizes = new int[INITIAL_COLUMNS];

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        InputStream in = context.in();
        Layout layout = context.layout();
        ChunkWriter writer = new ChunkWriter(context.out(), layout);
        int capacity = layout.csvLineLimit();
        byte[] buf = BufferPool.take(Math.min(capacity, INITIAL_BYTES), capacity);
        int end = 0;
        int lineStart = 0;
        int columnStart = 0;
        int column = 0;
        int scan = 0;
        boolean eof = false;
        while (true) {
            if (scan == end) {
                if (eof) {
                    break;
                }
                if (lineStart > 0) {
                    int keep = end - lineStart;
                    System.arraycopy(buf, lineStart, buf, 0, keep);
                    columnStart -= lineStart;
                    scan -= lineStart;
                    end = keep;
                    lineStart = 0;
                }
                if (end == buf.length) {
                    if (end == capacity) {
                        throw new FatalException("fatal: line longer than BUFFER_SIZE\n");
                    }
                    buf = BufferPool.grow(buf, (int) Math.min(capacity, 2L * buf.length), capacity, end);
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
                continue;
            }
            // the common bytes first: 8 at a time (SWAR), then one by one
            int i = scan;
            byte b = 0;
            while (i <= end - 8) {
                long v = LittleEndian.i64(buf, i);
                long hits = zeroBytes(v ^ COMMAS) | zeroBytes(v ^ NEWLINES) | zeroBytes(v);
                if (hits != 0) {
                    i += Long.numberOfTrailingZeros(hits) >>> 3;
                    break;
                }
                i += 8;
            }
            while (i < end) {
                b = buf[i];
                if (b == ',' || b == '\n' || b == 0) {
                    break;
                }
                i++;
            }
            scan = i;
            if (i == end) {
                continue;
            }
            if (b == 0) {
                buf[i] = ' ';
                scan = i + 1;
            } else if (b == ',') {
                if (column + 1 >= Layout.MAX_COLUMNS) {
                    throw new FatalException("fatal: line with more than 65535 columns\n");
                }
                if (column + 1 >= sizes.length) {
                    sizes = Arrays.copyOf(sizes, Math.min(Layout.MAX_COLUMNS + 1, 2 * sizes.length));
                }
                sizes[column] = i - columnStart;
                column++;
                columnStart = i + 1;
                scan = i + 1;
            } else {
                emit(writer, buf, lineStart, column, columnStart, i);
                column = 0;
                lineStart = i + 1;
                columnStart = lineStart;
                scan = lineStart;
            }
        }
        if (lineStart < end || column > 0) {
            emit(writer, buf, lineStart, column, columnStart, end);
        }
        writer.flush();
    }

    /** A high bit in each byte of {@code x} that is zero; exact for the lowest such byte. */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    private void emit(ChunkWriter writer, byte[] buf, int lineStart, int column, int columnStart, int lineEnd)
            throws IOException {
        if (column == 0 && lineEnd == columnStart) {
            return;
        }
        sizes[column] = lineEnd - columnStart;
        writer.writeSeparated(buf, lineStart, sizes, column + 1);
    }
}
