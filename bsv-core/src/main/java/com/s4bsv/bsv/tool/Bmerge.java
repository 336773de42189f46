package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.io.FileNames;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * K-way merge of sorted bsv files named on stdin by the first column, through the original's binary
 * heap (so ties come out in the same order). Each file's current row stays a view into its reader.
 */
final class Bmerge implements Tool {

    static final Usage USAGE = new Usage(
            "merge sorted files from stdin\n\n",
            "echo FILE1 ... FILEN | bmerge [TYPE] [-r|--reversed] [-l|--lz4]\n\n",
            ">> echo -e 'a\\nc\\ne\\n' | bsv > a.bsv\n>> echo -e 'b\\nd\\nf\\n' | bsv > b.bsv\n"
                    + ">> echo a.bsv b.bsv | bmerge\na\nb\nc\nd\ne\nf\n");

    private Row[] rows = new Row[0];
    // each file's current first column as ColumnType.sortKey, so most heap comparisons are one long
    // compare; strcmp only settles equal keys when a string goes on past its key
    private long[] keys = new long[0];
    private boolean[] longer = new boolean[0];
    private ColumnType type = ColumnType.STRING;
    private boolean reversed;

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh().bool("-r", "--reversed").bool("-l", "--lz4").parse(context.args());
        List<String> names = FileNames.read(context.in(), context.dir());
        if (names.size() > FileNames.MAX_FILES) {
            throw new FatalException("fatal: too many files\n");
        }
        if (argh.positionals().size() > 1) {
            throw USAGE.error();
        }
        type = ColumnType.parseOrString(
                argh.positionals().isEmpty() ? null : argh.positionals().get(0));
        reversed = argh.isSet("--reversed");
        int n = names.size();
        InputStream[] files = new InputStream[n];
        try {
            ChunkReader[] readers = new ChunkReader[n];
            rows = new Row[n];
            keys = new long[n];
            longer = new boolean[n];
            for (int i = 0; i < n; i++) {
                files[i] = new BufferedInputStream(Files.newInputStream(context.resolve(names.get(i))), 1 << 16);
                readers[i] = new ChunkReader(files[i], context.layout(), argh.isSet("--lz4"));
                rows[i] = new Row();
            }
            ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
            int[] heap = new int[n];
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (readers[i].next(rows[i])) {
                    type.checkSize(rows[i], 0);
                    loadKey(i);
                    size = insert(heap, size, i);
                }
            }
            while (size > 0) {
                int top = heap[0];
                writer.writeRaw(rows[top]);
                size = deleteTop(heap, size);
                if (readers[top].next(rows[top])) {
                    type.checkSize(rows[top], 0);
                    loadKey(top);
                    size = insert(heap, size, top);
                }
            }
            writer.flush();
        } finally {
            for (InputStream f : files) {
                if (f != null) {
                    f.close();
                }
            }
        }
    }

    private void loadKey(int i) {
        Row row = rows[i];
        long key = type.sortKey(row.buffer(), row.offset(0), row.size(0));
        keys[i] = key;
        longer[i] = type == ColumnType.STRING && row.size(0) > Long.BYTES && (key & 0xFF) != 0;
    }

    /** The heap's strict "has priority" predicate. */
    private boolean before(int x, int y) {
        int c;
        if (type.isFloat()) {
            // NaN compares equal to everything, which no key order can express
            c = type.compare(rows[x], 0, rows[y], 0);
        } else if (keys[x] != keys[y]) {
            c = Long.compareUnsigned(keys[x], keys[y]);
        } else {
            c = longer[x] || longer[y] ? type.compare(rows[x], 0, rows[y], 0) : 0;
        }
        return reversed ? c > 0 : c < 0;
    }

    private int insert(int[] heap, int size, int x) {
        int hole = size;
        while (hole > 0) {
            int parent = (hole - 1) / 2;
            if (!before(x, heap[parent])) {
                break;
            }
            heap[hole] = heap[parent];
            hole = parent;
        }
        heap[hole] = x;
        return size + 1;
    }

    private int deleteTop(int[] heap, int size) {
        size--;
        heap[0] = heap[size];
        int current = 0;
        while (true) {
            int left = 2 * current + 1;
            int right = left + 1;
            int best = left < size && before(heap[left], heap[current]) ? left : current;
            if (right < size && before(heap[right], heap[best])) {
                best = right;
            }
            if (best == current) {
                return size;
            }
            int t = heap[current];
            heap[current] = heap[best];
            heap[best] = t;
            current = best;
        }
    }
}
