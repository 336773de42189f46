package com.s4bsv.bsv.row;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;

/**
 * A flyweight over one row: column {@code i} is {@code buffer()[offset(i) .. offset(i) + size(i))}.
 * The bytes belong to whoever filled the row (usually a {@code ChunkReader}) and are valid only
 * until its next call; copy with {@link #copyTo} to keep them. One instance is reused for every row.
 */
public final class Row {

    private static final int INITIAL_COLUMNS = 64;

    // column i starts at dataStart + starts[i]: the starts are summed while the sizes are decoded,
    // so placing the data is O(1) however many columns the row has. Both grow with the widest row
    // seen, up to 65536 columns, so a run over narrow rows allocates little.
    private int[] starts = new int[INITIAL_COLUMNS];
    private int[] sizes = new int[INITIAL_COLUMNS];
    private byte[] data = new byte[0];
    private int dataStart;
    private int columns;
    private int dataBytes;
    private byte[] raw = data;
    private int rawOffset = -1;

    /** Number of columns, at least 1 for any row read from a stream. */
    public int columns() {
        return columns;
    }

    /** The zero-based index of the last column, as stored in the row header. */
    public int max() {
        return columns - 1;
    }

    public byte[] buffer() {
        return data;
    }

    public int offset(int column) {
        return dataStart + starts[column];
    }

    public int size(int column) {
        return sizes[column];
    }

    /**
     * Column {@code column}'s size, read from the header of the serialized row at {@code buf[row]}:
     * for rows held in memory (sort arenas) that are compared without wrapping them.
     */
    public static int sizeAt(byte[] buf, int row, int column) {
        return LittleEndian.u16(buf, row + Layout.sizeOffset(column));
    }

    /** Where the first column's data starts in {@code buf} for the serialized row at {@code buf[row]}. */
    public static int dataAt(byte[] buf, int row) {
        return row + Layout.headerSize(LittleEndian.u16(buf, row) + 1);
    }

    /** Bytes of this row once serialized: header, columns, terminators. */
    public int serializedSize() {
        return Layout.headerSize(columns) + dataBytes;
    }

    /** Bytes of column data with their terminators; the data is contiguous from {@code offset(0)}. */
    public int dataBytes() {
        return dataBytes;
    }

    /** C {@code strcmp} of column {@code i} of this row with column {@code j} of {@code other}. */
    public int compareColumn(int i, Row other, int j) {
        return Bytes.strcmp(data, offset(i), sizes[i], other.data, other.offset(j), other.sizes[j]);
    }

    /** C {@code strcmp} of column {@code i} with a byte range. */
    public int compareColumn(int i, byte[] b, int off, int len) {
        return Bytes.strcmp(data, offset(i), sizes[i], b, off, len);
    }

    /** Full-byte equality of column {@code i} with a byte range. */
    public boolean columnEquals(int i, byte[] b, int off, int len) {
        return Bytes.equal(data, offset(i), sizes[i], b, off, len);
    }

    /**
     * Writes the serialized row at {@code dest[destOff]}; returns the bytes written. A row read
     * in one piece is copied verbatim, terminator bytes included.
     */
    public int copyTo(byte[] dest, int destOff) {
        int header = Layout.headerSize(columns);
        if (rawOffset >= 0) {
            System.arraycopy(raw, rawOffset, dest, destOff, header + dataBytes);
        } else {
            LittleEndian.putU16(dest, destOff, columns - 1);
            for (int i = 0; i < columns; i++) {
                LittleEndian.putU16(dest, destOff + Layout.U16 + Layout.U16 * i, sizes[i]);
            }
            System.arraycopy(data, dataStart, dest, destOff + header, dataBytes);
        }
        return header + dataBytes;
    }

    /**
     * Points this row at a serialized row at {@code buf[off]} that must end by {@code end}; returns
     * its serialized length. Used on rows held in memory (copied chunks, sort arenas).
     */
    public int wrap(byte[] buf, int off, int end) {
        if (end - off < Layout.U16) {
            throw new FatalException("fatal: ramread, not possible, chunk sizes are known\n");
        }
        int cols = LittleEndian.u16(buf, off) + 1;
        int header = Layout.headerSize(cols);
        if (end - off < header) {
            throw new FatalException("fatal: ramread, not possible, chunk sizes are known\n");
        }
        int total = setSizes(buf, off + Layout.U16, cols);
        if (end - off - header < total) {
            throw new FatalException("fatal: ramread, not possible, chunk sizes are known\n");
        }
        setData(buf, off + header, total, off);
        return header + total;
    }

    /**
     * For readers: decodes {@code cols} column sizes at {@code buf[off]}; returns the bytes of
     * column data (terminators included) they describe. Call {@link #setData} next.
     */
    public int setSizes(byte[] buf, int off, int cols) {
        if (cols > sizes.length) {
            widen(cols);
        }
        columns = cols;
        int total = 0;
        for (int i = 0; i < cols; i++) {
            int s = LittleEndian.u16(buf, off + Layout.U16 * i);
            sizes[i] = s;
            starts[i] = total;
            total += s + 1;
        }
        dataBytes = total;
        return total;
    }

    private void widen(int cols) {
        int length = Math.max(cols, 2 * sizes.length);
        starts = new int[length];
        sizes = new int[length];
    }

    /**
     * For readers: the column data starts at {@code buf[off]}; {@code rawOffset} is where the whole
     * serialized row starts in the same buffer, or -1 when its header came from elsewhere.
     */
    public void setData(byte[] buf, int off, int total, int rawOffset) {
        setData(buf, off, total);
        if (raw != buf) {
            raw = buf;
        }
        this.rawOffset = rawOffset;
    }

    private void setData(byte[] buf, int off, int total) {
        if (data != buf) {
            // a reference store pays a GC write barrier, and a reader's rows keep the same buffer
            data = buf;
        }
        dataStart = off;
        dataBytes = total;
    }
}
