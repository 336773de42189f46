package com.s4bsv.bsv.io;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Packs rows into chunks exactly as the original: a chunk is filled greedily and written when the
 * next row would not fit, so rows never span chunks and an empty output is zero bytes. Call
 * {@link #flush()} at the end; it does not flush the underlying stream.
 */
public final class ChunkWriter {

    private final OutputStream out;
    private final Layout layout;
    private final boolean lz4;
    private static final int INITIAL_CAPACITY = 64 * 1024;

    // grows up to B on demand, so tools with many outputs (bpartition) only pay for what they fill
    private byte[] buffer;
    private final byte[] header = new byte[Layout.LZ4_HEADER];
    private byte[] compressed = new byte[0];
    private int fill;

    public ChunkWriter(OutputStream out, Layout layout) {
        this(out, layout, false);
    }

    public ChunkWriter(OutputStream out, Layout layout, boolean lz4) {
        this.out = out;
        this.layout = layout;
        this.lz4 = lz4;
        this.buffer = BufferPool.take(Math.min(layout.bufferSize(), INITIAL_CAPACITY), layout.bufferSize());
    }

    /** Writes a row assembled in {@code row}, checking every column's size. */
    public void write(RowBuilder row) throws IOException {
        int columns = row.columns();
        if (columns - 1 > Layout.MAX_COLUMNS) {
            throw new FatalException("fatal: cannot have more then 2**16 columns\n");
        }
        int n = start(row.serializedSize());
        LittleEndian.putU16(buffer, fill, columns - 1);
        int at = fill + Layout.U16;
        for (int i = 0; i < columns; i++) {
            int size = row.size(i);
            if (size > Layout.MAX_COLUMN_BYTES) {
                throw columnTooLarge(i, size, row.buffer(i), row.offset(i));
            }
            LittleEndian.putU16(buffer, at, size);
            at += Layout.U16;
        }
        for (int i = 0; i < columns; i++) {
            int size = row.size(i);
            copyColumn(row.buffer(i), row.offset(i), size, at);
            at += size;
            buffer[at++] = 0;
        }
        fill += n;
    }

    /**
     * Writes the columns {@code selected} (zero-based, each below {@code row.columns()}) of {@code row}
     * in that order, checking their sizes: bcut's row, without assembling it in a {@link RowBuilder}.
     */
    public void write(Row row, int[] selected) throws IOException {
        int columns = selected.length;
        if (columns - 1 > Layout.MAX_COLUMNS) {
            throw new FatalException("fatal: cannot have more then 2**16 columns\n");
        }
        long data = columns;
        for (int index : selected) {
            data += row.size(index);
        }
        int n = start(Layout.headerSize(columns) + data);
        byte[] src = row.buffer();
        LittleEndian.putU16(buffer, fill, columns - 1);
        int at = fill + Layout.U16;
        for (int i = 0; i < columns; i++) {
            int size = row.size(selected[i]);
            if (size > Layout.MAX_COLUMN_BYTES) {
                throw columnTooLarge(i, size, src, row.offset(selected[i]));
            }
            LittleEndian.putU16(buffer, at, size);
            at += Layout.U16;
        }
        for (int index : selected) {
            int size = row.size(index);
            copyColumn(src, row.offset(index), size, at);
            at += size;
            buffer[at++] = 0;
        }
        fill += n;
    }

    /**
     * Writes a row whose {@code columns} columns lie back to back in {@code src} from {@code off},
     * each followed by one separator byte (a CSV line: commas, then the newline, which may be
     * missing after the last column). The separators become the terminators: one copy per row.
     */
    public void writeSeparated(byte[] src, int off, int[] sizes, int columns) throws IOException {
        if (columns - 1 > Layout.MAX_COLUMNS) {
            throw new FatalException("fatal: cannot have more then 2**16 columns\n");
        }
        long data = columns;
        for (int i = 0; i < columns; i++) {
            data += sizes[i];
        }
        int n = start(Layout.headerSize(columns) + data);
        LittleEndian.putU16(buffer, fill, columns - 1);
        int at = fill + Layout.U16;
        int column = off;
        for (int i = 0; i < columns; i++) {
            int size = sizes[i];
            if (size > Layout.MAX_COLUMN_BYTES) {
                throw columnTooLarge(i, size, src, column);
            }
            LittleEndian.putU16(buffer, at, size);
            at += Layout.U16;
            column += size + 1;
        }
        System.arraycopy(src, off, buffer, at, (int) data - 1);
        for (int i = 0; i < columns; i++) {
            at += sizes[i];
            buffer[at++] = 0;
        }
        fill += n;
    }

    /** Writes {@code row} re-serialized, checking every column's size (the original's dump). */
    public void write(Row row) throws IOException {
        int n = start(row.serializedSize());
        int columns = row.columns();
        for (int i = 0; i < columns; i++) {
            if (row.size(i) > Layout.MAX_COLUMN_BYTES) {
                throw columnTooLarge(i, row.size(i), row.buffer(), row.offset(i));
            }
        }
        row.copyTo(buffer, fill);
        fill += n;
    }

    /** Writes {@code row}'s bytes as read, without column checks (the original's dump_raw). */
    public void writeRaw(Row row) throws IOException {
        int n = start(row.serializedSize());
        row.copyTo(buffer, fill);
        fill += n;
    }

    /** Writes an already serialized row {@code buf[off .. off + len)} without column checks. */
    public void writeRaw(byte[] buf, int off, int len) throws IOException {
        start(len);
        System.arraycopy(buf, off, buffer, fill, len);
        fill += len;
    }

    /**
     * Writes a whole chunk body verbatim as its own chunk (compressed when this writer is lz4),
     * after flushing buffered rows.
     */
    public void writeChunk(byte[] body, int off, int len) throws IOException {
        flush();
        emit(body, off, len);
    }

    /** Writes the buffered rows as one chunk, if there are any. */
    public void flush() throws IOException {
        if (fill > 0) {
            emit(buffer, 0, fill);
            fill = 0;
        }
    }

    /** Bytes buffered for the current chunk. */
    public int buffered() {
        return fill;
    }

    private int start(long size) throws IOException {
        if (size > layout.bufferSize()) {
            throw new FatalException("fatal: cant write larger than BUFFER_SIZE\n");
        }
        int n = (int) size;
        if (n > layout.bufferSize() - fill) {
            flush();
        }
        if (n > buffer.length - fill) {
            grow(fill + n);
        }
        return n;
    }

    /**
     * Copies a column to {@code buffer[at]}. A short one moves as one 8-byte word: the bytes past its
     * end land where its terminator and the next column (or the unfilled rest of the buffer) go, and
     * are overwritten or never written out; this beats a copy call for the typical few-byte column.
     */
    private void copyColumn(byte[] src, int off, int size, int at) {
        if (size <= Long.BYTES && off + Long.BYTES <= src.length && at + Long.BYTES <= buffer.length) {
            LittleEndian.putI64(buffer, at, LittleEndian.i64(src, off));
        } else {
            System.arraycopy(src, off, buffer, at, size);
        }
    }

    private void grow(int needed) {
        int capacity = (int) Math.min(layout.bufferSize(), Math.max((long) buffer.length * 2, needed));
        buffer = BufferPool.grow(buffer, capacity, layout.bufferSize(), fill);
    }

    private void emit(byte[] body, int off, int len) throws IOException {
        LittleEndian.putI32(header, 0, len);
        if (lz4) {
            int bound = Lz4.maxCompressedLength(len);
            if (compressed.length < bound) {
                int size = Math.max(bound, layout.lz4BufferSize());
                compressed = BufferPool.grow(compressed, size, size, 0);
            }
            int c = Lz4.compress(body, off, len, compressed, 0);
            LittleEndian.putI32(header, Layout.CHUNK_HEADER, c);
            out.write(header, 0, Layout.LZ4_HEADER);
            out.write(compressed, 0, c);
        } else {
            out.write(header, 0, Layout.CHUNK_HEADER);
            out.write(body, off, len);
        }
    }

    private static FatalException columnTooLarge(int column, int size, byte[] buf, int off) {
        int excerpt = Bytes.cLength(buf, off, Math.min(10, size));
        byte[] prefix = ("fatal: cannot have columns with more than 2**16 - 1 bytes, column: " + column + ", size: "
                        + size + ", content: ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + excerpt + 4];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(buf, off, message, prefix.length, excerpt);
        System.arraycopy("...\n".getBytes(StandardCharsets.US_ASCII), 0, message, prefix.length + excerpt, 4);
        return new FatalException(message, 1);
    }
}
