package com.s4bsv.bsv.format;

import java.util.Map;

/**
 * Every size and limit of the bsv format; the only place with these numbers.
 *
 * <pre>
 * chunk:  +------------+----------------------------------+
 *         | i32 size   | size bytes: whole rows, no split |   size &lt;= bufferSize
 *         +------------+----------------------------------+
 * row:    +---------+---------------------+-----------------------------------------+
 *         | u16 max | u16 size[0..max]    | col[0] 0x00 | col[1] 0x00 | ... col[max] 0x00 |
 *         +---------+---------------------+-----------------------------------------+
 * lz4:    | i32 uncompressed size | i32 compressed size | raw lz4 block |
 * </pre>
 *
 * All integers are little-endian. The chunk size {@code B} is per instance so tests can use tiny
 * chunks; the tools take it from {@code BSV_BUFFER_SIZE}.
 */
public final class Layout {

    public static final String BUFFER_SIZE_ENV = "BSV_BUFFER_SIZE";
    public static final int DEFAULT_BUFFER_SIZE = 5 * 1024 * 1024;
    /** Bytes of the chunk size header. */
    public static final int CHUNK_HEADER = 4;
    /** Bytes of the lz4 frame header: uncompressed size, compressed size. */
    public static final int LZ4_HEADER = 8;
    /** Bytes of a row's max field and of each column size. */
    public static final int U16 = 2;
    /** Highest column count a CSV line or a written row may have. */
    public static final int MAX_COLUMNS = 65535;
    /** Highest byte length of one written column. */
    public static final int MAX_COLUMN_BYTES = 65534;
    /** Bytes after each column. */
    public static final int TERMINATOR = 1;

    private static final int LZ4_SLACK = 262_144;

    public static final Layout DEFAULT = new Layout(DEFAULT_BUFFER_SIZE);

    private final int bufferSize;

    public Layout(int bufferSize) {
        if (bufferSize < 8) {
            throw new IllegalArgumentException("buffer size must be at least 8, got " + bufferSize);
        }
        this.bufferSize = bufferSize;
    }

    /** The layout for {@code BSV_BUFFER_SIZE}, or the default when unset or empty. */
    public static Layout fromEnv(Map<String, String> env) {
        String value = env.get(BUFFER_SIZE_ENV);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return new Layout(Integer.parseInt(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BUFFER_SIZE_ENV + " must be an integer >= 8, got: " + value, e);
        }
    }

    /** B: the most body bytes one chunk holds, and the most bytes one row may take. */
    public int bufferSize() {
        return bufferSize;
    }

    /** Capacity of the compressed side of an lz4 frame. */
    public int lz4BufferSize() {
        return bufferSize + LZ4_SLACK;
    }

    /** A CSV line must be shorter than this. */
    public int csvLineLimit() {
        return bufferSize;
    }

    /** Capacity of text output blocks (csv, bcat). */
    public int textBlockSize() {
        return bufferSize;
    }

    /** Offset, from the start of a serialized row, of column {@code column}'s size. */
    public static int sizeOffset(int column) {
        return U16 + U16 * column;
    }

    /** Serialized length of a row header with {@code columns} columns. */
    public static int headerSize(int columns) {
        return U16 + U16 * columns;
    }

    /** Serialized length of a row: header plus each column and its terminator. */
    public static int rowSize(int columns, int columnBytes) {
        return headerSize(columns) + columnBytes + columns * TERMINATOR;
    }

    @Override
    public String toString() {
        return "Layout[bufferSize=" + bufferSize + "]";
    }
}
