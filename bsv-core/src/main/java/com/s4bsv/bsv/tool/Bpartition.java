package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.bytes.Xxh3;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.io.TextWriter;
import com.s4bsv.bsv.row.Row;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Splits rows into NUM_BUCKETS files by XXH3 of the first column (one bucket: chunks copied
 * verbatim). Files are opened for append up front; empty ones are deleted, the others printed.
 */
final class Bpartition implements Tool {

    static final Usage USAGE = new Usage(
            "split into multiple files by consistent hash of the first column value\n\n",
            "\n... | bpartition NUM_BUCKETS [PREFIX] [-l|--lz4]\n\n",
            ">> echo '\\na\\nb\\nc\\n' | bsv | bpartition 10 prefix\nprefix03\nprefix06\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh().bool("-l", "--lz4").parse(context.args());
        List<String> positionals = argh.positionals();
        if (positionals.isEmpty()) {
            throw USAGE.error();
        }
        if (positionals.get(0).length() > 8) {
            throw new FatalException(
                    "NUM_BUCKETS must be less than 1e8, got: " + context.args().get(0) + "\n");
        }
        int buckets = CNumbers.atoi(positionals.get(0));
        if (buckets <= 0) {
            throw new FatalException("NUM_BUCKETS must be positive, got: " + buckets + "\n");
        }
        String prefix = positionals.size() == 2 ? positionals.get(1) : "";
        boolean lz4 = argh.isSet("--lz4");
        Layout layout = context.layout();
        int width = Integer.toString(buckets).length();
        String[] names = new String[buckets];
        OutputStream[] files = new OutputStream[buckets];
        ChunkWriter[] writers = new ChunkWriter[buckets];
        try {
            for (int i = 0; i < buckets; i++) {
                String number = String.format("%0" + width + "d", i);
                names[i] = prefix.isEmpty() ? number : prefix + "_" + number;
                try {
                    files[i] = new BufferedOutputStream(
                            Files.newOutputStream(
                                    context.resolve(names[i]),
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND,
                                    StandardOpenOption.WRITE),
                            1 << 16);
                } catch (IOException e) {
                    throw new FatalException("fatal: failed to open: " + names[i] + "\n");
                }
                writers[i] = new ChunkWriter(files[i], layout, lz4);
            }
            if (buckets == 1) {
                copyChunks(context.in(), writers[0], layout);
            } else {
                ChunkReader reader = new ChunkReader(context.in(), layout);
                Row row = new Row();
                while (reader.next(row)) {
                    writers[Xxh3.bucket(row.buffer(), row.offset(0), row.size(0), buckets)].write(row);
                }
            }
            for (int i = 0; i < buckets; i++) {
                writers[i].flush();
                files[i].close();
                files[i] = null;
            }
        } finally {
            for (OutputStream f : files) {
                if (f != null) {
                    f.close();
                }
            }
        }
        TextWriter out = new TextWriter(context.out(), layout);
        for (String name : names) {
            Path path = context.resolve(name);
            if (Files.size(path) == 0) {
                Files.delete(path);
            } else {
                byte[] line = (name + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(line, 0, line.length);
            }
        }
        out.flush();
    }

    private static void copyChunks(InputStream in, ChunkWriter writer, Layout layout) throws IOException {
        ChunkReader reader = new ChunkReader(in, layout).partialHeaderError("fatal: bad bpartition chunk read ");
        while (reader.nextChunk()) {
            writer.writeChunk(reader.chunk(), 0, reader.chunkLength());
        }
    }
}
