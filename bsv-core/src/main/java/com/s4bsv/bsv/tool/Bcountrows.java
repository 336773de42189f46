package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;

/** Counts rows; emits one row holding the count as i64 (also for empty input). */
final class Bcountrows implements Tool {

    static final Usage USAGE = new Usage(
            "count rows as i64\n\n",
            "... | bcountrows\n\n",
            ">> echo '\\n1\\n2\\n3\\n4\\n' | bsv | bcountrows | csv\n4\n\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        Row row = new Row();
        long count = 0;
        while (reader.next(row)) {
            count++;
        }
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        writer.write(new RowBuilder().addI64(count));
        writer.flush();
    }
}
