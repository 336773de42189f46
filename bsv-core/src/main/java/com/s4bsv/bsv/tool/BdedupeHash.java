package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.collections.KeyTable;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;

/** Keeps, in input order, the first row of each distinct first column (full bytes). */
final class BdedupeHash implements Tool {

    static final Usage USAGE = new Usage(
            "dedupe rows by hash of the first column, keeping the first\n\n",
            "... | bdedupe-hash\n\n",
            ">> echo '\\na\\na\\nb\\nb\\na\\na\\n' | bsv | bdedupe-hash | csv\na\nb\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        KeyTable seen = new KeyTable();
        while (reader.next(row)) {
            seen.slot(row.buffer(), row.offset(0), row.size(0));
            if (seen.added()) {
                writer.write(row);
            }
        }
        writer.flush();
    }
}
