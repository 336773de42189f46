package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.ColumnSelection;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;

/**
 * Prepends a column joining the selected columns with {@code :}. Joins the whole columns, not the
 * original's miscounted lengths (spec §4.4).
 */
final class Bcombine implements Tool {

    static final Usage USAGE = new Usage(
            "prepend a new column by combining values from existing columns\n\n",
            "... | bcombine COL1,...,COLN\n\n",
            ">> echo a,b,c | bsv | bcombine 3,2 | csv\nb:a,a,b,c\n");

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
            if (row.columns() > Layout.MAX_COLUMNS) {
                throw new FatalException("fatal: cannot have more then 2**16 columns\n");
            }
            out.reset();
            int length = indices.length - 1;
            for (int index : indices) {
                if (index >= row.columns()) {
                    throw ColumnSelection.missing(row, index);
                }
                length += row.size(index);
            }
            byte[] scratch = out.scratch(length);
            int at = out.scratchPosition();
            for (int k = 0; k < indices.length; k++) {
                if (k > 0) {
                    scratch[at++] = ':';
                }
                int index = indices[k];
                System.arraycopy(row.buffer(), row.offset(index), scratch, at, row.size(index));
                at += row.size(index);
            }
            out.addScratch(length);
            for (int i = 0; i < row.columns(); i++) {
                out.add(row, i);
            }
            writer.write(out);
        }
        writer.flush();
    }
}
