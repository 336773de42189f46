package com.s4bsv.bsv.io;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Buffered text output in blocks of up to B bytes: a block is written when the next write would not
 * fit, as the original does, so partial output on an error is the same. The buffer starts small and
 * doubles up to B, so a tiny output does not allocate B bytes.
 */
public final class TextWriter {

    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final OutputStream out;
    private final int blockSize;
    private byte[] buffer;
    private int fill;

    public TextWriter(OutputStream out, Layout layout) {
        this.out = out;
        this.blockSize = layout.textBlockSize();
        this.buffer = BufferPool.take(Math.min(blockSize, INITIAL_CAPACITY), blockSize);
    }

    public void write(byte[] b, int off, int len) throws IOException {
        if (len > buffer.length - fill && !grow(len)) {
            flush();
            if (len > buffer.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buffer, fill, len);
        fill += len;
    }

    public void write(byte b) throws IOException {
        if (fill >= buffer.length && !grow(1)) {
            flush();
        }
        buffer[fill++] = b;
    }

    /** Makes room for {@code len} more bytes when the block may still hold them; false when it may not. */
    private boolean grow(int len) {
        long need = (long) fill + len;
        if (need > blockSize) {
            return false;
        }
        buffer =
                BufferPool.grow(buffer, (int) Math.min(blockSize, Math.max(need, 2L * buffer.length)), blockSize, fill);
        return true;
    }

    /** Writes a row as a CSV line: columns joined by {@code ,}, then {@code \n}, bytes raw. */
    public void writeCsvLine(Row row) throws IOException {
        int columns = row.columns();
        int len = row.dataBytes();
        byte[] src = row.buffer();
        int base = row.offset(0);
        if (len <= buffer.length - fill || grow(len)) {
            // the terminators sit exactly where the separators go
            System.arraycopy(src, base, buffer, fill, len);
            int at = fill - base;
            for (int i = 0; i < columns - 1; i++) {
                buffer[at + row.offset(i) + row.size(i)] = ',';
            }
            buffer[at + row.offset(columns - 1) + row.size(columns - 1)] = '\n';
            fill += len;
            return;
        }
        for (int i = 0; i < columns; i++) {
            write(src, row.offset(i), row.size(i));
            if (i != columns - 1) {
                write((byte) ',');
            }
        }
        write((byte) '\n');
    }

    /** Writes the buffered block; does not flush the underlying stream. */
    public void flush() throws IOException {
        if (fill > 0) {
            out.write(buffer, 0, fill);
            fill = 0;
        }
    }
}
