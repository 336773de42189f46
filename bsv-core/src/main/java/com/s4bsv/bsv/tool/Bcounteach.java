package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;

/**
 * Counts runs of strcmp-equal first columns. As in the original the run key starts as an empty
 * string, and runs whose key is empty are never emitted.
 */
final class Bcounteach implements Tool {

    static final Usage USAGE = new Usage(
            "count as i64 each contiguous identical row by the first column\n\n",
            "... | bcounteach\n\n",
            "echo '\\na\\na\\nb\\nb\\nb\\na\\n' | bsv | bcounteach | bschema *,i64:a | csv\na,2\nb,3\na,1\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        RowBuilder out = new RowBuilder();
        byte[] key = new byte[Layout.MAX_COLUMN_BYTES + 1];
        int keySize = 0;
        long count = 0;
        while (reader.next(row)) {
            if (row.compareColumn(0, key, 0, keySize) != 0) {
                emit(writer, out, key, keySize, count);
                keySize = row.size(0);
                System.arraycopy(row.buffer(), row.offset(0), key, 0, keySize);
                count = 0;
            }
            count++;
        }
        emit(writer, out, key, keySize, count);
        writer.flush();
    }

    private static void emit(ChunkWriter writer, RowBuilder out, byte[] key, int keySize, long count)
            throws IOException {
        if (keySize > 0) {
            writer.write(out.reset().add(key, 0, keySize).addI64(count));
        }
    }
}
