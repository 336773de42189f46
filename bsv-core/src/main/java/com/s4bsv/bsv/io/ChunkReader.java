package com.s4bsv.bsv.io;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a bsv stream chunk by chunk into one reused buffer and hands out rows as views into it.
 * A row (and {@link #chunk()}) is valid only until the next call of {@link #next} or
 * {@link #nextChunk}. Corrupt input fails with the original's messages.
 */
public final class ChunkReader {

    private final InputStream in;
    private final Layout layout;
    private final boolean lz4;
    private static final int INITIAL_CAPACITY = 64 * 1024;

    // grows up to B with the chunks seen, so tools reading many files (bmerge) stay small
    private byte[] chunk;
    private final byte[] header = new byte[Layout.LZ4_HEADER];
    private byte[] compressed = new byte[0];
    private int length;
    private int position;
    private long loads;
    private @Nullable String partialHeaderError;

    public ChunkReader(InputStream in, Layout layout) {
        this(in, layout, false);
    }

    public ChunkReader(InputStream in, Layout layout, boolean lz4) {
        this.in = in;
        this.layout = layout;
        this.lz4 = lz4;
        this.chunk = BufferPool.take(Math.min(layout.bufferSize(), INITIAL_CAPACITY), layout.bufferSize());
    }

    /**
     * Makes a stream that ends 1 to 3 bytes into a chunk header fail with {@code prefix} and the byte
     * count, instead of the readers' {@code fatal: impossible} (bpartition's own wording).
     */
    public ChunkReader partialHeaderError(String prefix) {
        partialHeaderError = prefix;
        return this;
    }

    /** Loads the next row into {@code row}; false at end of stream. */
    public boolean next(Row row) throws IOException {
        int start = position;
        if (length - start >= Layout.U16) {
            // the usual case, a row inside the current chunk: bounds checked once per part
            int columns = LittleEndian.u16(chunk, start) + 1;
            int data = start + Layout.headerSize(columns);
            if (data <= length) {
                int total = row.setSizes(chunk, start + Layout.U16, columns);
                if (total >= 0 && total <= length - data) {
                    row.setData(chunk, data, total, start);
                    position = data + total;
                    return true;
                }
            }
        }
        return nextAcrossChunks(row);
    }

    /** The general case: the row starts in the next chunk, or is corrupt, or spans chunks (never written so). */
    private boolean nextAcrossChunks(Row row) throws IOException {
        if (!read(Layout.U16)) {
            return false;
        }
        int rowStart = position;
        int columns = LittleEndian.u16(chunk, position) + 1;
        position += Layout.U16;
        long loaded = loads;
        int sizesBytes = Layout.U16 * columns;
        if (!read(sizesBytes)) {
            throw didntReadEnough(sizesBytes);
        }
        int total = row.setSizes(chunk, position, columns);
        position += sizesBytes;
        if (!read(total)) {
            throw didntReadEnough(total);
        }
        row.setData(chunk, position, total, loaded == loads ? rowStart : -1);
        position += total;
        return true;
    }

    /**
     * Skips what is left of the current chunk and loads the next one; false at end of stream.
     * Rows of the new chunk then come from {@link #next}.
     */
    public boolean nextChunk() throws IOException {
        position = length;
        return load();
    }

    /** The current chunk's body; valid until the next load. */
    public byte[] chunk() {
        return chunk;
    }

    public int chunkLength() {
        return length;
    }

    /** Offset of the next unread byte in {@link #chunk()}. */
    public int chunkPosition() {
        return position;
    }

    /** True when the current chunk has no unread bytes (the next row comes from a new chunk). */
    public boolean chunkExhausted() {
        return position == length;
    }

    public Layout layout() {
        return layout;
    }

    private static FatalException didntReadEnough(int expected) {
        return new FatalException("didnt read enough, only got: 0, expected: " + expected + "\n");
    }

    /** Makes {@code k} bytes available at {@link #position}; false at end of stream. */
    private boolean read(int k) throws IOException {
        if (position == length) {
            if (!load()) {
                return false;
            }
            if (k > length) {
                throw new FatalException("fatal: diskread, not possible, chunk sizes are known\n");
            }
        } else if (k > length - position) {
            throw new FatalException("fatal: ramread, not possible, chunk sizes are known\n");
        }
        return true;
    }

    private boolean load() throws IOException {
        int got = Streams.readUpTo(in, header, 0, Layout.CHUNK_HEADER);
        if (got == 0) {
            length = 0;
            position = 0;
            return false;
        }
        if (got < Layout.CHUNK_HEADER) {
            throw new FatalException((partialHeaderError == null ? "fatal: impossible" : partialHeaderError + got)
                    + textHint(0, got) + "\n");
        }
        int size = LittleEndian.i32(header, 0);
        if (size > layout.bufferSize()) {
            throw new FatalException("fatal: bad chunk size: " + size + textHint(0, Layout.CHUNK_HEADER) + "\n");
        }
        if (size > chunk.length) {
            // the rows of the old chunk are no longer valid: it goes back
            int grown = (int) Math.min(layout.bufferSize(), Math.max(2L * chunk.length, 2L * size));
            chunk = BufferPool.grow(chunk, grown, layout.bufferSize(), 0);
        }
        if (lz4) {
            readFully(header, Layout.CHUNK_HEADER, Layout.CHUNK_HEADER);
            int compressedSize = LittleEndian.i32(header, Layout.CHUNK_HEADER);
            if (compressedSize < 0 || compressedSize > layout.lz4BufferSize()) {
                throw new FatalException("fatal: bad chunk size: " + compressedSize
                        + textHint(Layout.CHUNK_HEADER, Layout.CHUNK_HEADER) + "\n");
            }
            if (compressedSize > compressed.length) {
                int grown = (int) Math.min(layout.lz4BufferSize(), Math.max(2L * compressed.length, compressedSize));
                compressed = BufferPool.grow(compressed, grown, layout.lz4BufferSize(), 0);
            }
            readFully(compressed, 0, compressedSize);
            if (size < 0) {
                throw new FatalException("fatal: decompress size mismatch\n");
            }
            Lz4.decompress(compressed, 0, compressedSize, chunk, size);
        } else if (size < 0) {
            long remaining = Streams.drain(in, chunk);
            throw new FatalException("fatal: failed to read input, expected " + size + " got " + remaining
                    + textHint(0, Layout.CHUNK_HEADER) + "\n");
        } else {
            readFully(chunk, 0, size);
        }
        length = size;
        position = 0;
        loads++;
        return true;
    }

    /**
     * What a user needs when a chunk header is corrupt because the input is text (CSV fed to a bsv reader): an
     * aside after the original's message, whose first words tests and scripts match. Empty otherwise.
     */
    private String textHint(int off, int len) {
        if (!Bytes.looksLikeText(header, off, len)) {
            return "";
        }
        return loads == 0
                ? " (input is not bsv? first bytes look like text)"
                : " (input is not bsv? the bytes after chunk " + loads + " look like text)";
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        int got = Streams.readUpTo(in, b, off, len);
        if (got < len) {
            throw new FatalException("fatal: failed to read input, expected " + len + " got " + got + "\n");
        }
    }
}
