package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.collections.KeyTable;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;

/** Counts rows per distinct first column (full bytes), output in the original's hash-table order. */
final class BcounteachHash implements Tool {

    static final Usage USAGE = new Usage(
            "count as i64 by hash of the first column\n\n",
            "... | bcounteach-hash\n\n",
            "echo '\\na\\na\\nb\\nb\\nb\\na\\n' | bsv | bcounteach-hash | bschema *,i64:a | bsort | csv\na,3\nb,3\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        Row row = new Row();
        KeyTable table = new KeyTable();
        while (reader.next(row)) {
            int slot = table.slot(row.buffer(), row.offset(0), row.size(0));
            table.value(slot, table.value(slot) + 1);
        }
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        RowBuilder out = new RowBuilder();
        for (int slot = 0; slot < table.capacity(); slot++) {
            if (table.occupied(slot)) {
                writer.write(out.reset()
                        .add(table.keys(), table.keyOffset(slot), table.keySize(slot))
                        .addI64(table.value(slot)));
            }
        }
        writer.flush();
    }
}
