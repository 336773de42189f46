package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.TextWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;

/** bsv to CSV text: columns joined by {@code ,}, one line per row, bytes written raw. */
final class Csv implements Tool {

    static final Usage USAGE =
            new Usage("convert bsv to csv\n\n", "... | csv\n\n", ">> echo a,b,c | bsv | csv\na,b,c\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        TextWriter out = new TextWriter(context.out(), context.layout());
        Row row = new Row();
        boolean any = false;
        while (reader.next(row)) {
            out.writeCsvLine(row);
            any = true;
        }
        if (!any) {
            out.write((byte) '\n');
        }
        out.flush();
    }
}
