package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.TextWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jspecify.annotations.Nullable;

/**
 * Copies whole chunks verbatim into files PREFIX_0000000000, PREFIX_0000000001, ... holding
 * {@code chunks_per_file} chunks each; each name is printed as its file is opened.
 */
final class Bsplit implements Tool {

    static final Usage USAGE = new Usage(
            "split a stream into multiple files\n\n",
            "... | bsplit PREFIX [chunks_per_file=1] \n\n",
            ">> echo -n a,b,c | bsv | bsplit prefix\nprefix_0000000000\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        if (context.args().isEmpty()) {
            throw USAGE.error();
        }
        String prefix = context.args().get(0);
        int chunksPerFile = context.args().size() == 2
                ? (int) CNumbers.strtol(context.args().get(1))
                : 1;
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        TextWriter names = new TextWriter(context.out(), context.layout());
        Row row = new Row();
        byte[] header = new byte[Layout.CHUNK_HEADER];
        @Nullable OutputStream file = null;
        long fileIndex = 0;
        long chunks = 0;
        try {
            while (reader.nextChunk()) {
                if (reader.chunkLength() == 0) {
                    throw new FatalException("fatal: diskread, not possible, chunk sizes are known\n");
                }
                reader.next(row);
                if (chunksPerFile == 0) {
                    throw new FatalException("fatal: chunks_per_file must not be 0\n");
                }
                if (file == null) {
                    String name = prefix + "_" + String.format("%010d", fileIndex++);
                    file = Files.newOutputStream(context.resolve(name));
                    byte[] line = (name + "\n").getBytes(StandardCharsets.UTF_8);
                    names.write(line, 0, line.length);
                }
                LittleEndian.putI32(header, 0, reader.chunkLength());
                file.write(header);
                file.write(reader.chunk(), 0, reader.chunkLength());
                chunks++;
                if (chunks % chunksPerFile == 0) {
                    file.close();
                    file = null;
                }
            }
        } finally {
            if (file != null) {
                file.close();
            }
            names.flush();
        }
    }
}
