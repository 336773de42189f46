package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;
import java.util.Arrays;

/**
 * Keeps the last N rows. Not in the original (its bhead help mentions a btail that never existed);
 * arguments and errors follow bhead. The last N rows are held in a ring of reused row buffers.
 */
final class Btail implements Tool {

    static final Usage USAGE = new Usage(
            "keep the last n rows\n\n", "... | btail N\n\n", ">> echo '\\na\\nb\\nc\\n' | bsv | btail 2 | csv\nb\nc\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        if (context.args().size() != 1 || !Bytes.isDigits(context.args().get(0))) {
            throw USAGE.error();
        }
        long wanted = CNumbers.strtol(context.args().get(0));
        if (wanted > Integer.MAX_VALUE - 8) {
            wanted = Integer.MAX_VALUE - 8;
        }
        int n = (int) wanted;
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        byte[][] ring = new byte[Math.min(n, 1024)][];
        int[] lengths = new int[ring.length];
        long seen = 0;
        while (reader.next(row)) {
            if (n == 0) {
                continue;
            }
            int slot = (int) (seen % n);
            if (slot >= ring.length) {
                int size = (int) Math.min(n, 2L * ring.length);
                ring = Arrays.copyOf(ring, size);
                lengths = Arrays.copyOf(lengths, size);
            }
            int len = row.serializedSize();
            if (ring[slot] == null || ring[slot].length < len) {
                ring[slot] = new byte[Math.max(len, 64)];
            }
            row.copyTo(ring[slot], 0);
            lengths[slot] = len;
            seen++;
        }
        long kept = Math.min(seen, n);
        for (long i = seen - kept; i < seen; i++) {
            int slot = (int) (i % n);
            row.wrap(ring[slot], 0, lengths[slot]);
            writer.write(row);
        }
        writer.flush();
    }
}
