package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.bytes.Xxh3;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.io.Streams;
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

    static final Usage USAGE = new Usage("split into multiple files by consistent hash of the first column value\n\n",
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
            throw new FatalException("NUM_BUCKETS must be less than 1e8, got: " + context.args().get(0) + "\n");
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
                    files[i] = new BufferedOutputStream(Files.newOutputStream(context.resolve(names[i]),
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), 1 << 16);
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
        byte[] header = new byte[Layout.CHUNK_HEADER];
        byte[] body = new byte[Math.min(layout.bufferSize(), 64 * 1024)];
        while (true) {
            int got = Streams.readUpTo(in, header, 0, Layout.CHUNK_HEADER);
            if (got == 0) {
                return;
            }
            if (got != Layout.CHUNK_HEADER) {
                throw new FatalException("fatal: bad bpartition chunk read " + got + "\n");
            }
            int size = LittleEndian.i32(header, 0);
            if (size < 0 || size > layout.bufferSize()) {
                throw new FatalException("fatal: bad chunk size: " + size + "\n");
            }
            if (size > body.length) {
                body = new byte[Math.max(size, Math.min(layout.bufferSize(), 2 * body.length))];
            }
            int read = Streams.readUpTo(in, body, 0, size);
            if (read < size) {
                throw new FatalException("fatal: failed to read input, expected " + size + " got " + read + "\n");
            }
            writer.writeChunk(body, 0, size);
        }
    }
}
