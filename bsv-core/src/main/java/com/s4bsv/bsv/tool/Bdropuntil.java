package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkScan;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.Threshold;
import java.io.IOException;

/**
 * For sorted input: drops rows until the first column is at least VALUE, then copies every row
 * left. Whole chunks are skipped by their first row, as in the original.
 */
final class Bdropuntil implements Tool {

    static final Usage USAGE = new Usage(
            "for sorted input, drop until the first column is gte to VALUE\n\n",
            "... | bdropuntil VALUE [TYPE]\n\n",
            ">> echo '\\na\\nb\\nc\\nd\\n' | bsv | bdropuntil c | csv\nc\nd\n\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        int n = context.args().size();
        if (n != 1 && n != 2) {
            throw USAGE.error();
        }
        Threshold threshold = Threshold.parse(context.args().get(0), context.arg(1));
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        ChunkScan scan = new ChunkScan(reader, threshold, null);
        boolean dropping = true;
        Row row;
        while ((row = scan.next()) != null) {
            if (dropping) {
                if (threshold.compareFirst(row) < 0) {
                    continue;
                }
                dropping = false;
            }
            writer.write(row);
        }
        writer.flush();
    }
}
