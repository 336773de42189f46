package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Copies rows while the first column is strcmp-equal to VALUE; stops at the first other row. */
final class Btake implements Tool {

    static final Usage USAGE = new Usage(
            "take while the first column is VALUE\n\n",
            "... | btake VALUE\n\n",
            ">> echo '\\na\\nb\\nc\\nd\\n' | bsv | bdropntil c | btake c | csv\nc\n\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        String arg = context.arg(0);
        byte @Nullable [] value = arg == null ? null : arg.getBytes(StandardCharsets.UTF_8);
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        while (reader.next(row)) {
            if (value == null) {
                // the original crashes here (no VALUE but rows to compare)
                throw USAGE.error();
            }
            if (row.compareColumn(0, value, 0, value.length) != 0) {
                break;
            }
            writer.write(row);
        }
        writer.flush();
    }
}
