package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;

/** Selects columns by 1-based index, in the given order, repeats allowed. */
final class Bcut implements Tool {

    static final Usage USAGE = new Usage("select some columns\n\n", "... | bcut COL1,...,COLN\n\n",
            ">> echo a,b,c | bsv | bcut 3,3,3,2,2,1 | csv\nc,c,c,b,b,a\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        if (context.args().size() != 1) {
            throw USAGE.error();
        }
        int[] indices = ColumnSelection.parse(context.args().get(0));
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        RowBuilder out = new RowBuilder();
        while (reader.next(row)) {
            out.reset();
            for (int index : indices) {
                if (index >= row.columns()) {
                    throw ColumnSelection.missing(row, index);
                }
                out.add(row, index);
            }
            writer.write(out);
        }
        writer.flush();
    }
}
