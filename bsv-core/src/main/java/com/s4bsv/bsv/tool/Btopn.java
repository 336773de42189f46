package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.collections.RowHeap;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;
import java.util.List;

/** Keeps the top N rows by first column in a heap, truncated to N rows whenever it exceeds N × 128. */
final class Btopn implements Tool {

    static final Usage USAGE = new Usage(
            "accumulate the top n rows in a heap by first column value\n\n",
            "... | btopn N [TYPE] [-r|--reversed]\n\n",
            ">> echo '\\n1\\n3\\n2\\n' | bsv | bschema a:i64 | btopn 2 i64 | bschema i64:a | csv\n3\n2\n\n");

    private static final int TRUNCATE_FACTOR = 128;

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh().bool("-r", "--reversed").parse(context.args());
        boolean reversed = argh.isSet("-r");
        List<String> positionals = argh.positionals();
        if (positionals.isEmpty() || !Bytes.isDigits(positionals.get(0)) || positionals.size() > 2) {
            throw USAGE.error();
        }
        int topN = (int) CNumbers.strtol(positionals.get(0));
        ColumnType type = ColumnType.parseOrString(positionals.size() == 2 ? positionals.get(1) : null);
        // the original multiplies in 32 bits; a long keeps the evident intent for huge N
        long limit = (long) topN * TRUNCATE_FACTOR;
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        RowHeap heap = new RowHeap(type, reversed);
        RowHeap spare = new RowHeap(type, reversed);
        Row row = new Row();
        while (reader.next(row)) {
            type.checkSize(row, 0);
            heap.insert(row);
            if (heap.size() > limit) {
                spare.clear();
                for (int i = 0; i < topN && heap.size() > 0; i++) {
                    spare.insertTop(heap);
                    heap.deleteTop();
                }
                heap.clear();
                RowHeap t = heap;
                heap = spare;
                spare = t;
            }
        }
        for (int i = topN; i != 0 && heap.size() > 0; i--) {
            writer.writeRaw(heap.arena(), heap.topOffset(), heap.topSize());
            heap.deleteTop();
        }
        writer.flush();
    }
}
