package com.s4bsv.bsv.row;

import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.Layout;
import java.util.Arrays;

/**
 * Assembles an output row from slices of other buffers (input rows, its own scratch space) without
 * copying until the writer serializes it. Slices must stay unchanged until the row is written.
 * Reuse one instance: {@link #reset()} per row.
 */
public final class RowBuilder {

    private static final int MAX_ROW_COLUMNS = Layout.MAX_COLUMNS + 1;
    private static final int INITIAL_COLUMNS = 64;

    // grow with the widest row built, so a run over narrow rows allocates little
    private byte[][] buffers = new byte[INITIAL_COLUMNS][];
    private int[] offsets = new int[INITIAL_COLUMNS];
    private int[] sizes = new int[INITIAL_COLUMNS];
    private int columns;
    private long columnBytes;
    private byte[] scratch = new byte[256];
    private int scratchPosition;

    /** Starts a new row with no columns and empty scratch space. */
    public RowBuilder reset() {
        columns = 0;
        columnBytes = 0;
        scratchPosition = 0;
        return this;
    }

    /** Appends a column that is {@code buf[off .. off + len)}. */
    public RowBuilder add(byte[] buf, int off, int len) {
        if (columns == sizes.length && columns < MAX_ROW_COLUMNS) {
            widen();
        }
        buffers[columns] = buf;
        offsets[columns] = off;
        sizes[columns] = len;
        columns++;
        columnBytes += len;
        return this;
    }

    private void widen() {
        int length = Math.min(MAX_ROW_COLUMNS, 2 * sizes.length);
        buffers = Arrays.copyOf(buffers, length);
        offsets = Arrays.copyOf(offsets, length);
        sizes = Arrays.copyOf(sizes, length);
    }

    /** Appends column {@code i} of {@code row}. */
    public RowBuilder add(Row row, int i) {
        return add(row.buffer(), row.offset(i), row.size(i));
    }

    /**
     * Scratch space for column bytes this builder owns: write at {@link #scratchPosition()} in the
     * returned array (at least {@code need} bytes free), then {@link #addScratch} them.
     */
    public byte[] scratch(int need) {
        if (scratch.length - scratchPosition < need) {
            // earlier columns keep pointing at the old array, which stays valid
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchPosition + need));
        }
        return scratch;
    }

    public int scratchPosition() {
        return scratchPosition;
    }

    /** Appends the {@code len} bytes just written at {@link #scratchPosition()} as a column. */
    public RowBuilder addScratch(int len) {
        add(scratch, scratchPosition, len);
        scratchPosition += len;
        return this;
    }

    public RowBuilder addI64(long v) {
        LittleEndian.putI64(scratch(8), scratchPosition, v);
        return addScratch(8);
    }

    public RowBuilder addI32(int v) {
        LittleEndian.putI32(scratch(4), scratchPosition, v);
        return addScratch(4);
    }

    public RowBuilder addI16(int v) {
        LittleEndian.putU16(scratch(2), scratchPosition, v);
        return addScratch(2);
    }

    public RowBuilder addF64(double v) {
        return addI64(Double.doubleToRawLongBits(v));
    }

    public RowBuilder addF32(float v) {
        return addI32(Float.floatToRawIntBits(v));
    }

    public int columns() {
        return columns;
    }

    public byte[] buffer(int i) {
        return buffers[i];
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int size(int i) {
        return sizes[i];
    }

    /** Bytes of this row once serialized; may exceed int range only for absurd rows. */
    public long serializedSize() {
        return Layout.headerSize(columns) + columnBytes + columns;
    }
}
