package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.Lz4;
import com.s4bsv.bsv.io.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Compresses each chunk into an lz4 frame, chunk for chunk; rows are not parsed. */
final class Blz4 implements Tool {

    static final Usage USAGE = new Usage("compress bsv data\n\n", "... | blz4 \n\n",
            ">> echo a,b,c | bsv | blz4 | blz4d | csv\na,b,c\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        InputStream in = context.in();
        OutputStream out = context.out();
        Layout layout = context.layout();
        byte[] header = new byte[Layout.LZ4_HEADER];
        byte[] body = new byte[Math.min(layout.bufferSize(), 64 * 1024)];
        byte[] compressed = new byte[Lz4.maxCompressedLength(body.length)];
        while (true) {
            int got = Streams.readUpTo(in, header, 0, Layout.CHUNK_HEADER);
            if (got == 0) {
                break;
            }
            if (got < Layout.CHUNK_HEADER) {
                throw new FatalException("fatal: impossible\n");
            }
            int size = LittleEndian.i32(header, 0);
            if (size < 0) {
                long remaining = Streams.drain(in, body);
                throw new FatalException("fatal: failed to read input, expected " + size + " got " + remaining + "\n");
            }
            // the original reads any size into its B-byte buffer (an overflow); we refuse it as the reader does,
            // before allocating what a corrupt header claims
            if (size > layout.bufferSize()) {
                throw new FatalException("fatal: bad chunk size: " + size + "\n");
            }
            if (size > body.length) {
                body = new byte[Math.max(size, Math.min(layout.bufferSize(), 2 * body.length))];
            }
            int read = Streams.readUpTo(in, body, 0, size);
            if (read < size) {
                throw new FatalException("fatal: failed to read input, expected " + size + " got " + read + "\n");
            }
            int bound = Lz4.maxCompressedLength(size);
            if (bound > compressed.length) {
                compressed = new byte[Math.max(bound, 2 * compressed.length)];
            }
            int c = Lz4.compress(body, 0, size, compressed, 0);
            LittleEndian.putI32(header, Layout.CHUNK_HEADER, c);
            out.write(header, 0, Layout.LZ4_HEADER);
            out.write(compressed, 0, c);
        }
    }
}
