package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;

/** Keeps the first N rows; the row after them is still read (and validated), as in the original. */
final class Bhead implements Tool {

    static final Usage USAGE = new Usage(
            "keep the first n rows\n\n",
            "... | bhead N\n\n",
            ">> echo '\\na\\nb\\nc\\n' | bsv | btail 2 | csv\na\nb\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        if (context.args().size() != 1 || !Bytes.isDigits(context.args().get(0))) {
            throw USAGE.error();
        }
        long max = CNumbers.strtol(context.args().get(0));
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        long count = 0;
        while (reader.next(row) && count++ < max) {
            writer.write(row);
        }
        writer.flush();
    }
}
