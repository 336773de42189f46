package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.ColumnSelection;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;

/** Selects columns by 1-based index, in the given order, repeats allowed. */
final class Bcut implements Tool {

    static final Usage USAGE = new Usage(
            "select some columns\n\n",
            "... | bcut COL1,...,COLN\n\n",
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
        int highest = 0;
        for (int index : indices) {
            highest = Math.max(highest, index);
        }
        Row row = new Row();
        while (reader.next(row)) {
            if (highest >= row.columns()) {
                throw missing(row, indices);
            }
            writer.write(row, indices);
        }
        writer.flush();
    }

    /** The error for the first selected column, in argument order, that {@code row} lacks. */
    private static FatalException missing(Row row, int[] indices) {
        for (int index : indices) {
            if (index >= row.columns()) {
                return ColumnSelection.missing(row, index);
            }
        }
        throw new IllegalStateException("no selected column is missing");
    }
}
