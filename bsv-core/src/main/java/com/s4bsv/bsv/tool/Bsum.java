package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import com.s4bsv.bsv.row.TypedSum;
import java.io.IOException;

/** Sums the first column in its own type: integers wrap at their width, f32 adds in float. */
final class Bsum implements Tool {

    static final Usage USAGE = new Usage(
            "sum the first column\n\n",
            "... | bsum TYPE \n\n",
            ">> echo '\\n1\\n2\\n3\\n4\\n' | bsv | bschema a:i64 | bsum i64 | bschema i64:a | csv\n10\n");

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
        long sum = 0;
        while (reader.next(row)) {
            type.checkSize(row, 0);
            sum = TypedSum.add(type, sum, row.buffer(), row.offset(0));
        }
        RowBuilder out = new RowBuilder();
        TypedSum.addTo(out, type, sum);
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        writer.write(out);
        writer.flush();
    }
}
