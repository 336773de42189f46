package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import com.s4bsv.bsv.row.TypedSum;
import java.io.IOException;

/**
 * Sums the second column over runs of strcmp-equal first columns, grouped exactly as bcounteach
 * (runs with an empty key are not emitted).
 */
final class Bsumeach implements Tool {

    static final Usage USAGE = new Usage(
            "sum the second column of each contiguous identical row by the first column\n\n",
            "... | bsumeach TYPE\n\n",
            "echo '\\na,1\\na,2\\nb,3\\nb,4\\nb,5\\na,6\\n' | bsv | bschema *,a:i64 | bsumeach i64 | bschema *,i64:a"
                    + " | csv\na,3\nb,12\na,6\n");

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
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        RowBuilder out = new RowBuilder();
        byte[] key = new byte[Layout.MAX_COLUMN_BYTES + 1];
        int keySize = 0;
        long sum = 0;
        while (reader.next(row)) {
            if (row.columns() < 2) {
                throw new FatalException("fatal: need at least 2 columns\n");
            }
            type.checkSize(row, 1);
            if (row.compareColumn(0, key, 0, keySize) != 0) {
                emit(writer, out, type, key, keySize, sum);
                keySize = row.size(0);
                System.arraycopy(row.buffer(), row.offset(0), key, 0, keySize);
                sum = 0;
            }
            sum = TypedSum.add(type, sum, row.buffer(), row.offset(1));
        }
        emit(writer, out, type, key, keySize, sum);
        writer.flush();
    }

    private static void emit(ChunkWriter writer, RowBuilder out, ColumnType type, byte[] key, int keySize, long sum)
            throws IOException {
        if (keySize > 0) {
            out.reset().add(key, 0, keySize);
            TypedSum.addTo(out, type, sum);
            writer.write(out);
        }
    }
}
