package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import java.io.IOException;

/** Decompresses lz4 frames back into plain chunks, chunk for chunk; rows are not parsed. */
final class Blz4d implements Tool {

    static final Usage USAGE = new Usage(
            "decompress bsv data\n\n", "... | blz4d \n\n", ">> echo a,b,c | bsv | blz4 | blz4d | csv\na,b,c\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        ChunkReader reader = new ChunkReader(context.in(), context.layout(), true);
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        while (reader.nextChunk()) {
            writer.writeChunk(reader.chunk(), 0, reader.chunkLength());
        }
        writer.flush();
    }
}
