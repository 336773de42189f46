package com.s4bsv.bsv.collections;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import java.util.Arrays;

/**
 * The original's binary heap (spec §3.5) over rows copied into one arena, ordered by the first
 * column: a row has priority over another when it compares greater (smaller when reversed). Sift
 * up and down follow the original step by step so equal keys come out in the same order.
 */
public final class RowHeap {

    private final ColumnType type;
    private final boolean reversed;
    private byte[] arena = new byte[1 << 16];
    private int fill;
    private int[] rowOffsets = new int[64];
    private int[] rowSizes = new int[64];
    private int[] keyOffsets = new int[64];
    private int[] keySizes = new int[64];
    private int size;

    public RowHeap(ColumnType type, boolean reversed) {
        this.type = type;
        this.reversed = reversed;
    }

    public int size() {
        return size;
    }

    /** Copies {@code row} in and sifts it up. */
    public void insert(Row row) {
        int n = row.serializedSize();
        int at = reserve(n);
        row.copyTo(arena, at);
        push(at, n, at + Layout.headerSize(row.columns()), row.size(0));
    }

    /** Copies the top row of {@code other} in and sifts it up. */
    public void insertTop(RowHeap other) {
        int n = other.rowSizes[0];
        int at = reserve(n);
        System.arraycopy(other.arena, other.rowOffsets[0], arena, at, n);
        push(at, n, at + other.keyOffsets[0] - other.rowOffsets[0], other.keySizes[0]);
    }

    public byte[] arena() {
        return arena;
    }

    public int topOffset() {
        return rowOffsets[0];
    }

    public int topSize() {
        return rowSizes[0];
    }

    /** Moves the last row to the root and sifts it down. */
    public void deleteTop() {
        size--;
        move(size, 0);
        int current = 0;
        while (true) {
            int left = 2 * current + 1;
            int right = left + 1;
            int best = left < size && priority(left, current) ? left : current;
            if (right < size && priority(right, best)) {
                best = right;
            }
            if (best == current) {
                break;
            }
            swap(current, best);
            current = best;
        }
        if (size == 0) {
            fill = 0;
        }
    }

    public void clear() {
        size = 0;
        fill = 0;
    }

    private int reserve(int n) {
        if (arena.length - fill < n) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, fill + n));
        }
        int at = fill;
        fill += n;
        return at;
    }

    private void push(int rowOffset, int rowSize, int keyOffset, int keySize) {
        if (size == rowOffsets.length) {
            int n = size * 2;
            rowOffsets = Arrays.copyOf(rowOffsets, n);
            rowSizes = Arrays.copyOf(rowSizes, n);
            keyOffsets = Arrays.copyOf(keyOffsets, n);
            keySizes = Arrays.copyOf(keySizes, n);
        }
        int hole = size++;
        while (hole > 0) {
            int parent = (hole - 1) / 2;
            if (!priority(keyOffset, keySize, keyOffsets[parent], keySizes[parent])) {
                break;
            }
            move(parent, hole);
            hole = parent;
        }
        rowOffsets[hole] = rowOffset;
        rowSizes[hole] = rowSize;
        keyOffsets[hole] = keyOffset;
        keySizes[hole] = keySize;
    }

    private boolean priority(int i, int j) {
        return priority(keyOffsets[i], keySizes[i], keyOffsets[j], keySizes[j]);
    }

    private boolean priority(int xOff, int xSize, int yOff, int ySize) {
        int c = type.compare(arena, xOff, xSize, arena, yOff, ySize);
        return reversed ? c < 0 : c > 0;
    }

    private void move(int from, int to) {
        rowOffsets[to] = rowOffsets[from];
        rowSizes[to] = rowSizes[from];
        keyOffsets[to] = keyOffsets[from];
        keySizes[to] = keySizes[from];
    }

    private void swap(int i, int j) {
        int ro = rowOffsets[i];
        int rs = rowSizes[i];
        int ko = keyOffsets[i];
        int ks = keySizes[i];
        move(j, i);
        rowOffsets[j] = ro;
        rowSizes[j] = rs;
        keyOffsets[j] = ko;
        keySizes[j] = ks;
    }
}
