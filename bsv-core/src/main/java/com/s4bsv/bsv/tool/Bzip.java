package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.io.FileNames;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Zips single-column files named on stdin into rows, one column per selected file. */
final class Bzip implements Tool {

    static final Usage USAGE = new Usage(
            "combine single column inputs into a multi column output\n\n",
            "ls column_* | bzip [COL1,...COLN] [-l|--lz4]\n\n",
            ">> echo '\\na,b,c\\n1,2,3\\n' | bsv | bunzip column && ls column_* | bzip 1,3 | csv\na,c\n1,3\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh().bool("-l", "--lz4").parse(context.args());
        boolean lz4 = argh.isSet("-l");
        List<String> names = FileNames.read(context.in(), context.dir());
        int[] selected = select(argh.positionals(), names.size());
        if (selected.length == 0) {
            // the original writes rows of -1 columns forever here
            throw new FatalException("fatal: no columns to zip\n");
        }
        List<InputStream> files = new ArrayList<>();
        try {
            ChunkReader[] readers = new ChunkReader[selected.length];
            for (int i = 0; i < selected.length; i++) {
                InputStream in = Files.newInputStream(context.resolve(names.get(selected[i])));
                files.add(in);
                readers[i] = new ChunkReader(in, context.layout(), lz4);
            }
            Row[] rows = new Row[selected.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new Row();
            }
            ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
            RowBuilder out = new RowBuilder();
            while (true) {
                int ended = 0;
                out.reset();
                for (int i = 0; i < selected.length; i++) {
                    if (readers[i].next(rows[i])) {
                        if (rows[i].columns() != 1) {
                            throw new FatalException("fatal: tried to zip a row with more than 1 column\n");
                        }
                        out.add(rows[i], 0);
                    } else {
                        ended++;
                    }
                }
                if (ended > 0) {
                    if (ended != selected.length) {
                        throw new FatalException("fatal: all columns didn't end at the same length\n");
                    }
                    break;
                }
                writer.write(out);
            }
            writer.flush();
        } finally {
            for (InputStream in : files) {
                in.close();
            }
        }
    }

    /** Zero-based file indices: all files by default, else the 1-based selection. */
    private static int[] select(List<String> positionals, int files) {
        if (positionals.isEmpty()) {
            int[] all = new int[files];
            for (int i = 0; i < files; i++) {
                all[i] = i;
            }
            return all;
        }
        if (positionals.size() > 1) {
            return new int[0];
        }
        String[] pieces = positionals.get(0).split(",", -1);
        int[] selected = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            int column = CNumbers.atoi(pieces[i]);
            if (column <= 0) {
                throw new FatalException("fatal: bad column selection, should be like: '1,2,3' and cannot select"
                        + " below column 1.\n");
            }
            if (column > files) {
                throw new FatalException("fatal: bad column selection, should be like: '1,2,3' and cannot select"
                        + " above column " + files + ".\n");
            }
            selected[i] = column - 1;
        }
        boolean[] used = new boolean[files];
        for (int index : selected) {
            if (used[index]) {
                throw new FatalException(
                        "fatal: can only select columns once, got dupe for column: " + (index + 1) + "\n");
            }
            used[index] = true;
        }
        return selected;
    }
}
