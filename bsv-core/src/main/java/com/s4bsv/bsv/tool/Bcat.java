package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.TextWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Prints bsv files as CSV, optionally prefixed with the file name and limited to N rows per file. */
final class Bcat implements Tool {

    static final Usage USAGE = new Usage(
            "cat some bsv files to csv\n\n",
            "bcat [-l|--lz4] [-p|--prefix] [-h N|--head N] FILE1 ... FILEN\n\n",
            ">> for char in a a b b c c; do\n     echo $char | bsv >> /tmp/$char\n   done\n\n"
                    + ">> bcat --head 1 --prefix /tmp/{a,b,c}\n/tmp/a:a\n/tmp/b:b\n/tmp/c:c\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh()
                .bool("-p", "--prefix")
                .bool("-l", "--lz4")
                .value("-h", "--head")
                .parse(context.args());
        long head = 0;
        String headValue = argh.value("--head");
        if (headValue != null) {
            if (!Bytes.isDigits(headValue)) {
                throw new FatalException("fatal: should have been `--head INT`, not `--head " + headValue + "`\n");
            }
            head = CNumbers.strtol(headValue);
        }
        List<String> paths = argh.positionals();
        if (paths.isEmpty()) {
            throw USAGE.error();
        }
        List<InputStream> files = new ArrayList<>();
        try {
            for (String path : paths) {
                try {
                    files.add(Files.newInputStream(context.resolve(path)));
                } catch (IOException e) {
                    throw new FatalException("fatal: failed to open: " + path + "\n");
                }
            }
            boolean prefix = argh.isSet("--prefix");
            TextWriter out = new TextWriter(context.out(), context.layout());
            Row row = new Row();
            boolean any = false;
            for (int i = 0; i < paths.size(); i++) {
                byte[] label = (paths.get(i) + ":").getBytes(StandardCharsets.UTF_8);
                ChunkReader reader = new ChunkReader(files.get(i), context.layout(), argh.isSet("--lz4"));
                long rows = 0;
                while ((head == 0 || rows < head) && reader.next(row)) {
                    if (prefix) {
                        out.write(label, 0, label.length);
                    }
                    out.writeCsvLine(row);
                    rows++;
                    any = true;
                }
            }
            if (!any) {
                out.write((byte) '\n');
            }
            out.flush();
        } finally {
            for (InputStream f : files) {
                f.close();
            }
        }
    }
}
