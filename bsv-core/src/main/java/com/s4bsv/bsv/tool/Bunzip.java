package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Splits rows into one single-column file per column, named {@code PREFIX_<n>} with n zero-padded
 * to the digits of the column count; prints the names when done.
 */
final class Bunzip implements Tool {

    static final Usage USAGE = new Usage(
            "split a multi column input into single column outputs\n\n",
            "... | bunzip PREFIX [-l|--lz4]\n\n",
            ">> echo '\\na,b,c\\n1,2,3\\n' | bsv | bunzip col && echo col_1 col_3 | bzip | csv\na,c\n1,3\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh().bool("-l", "--lz4").parse(context.args());
        List<String> positionals = argh.positionals();
        if (positionals.size() != 1) {
            throw USAGE.error();
        }
        boolean lz4 = argh.isSet("-l");
        String prefix = positionals.get(0);
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        Row row = new Row();
        if (!reader.next(row)) {
            return;
        }
        int columns = row.columns();
        int digits = Integer.toString(columns).length();
        String[] names = new String[columns];
        OutputStream[] files = new OutputStream[columns];
        ChunkWriter[] writers = new ChunkWriter[columns];
        try {
            for (int i = 0; i < columns; i++) {
                names[i] = prefix + "_"
                        + "0".repeat(digits - Integer.toString(i + 1).length()) + (i + 1);
                try {
                    files[i] = Files.newOutputStream(context.resolve(names[i]));
                } catch (IOException e) {
                    throw new FatalException("fatal: failed to open: " + names[i] + "\n");
                }
                writers[i] = new ChunkWriter(files[i], context.layout(), lz4);
            }
            RowBuilder out = new RowBuilder();
            do {
                if (row.columns() != columns) {
                    throw new FatalException(
                            "fatal: unzip found a bad row, needed max " + (columns - 1) + ", got: " + row.max() + "\n");
                }
                for (int i = 0; i < columns; i++) {
                    writers[i].write(out.reset().add(row, i));
                }
            } while (reader.next(row));
            for (int i = 0; i < columns; i++) {
                writers[i].flush();
            }
        } finally {
            for (OutputStream file : files) {
                if (file != null) {
                    file.close();
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append(name).append('\n');
        }
        context.out().write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
