package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.collections.KeyTable;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import com.s4bsv.bsv.row.TypedSum;
import java.io.IOException;

/**
 * Sums the second column per distinct first column (full bytes) in the type's arithmetic, the
 * first value starting the sum; output in the original's hash-table order. Any numeric type works
 * despite the usage text.
 */
final class BsumeachHash implements Tool {

    static final Usage USAGE = new Usage(
            "sum as i64 the second column by hash of the first column\n\n",
            "... | bsumeach-hash i64\n\n",
            "echo '\\na,1\\na,2\\nb,3\\nb,4\\nb,5\\na,6\\n' | bsv | bschema *,a:i64 | bsumeach-hash i64"
                    + " | bschema *,i64:a | csv\na,3\nb,12\na,6\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        if (context.args().size() != 1) {
            throw USAGE.error();
        }
        ColumnType type = ColumnType.parse(context.args().get(0));
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        Row row = new Row();
        KeyTable table = new KeyTable();
        while (reader.next(row)) {
            if (row.columns() < 2) {
                throw new FatalException("fatal: need at least 2 columns\n");
            }
            type.checkSize(row, 1);
            int slot = table.slot(row.buffer(), row.offset(0), row.size(0));
            table.value(
                    slot,
                    table.added()
                            ? TypedSum.bits(type, row.buffer(), row.offset(1))
                            : TypedSum.add(type, table.value(slot), row.buffer(), row.offset(1)));
        }
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        RowBuilder out = new RowBuilder();
        for (int slot = 0; slot < table.capacity(); slot++) {
            if (table.occupied(slot)) {
                out.reset().add(table.keys(), table.keyOffset(slot), table.keySize(slot));
                TypedSum.addTo(out, type, table.value(slot));
                writer.write(out);
            }
        }
        writer.flush();
    }
}
