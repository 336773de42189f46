package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;

/**
 * Drops rows whose first column is strcmp-equal to that of the last emitted row; the last emitted
 * value starts as the empty string, as in the original.
 */
final class Bdedupe implements Tool {

    static final Usage USAGE = new Usage(
            "dedupe identical contiguous rows by the first column, keeping the first\n\n",
            "... | bdedupe\n\n",
            ">> echo '\\na\\na\\nb\\nb\\na\\na\\n' | bsv | bdedupe | csv\na\nb\na\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        byte[] last = new byte[Layout.MAX_COLUMN_BYTES + 1];
        int lastSize = 0;
        while (reader.next(row)) {
            if (row.compareColumn(0, last, 0, lastSize) != 0) {
                lastSize = row.size(0);
                System.arraycopy(row.buffer(), row.offset(0), last, 0, lastSize);
                writer.write(row);
            }
        }
        writer.flush();
    }
}
