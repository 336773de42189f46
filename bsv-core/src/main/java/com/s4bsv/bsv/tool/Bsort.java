package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.collections.RadixSort;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.BufferPool;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Stable sort of all rows by the first column (descending with -r), rows written back verbatim.
 * Rows are copied into large arena segments; a 64-bit order-preserving key per row is radix sorted
 * (stable), and string ties longer than the key by further radix passes over their next bytes.
 */
final class Bsort implements Tool {

    static final Usage USAGE = new Usage(
            "timsort rows by the first column\n\n",
            "... | bsort [-r|--reversed] [TYPE]\n\n",
            ">> echo '\\n3\\n2\\n1\\n' | bsv | bschema a:i64 | bsort i64 | bschema i64:a | csv\n1\n2\n3\n\n");

    private static final int SEGMENT = 1 << 24;
    private static final int FIRST_SEGMENT = 64 * 1024;
    private static final int KEY_BYTES = 8;
    // below this many tied rows a merge sort by strcmp beats allocating for a radix pass
    private static final int SMALL_RUN = 32;
    // past 8 * this many equal bytes the runs are settled by strcmp: bounds the recursion, whatever the column size
    private static final int MAX_RADIX_DEPTH = 16;

    private byte[][] segments = new byte[4][];
    private int segmentCount;
    private int segmentFill;
    private long[] keys = new long[1024];
    private long[] where = new long[1024];
    private int[] lengths = new int[1024];
    // 1 when the first column continues past its 8-byte key: only such rows need strcmp on ties
    private byte[] longer = new byte[1024];
    private int rows;
    private int @Nullable [] scratch;
    private ColumnType type = ColumnType.STRING;
    private boolean reversed;

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh().bool("-r", "--reversed").parse(context.args());
        if (argh.positionals().size() > 1) {
            throw USAGE.error();
        }
        type = ColumnType.parseOrString(
                argh.positionals().isEmpty() ? null : argh.positionals().get(0));
        reversed = argh.isSet("--reversed");
        Layout layout = context.layout();
        int segmentSize = Math.max(SEGMENT, layout.bufferSize());
        ChunkReader reader = new ChunkReader(context.in(), layout);
        Row row = new Row();
        while (reader.next(row)) {
            type.checkSize(row, 0);
            int len = row.serializedSize();
            if (segmentCount == 0 || segments[segmentCount - 1].length - segmentFill < len) {
                if (segmentCount == segments.length) {
                    segments = Arrays.copyOf(segments, segmentCount * 2);
                }
                // a small first segment, so a tiny input (one key of a map) allocates little; then full ones
                int size = segmentCount == 0 ? Math.max(FIRST_SEGMENT, len) : segmentSize;
                segments[segmentCount++] = BufferPool.take(Math.min(segmentSize, size), segmentSize);
                segmentFill = 0;
            }
            if (rows == keys.length) {
                keys = Arrays.copyOf(keys, rows * 2);
                where = Arrays.copyOf(where, rows * 2);
                lengths = Arrays.copyOf(lengths, rows * 2);
                longer = Arrays.copyOf(longer, rows * 2);
            }
            byte[] segment = segments[segmentCount - 1];
            row.copyTo(segment, segmentFill);
            long key = type.sortKey(row.buffer(), row.offset(0), row.size(0));
            keys[rows] = reversed ? ~key : key;
            where[rows] = ((long) (segmentCount - 1) << 32) | segmentFill;
            lengths[rows] = len;
            longer[rows] = (byte) (row.size(0) > KEY_BYTES && (key & 0xFF) != 0 ? 1 : 0);
            segmentFill += len;
            rows++;
        }
        int[] order = RadixSort.sort(keys, rows);
        if (type == ColumnType.STRING) {
            settleStringTies(order);
        }
        ChunkWriter writer = new ChunkWriter(context.out(), layout);
        for (int i = 0; i < rows; i++) {
            int r = order[i];
            long w = where[r];
            writer.writeRaw(segments[(int) (w >>> 32)], (int) w, lengths[r]);
        }
        writer.flush();
    }

    /** Runs of equal keys whose strings are longer than the key are ordered by the rest of the string, stably. */
    private void settleStringTies(int[] order) {
        sortTiedRuns(order, 0, rows, p -> keys[order[p]], p -> longer[order[p]] != 0, 1);
    }

    /**
     * For each run of {@code order[from, to)} tied on {@code keyAt} (by position) with a row whose column
     * {@code continuesAt} past the key: {@link #sortTails} at {@code depth}.
     */
    private void sortTiedRuns(
            int[] order, int from, int to, IntToLongFunction keyAt, IntPredicate continuesAt, int depth) {
        int i = from;
        while (i < to) {
            int j = i + 1;
            long k = keyAt.applyAsLong(i);
            boolean continues = continuesAt.test(i);
            while (j < to && keyAt.applyAsLong(j) == k) {
                continues |= continuesAt.test(j);
                j++;
            }
            if (continues && j - i > 1) {
                sortTails(order, i, j, depth);
            }
            i = j;
        }
    }

    /**
     * Stable sort of {@code order[from, to)}, rows whose first columns agree on their first {@code 8 * depth} bytes
     * (none of them NUL), by the rest of the column: a radix sort on its next 8 bytes, then the same one level deeper
     * for the runs still tied. Dates, paths and other keys with a common prefix tie on the first key in long runs,
     * where a comparison sort reading each row's bytes from the arena cost far more than another radix pass.
     */
    private void sortTails(int[] order, int from, int to, int depth) {
        int n = to - from;
        if (n < SMALL_RUN || depth > MAX_RADIX_DEPTH) {
            // few rows, or a deep common prefix: strcmp (from byte 8 on, the bytes before are equal) settles them
            if (scratch == null) {
                scratch = new int[rows];
            }
            mergeSort(order, scratch, from, to);
            return;
        }
        int skip = KEY_BYTES * depth;
        long[] tails = new long[n];
        boolean[] continues = new boolean[n];
        boolean anyContinues = false;
        for (int x = 0; x < n; x++) {
            long w = where[order[from + x]];
            byte[] segment = segments[(int) (w >>> 32)];
            int row = (int) w;
            int size = Row.sizeAt(segment, row, 0);
            long tail = ColumnType.STRING.sortKey(segment, Row.dataAt(segment, row) + skip, size - skip);
            tails[x] = reversed ? ~tail : tail;
            continues[x] = size > skip + KEY_BYTES && (tail & 0xFF) != 0;
            anyContinues |= continues[x];
        }
        int[] sorted = RadixSort.sort(tails, n);
        int[] run = Arrays.copyOfRange(order, from, to);
        for (int x = 0; x < n; x++) {
            order[from + x] = run[sorted[x]];
        }
        if (anyContinues) {
            sortTiedRuns(order, from, to, p -> tails[sorted[p - from]], p -> continues[sorted[p - from]], depth + 1);
        }
    }

    private void mergeSort(int[] a, int[] tmp, int from, int to) {
        if (to - from < 24) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && compare(x, a[j]) < 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid);
        mergeSort(a, tmp, mid, to);
        if (compare(a[mid], a[mid - 1]) >= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int l = from;
        int r = mid;
        for (int k = from; k < to; k++) {
            if (r >= to || (l < mid && compare(tmp[r], tmp[l]) >= 0)) {
                a[k] = tmp[l++];
            } else {
                a[k] = tmp[r++];
            }
        }
    }

    /** strcmp of two rows' first columns whose first 8 bytes are equal and free of NUL. */
    private int compare(int x, int y) {
        long wx = where[x];
        long wy = where[y];
        byte[] bx = segments[(int) (wx >>> 32)];
        byte[] by = segments[(int) (wy >>> 32)];
        int ox = (int) wx;
        int oy = (int) wy;
        int sx = Row.sizeAt(bx, ox, 0);
        int sy = Row.sizeAt(by, oy, 0);
        if (sx == KEY_BYTES && sy == KEY_BYTES) {
            return 0;
        }
        int cx = Row.dataAt(bx, ox) + KEY_BYTES;
        int cy = Row.dataAt(by, oy) + KEY_BYTES;
        int c = Bytes.strcmp(bx, cx, sx - KEY_BYTES, by, cy, sy - KEY_BYTES);
        return reversed ? -c : c;
    }
}
