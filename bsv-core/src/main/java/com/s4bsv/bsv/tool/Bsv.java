package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;
import java.io.InputStream;

/**
 * CSV text to bsv: lines split on {@code \n}, fields on {@code ,}, no quoting; NUL becomes a space;
 * empty lines give no row. Columns are slices of the read buffer until the row is written.
 */
final class Bsv implements Tool {

    static final Usage USAGE = new Usage("convert csv to bsv\n\n", "... | bsv\n\n",
            ">> echo a,b,c | bsv | bcut 3,2,1 | csv\nc,b,a\n");

    private final int[] starts = new int[Layout.MAX_COLUMNS + 1];
    private final int[] sizes = new int[Layout.MAX_COLUMNS + 1];

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        InputStream in = context.in();
        Layout layout = context.layout();
        ChunkWriter writer = new ChunkWriter(context.out(), layout);
        RowBuilder row = new RowBuilder();
        int capacity = layout.csvLineLimit();
        byte[] buf = new byte[capacity];
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
                    for (int i = 0; i < column; i++) {
                        starts[i] -= lineStart;
                    }
                    columnStart -= lineStart;
                    scan -= lineStart;
                    end = keep;
                    lineStart = 0;
                }
                if (end == capacity) {
                    throw new FatalException("fatal: line longer than BUFFER_SIZE\n");
                }
                int n = in.read(buf, end, capacity - end);
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
                continue;
            }
            // the common bytes first: one range scan per column
            int i = scan;
            byte b = 0;
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
                starts[column] = columnStart;
                sizes[column] = i - columnStart;
                column++;
                columnStart = i + 1;
                scan = i + 1;
            } else {
                emit(writer, row, buf, column, columnStart, i);
                column = 0;
                lineStart = i + 1;
                columnStart = lineStart;
                scan = lineStart;
            }
        }
        if (lineStart < end || column > 0) {
            emit(writer, row, buf, column, columnStart, end);
        }
        writer.flush();
    }

    private void emit(ChunkWriter writer, RowBuilder row, byte[] buf, int column, int columnStart, int lineEnd)
            throws IOException {
        if (column == 0 && lineEnd == columnStart) {
            return;
        }
        row.reset();
        for (int c = 0; c < column; c++) {
            row.add(buf, starts[c], sizes[c]);
        }
        row.add(buf, columnStart, lineEnd - columnStart);
        writer.write(row);
    }
}
