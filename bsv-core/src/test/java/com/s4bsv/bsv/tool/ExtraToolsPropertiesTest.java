package com.s4bsv.bsv.tool;

import static com.s4bsv.bsv.tool.RowGen.cstr;
import static com.s4bsv.bsv.tool.RowGen.strcmp;
import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.openhft.hashing.LongHashFunction;
import org.jspecify.annotations.Nullable;

/**
 * Each of bcombine, bcounteach*, bdedupe*, btake, bdropuntil, btakeuntil, btopn, bsumeach*, bunzip
 * and bzip against a small model written here, on random rows (see {@link RowGen}).
 */
class ExtraToolsPropertiesTest {

    private static final int TRIES = 120;

    @Provide
    Arbitrary<RowGen.Input> rows() {
        return RowGen.inputs();
    }

    @Provide
    Arbitrary<RowGen.Input> keyedI64() {
        return RowGen.inputs(2, Arbitraries.longs().map(RowGen::i64), 0);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.of("", "a", "b", "ab", "ba", "bb", "\u00ff", "aaa");
    }

    /** Asserts the tool wrote exactly {@code rows}, or failed on the first row the writer must refuse. */
    private static void assertWrote(ToolHarness.Result r, List<List<byte[]>> rows, Layout layout, byte[] prefix) {
        assertWrote(r, rows, layout, prefix, null);
    }

    /**
     * As above; when {@code thenFails} is given the tool must fail with it after the rows, unless
     * the writer refused one of them first.
     */
    private static void assertWrote(
            ToolHarness.Result r, List<List<byte[]>> rows, Layout layout, byte[] prefix, @Nullable String thenFails) {
        for (List<byte[]> row : rows) {
            if (BsvModel.row(row).length > layout.bufferSize()) {
                assertThat(r.exit()).isEqualTo(1);
                assertThat(r.errText()).isEqualTo("fatal: cant write larger than BUFFER_SIZE\n");
                return;
            }
            if (row.stream().anyMatch(c -> c.length > Layout.MAX_COLUMN_BYTES)) {
                assertThat(r.exit()).isEqualTo(1);
                assertThat(r.errText()).startsWith("fatal: cannot have columns with more than 2**16 - 1 bytes");
                return;
            }
        }
        if (thenFails != null) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errText()).isEqualTo(thenFails);
            return;
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(prefix);
        expected.writeBytes(BsvModel.encode(rows, layout));
        assertThat(r.ok()).isEqualTo(expected.toByteArray());
    }

    private static void assertWrote(ToolHarness.Result r, List<List<byte[]>> rows, Layout layout) {
        assertWrote(r, rows, layout, new byte[0]);
    }

    private static List<byte[]> keyAndI64(byte[] key, long value) {
        return List.of(key, RowGen.i64(value));
    }

    @Property(tries = 60)
    void bcombinePrependsJoinedColumns(@ForAll("rows") RowGen.Input in, @ForAll Random random) {
        int minColumns = in.rows().stream().mapToInt(List::size).min().orElse(1);
        int n = 1 + random.nextInt(4);
        int[] picks = new int[n];
        StringBuilder arg = new StringBuilder();
        for (int i = 0; i < n; i++) {
            picks[i] = random.nextInt(minColumns + (random.nextInt(8) == 0 ? 1 : 0));
            arg.append(i > 0 ? "," : "").append(picks[i] + 1);
        }
        ToolHarness.Result r = in.harness().run("bcombine", in.bsv(), arg.toString());
        List<List<byte[]>> expected = new ArrayList<>();
        for (List<byte[]> row : in.rows()) {
            ByteArrayOutputStream combined = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                if (picks[i] >= row.size()) {
                    assertWrote(
                            r,
                            expected,
                            in.layout(),
                            new byte[0],
                            "fatal: line with " + row.size() + " columns, needed " + (picks[i] + 1) + "\n");
                    return;
                }
                if (i > 0) {
                    combined.write(':');
                }
                combined.writeBytes(row.get(picks[i]));
            }
            List<byte[]> out = new ArrayList<>();
            out.add(combined.toByteArray());
            out.addAll(row);
            expected.add(out);
        }
        assertWrote(r, expected, in.layout());
    }

    @Property(tries = TRIES)
    void bcounteachCountsStrcmpRuns(@ForAll("rows") RowGen.Input in) {
        List<List<byte[]>> expected = new ArrayList<>();
        byte[] key = new byte[0];
        long count = 0;
        for (List<byte[]> row : in.rows()) {
            if (strcmp(row.get(0), key) != 0) {
                if (key.length > 0) {
                    expected.add(keyAndI64(key, count));
                }
                key = row.get(0);
                count = 0;
            }
            count++;
        }
        if (key.length > 0) {
            expected.add(keyAndI64(key, count));
        }
        assertWrote(in.harness().run("bcounteach", in.bsv()), expected, in.layout());
    }

    @Property(tries = TRIES)
    void bdedupeDropsStrcmpRepeats(@ForAll("rows") RowGen.Input in) {
        List<List<byte[]>> expected = new ArrayList<>();
        byte[] last = new byte[0];
        for (List<byte[]> row : in.rows()) {
            if (strcmp(row.get(0), last) != 0) {
                expected.add(row);
                last = row.get(0);
            }
        }
        assertWrote(in.harness().run("bdedupe", in.bsv()), expected, in.layout());
    }

    @Property(tries = TRIES)
    void bdedupeHashKeepsFirstOfEachFullKey(@ForAll("rows") RowGen.Input in) {
        List<List<byte[]>> expected = new ArrayList<>();
        List<byte[]> seen = new ArrayList<>();
        for (List<byte[]> row : in.rows()) {
            if (seen.stream().noneMatch(k -> Arrays.equals(k, row.get(0)))) {
                seen.add(row.get(0));
                expected.add(row);
            }
        }
        assertWrote(in.harness().run("bdedupe-hash", in.bsv()), expected, in.layout());
    }

    @Property(tries = TRIES)
    void bcounteachHashCountsInTableOrder(@ForAll("rows") RowGen.Input in) {
        TableModel table = new TableModel();
        for (List<byte[]> row : in.rows()) {
            table.add(row.get(0), 1);
        }
        assertWrote(in.harness().run("bcounteach-hash", in.bsv()), table.rows(), in.layout());
    }

    @Property(tries = TRIES)
    void bsumeachHashSumsInTableOrder(@ForAll("keyedI64") RowGen.Input in) {
        TableModel table = new TableModel();
        for (List<byte[]> row : in.rows()) {
            table.add(row.get(0), RowGen.i64(row.get(1)));
        }
        assertWrote(in.harness().run("bsumeach-hash", in.bsv(), "i64"), table.rows(), in.layout());
    }

    @Property(tries = TRIES)
    void bsumeachSumsStrcmpRuns(@ForAll("keyedI64") RowGen.Input in) {
        List<List<byte[]>> expected = new ArrayList<>();
        byte[] key = new byte[0];
        long sum = 0;
        for (List<byte[]> row : in.rows()) {
            if (strcmp(row.get(0), key) != 0) {
                if (key.length > 0) {
                    expected.add(keyAndI64(key, sum));
                }
                key = row.get(0);
                sum = 0;
            }
            sum += RowGen.i64(row.get(1));
        }
        if (key.length > 0) {
            expected.add(keyAndI64(key, sum));
        }
        assertWrote(in.harness().run("bsumeach", in.bsv(), "i64"), expected, in.layout());
    }

    @Property(tries = TRIES)
    void btakeTakesWhileEqual(@ForAll("rows") RowGen.Input in, @ForAll("values") String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        List<List<byte[]>> expected =
                in.rows().stream().takeWhile(r -> strcmp(r.get(0), v) == 0).toList();
        assertWrote(in.harness().run("btake", in.bsv(), value), expected, in.layout());
    }

    /** The chunks of the input as lists of rows. */
    private static List<List<List<byte[]>>> chunkRows(byte[] bsv) {
        List<List<List<byte[]>>> chunks = new ArrayList<>();
        for (byte[] body : BsvModel.chunks(bsv)) {
            byte[] one = ByteBuffer.allocate(4 + body.length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(body.length)
                    .put(body)
                    .array();
            chunks.add(BsvModel.decode(one));
        }
        return chunks;
    }

    /** Where the scan of bdropuntil/btakeuntil starts: the chunk before the first one starting >= v. */
    private static int scanStart(List<List<List<byte[]>>> chunks, byte[] v) {
        for (int i = 0; i < chunks.size(); i++) {
            if (strcmp(chunks.get(i).get(0).get(0), v) >= 0) {
                return Math.max(0, i - 1);
            }
        }
        return chunks.size() - 1;
    }

    @Property(tries = TRIES)
    void bdropuntilDropsFromTheScanStart(@ForAll("rows") RowGen.Input in, @ForAll("values") String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        List<List<List<byte[]>>> chunks = chunkRows(in.bsv());
        List<List<byte[]>> expected = chunks.isEmpty()
                ? List.of()
                : chunks.subList(scanStart(chunks, v), chunks.size()).stream()
                        .flatMap(List::stream)
                        .dropWhile(r -> strcmp(r.get(0), v) < 0)
                        .toList();
        assertWrote(in.harness().run("bdropuntil", in.bsv(), value), expected, in.layout());
    }

    @Property(tries = TRIES)
    void btakeuntilCopiesSkippedChunksThenTakes(@ForAll("rows") RowGen.Input in, @ForAll("values") String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        List<List<List<byte[]>>> chunks = chunkRows(in.bsv());
        ByteArrayOutputStream verbatim = new ByteArrayOutputStream();
        List<List<byte[]>> expected = List.of();
        if (!chunks.isEmpty()) {
            int start = scanStart(chunks, v);
            for (int i = 0; i < start; i++) {
                verbatim.writeBytes(BsvModel.encode(chunks.get(i), in.layout()));
            }
            expected = chunks.subList(start, chunks.size()).stream()
                    .flatMap(List::stream)
                    .takeWhile(r -> strcmp(r.get(0), v) < 0)
                    .toList();
        }
        assertWrote(in.harness().run("btakeuntil", in.bsv(), value), expected, in.layout(), verbatim.toByteArray());
    }

    @Property(tries = TRIES)
    void btopnFollowsTheHeap(
            @ForAll("rows") RowGen.Input in, @ForAll @IntRange(min = 0, max = 4) int n, @ForAll boolean reversed) {
        List<List<byte[]>> expected = HeapModel.topN(in.rows(), n, reversed);
        String[] args = reversed ? new String[] {"-r", Integer.toString(n)} : new String[] {Integer.toString(n)};
        assertWrote(in.harness().run("btopn", in.bsv(), args), expected, in.layout());
    }

    @Property(tries = 30)
    void btopnTruncatesLikeTheOriginal(
            @ForAll @IntRange(min = 1, max = 3) int n,
            @ForAll boolean reversed,
            @ForAll @IntRange(min = 100, max = 900) int count,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<List<byte[]>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(List.of(
                    new byte[] {(byte) ('a' + random.nextInt(4))},
                    Integer.toString(i).getBytes()));
        }
        Layout layout = new Layout(128);
        List<List<byte[]>> expected = HeapModel.topN(rows, n, reversed);
        assertThat(expected).hasSize(n);
        String[] args = reversed ? new String[] {Integer.toString(n), "--reversed"} : new String[] {"" + n};
        assertWrote(new ToolHarness(layout).run("btopn", BsvModel.encode(rows, layout), args), expected, layout);
    }

    @Property(tries = 40)
    void bunzipThenBzipRestoresTheRows(@ForAll("rows") RowGen.Input in, @ForAll boolean lz4) throws IOException {
        if (in.rows().isEmpty()) {
            return;
        }
        int columns = in.rows().get(0).size();
        List<List<byte[]>> rows =
                in.rows().stream().filter(r -> r.size() == columns).toList();
        Path dir = Files.createTempDirectory("bunzip");
        try {
            ToolHarness h = new ToolHarness(in.layout(), dir);
            String names = lz4
                    ? h.run("bunzip", BsvModel.encode(rows, in.layout()), "c", "-l")
                            .outText()
                    : h.run("bunzip", BsvModel.encode(rows, in.layout()), "c").outText();
            assertThat(names.split("\n")).hasSize(columns);
            for (int i = 0; i < columns; i++) {
                int column = i;
                List<List<byte[]>> single =
                        rows.stream().map(r -> List.of(r.get(column))).toList();
                byte[] file = Files.readAllBytes(dir.resolve(names.split("\n")[i]));
                if (!lz4) {
                    assertThat(file).isEqualTo(BsvModel.encode(single, in.layout()));
                }
            }
            ToolHarness.Result zipped = lz4 ? h.run("bzip", names, "-l") : h.run("bzip", names);
            assertWrote(zipped, rows, in.layout());
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** The original's hash table (spec §3.4), written plainly: output order is slot order. */
    static final class TableModel {

        private static final LongHashFunction XX3 = LongHashFunction.xx3();
        private byte[][] keys = new byte[1 << 16][];
        private long[] values = new long[1 << 16];
        private int used;

        void add(byte[] key, long value) {
            int i = home(key, keys.length);
            while (keys[i] != null) {
                if (Arrays.equals(keys[i], key)) {
                    values[i] += value;
                    return;
                }
                i = (i + 1) % keys.length;
            }
            keys[i] = key;
            values[i] = value;
            used++;
            if (used > keys.length / 2) {
                byte[][] oldKeys = keys;
                long[] oldValues = values;
                keys = new byte[oldKeys.length * 2][];
                values = new long[oldKeys.length * 2];
                for (int s = 0; s < oldKeys.length; s++) {
                    if (oldKeys[s] != null) {
                        int j = home(oldKeys[s], keys.length);
                        while (keys[j] != null) {
                            j = (j + 1) % keys.length;
                        }
                        keys[j] = oldKeys[s];
                        values[j] = oldValues[s];
                    }
                }
            }
        }

        private static int home(byte[] key, int capacity) {
            return (int) Long.remainderUnsigned(XX3.hashBytes(key), capacity);
        }

        List<byte[]> keysInOrder() {
            return Arrays.stream(keys).filter(k -> k != null).toList();
        }

        List<List<byte[]>> rows() {
            List<List<byte[]>> rows = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null) {
                    rows.add(keyAndI64(keys[i], values[i]));
                }
            }
            return rows;
        }
    }

    /** btopn's heap (spec §3.5) over whole rows, keyed by strcmp of the first column. */
    static final class HeapModel {

        private final List<List<byte[]>> nodes = new ArrayList<>();
        private final Comparator<List<byte[]>> order;

        HeapModel(boolean reversed) {
            Comparator<List<byte[]>> c = (x, y) -> strcmp(x.get(0), y.get(0));
            order = reversed ? c.reversed() : c;
        }

        private boolean priority(List<byte[]> x, List<byte[]> y) {
            return order.compare(x, y) > 0;
        }

        void insert(List<byte[]> x) {
            nodes.add(x);
            int hole = nodes.size() - 1;
            while (hole > 0 && priority(x, nodes.get((hole - 1) / 2))) {
                nodes.set(hole, nodes.get((hole - 1) / 2));
                hole = (hole - 1) / 2;
            }
            nodes.set(hole, x);
        }

        List<byte[]> top() {
            return nodes.get(0);
        }

        void delete() {
            List<byte[]> last = nodes.remove(nodes.size() - 1);
            if (nodes.isEmpty()) {
                return;
            }
            nodes.set(0, last);
            int cur = 0;
            while (true) {
                int l = 2 * cur + 1;
                int r = l + 1;
                int best = l < nodes.size() && priority(nodes.get(l), nodes.get(cur)) ? l : cur;
                if (r < nodes.size() && priority(nodes.get(r), nodes.get(best))) {
                    best = r;
                }
                if (best == cur) {
                    return;
                }
                List<byte[]> t = nodes.get(cur);
                nodes.set(cur, nodes.get(best));
                nodes.set(best, t);
                cur = best;
            }
        }

        static List<List<byte[]>> topN(List<List<byte[]>> rows, int n, boolean reversed) {
            HeapModel heap = new HeapModel(reversed);
            for (List<byte[]> row : rows) {
                heap.insert(row);
                if (heap.nodes.size() > n * 128) {
                    HeapModel kept = new HeapModel(reversed);
                    for (int i = 0; i < n; i++) {
                        kept.insert(heap.top());
                        heap.delete();
                    }
                    heap.nodes.clear();
                    heap.nodes.addAll(kept.nodes);
                }
            }
            List<List<byte[]>> out = new ArrayList<>();
            for (int i = 0; i < n && !heap.nodes.isEmpty(); i++) {
                out.add(heap.top());
                heap.delete();
            }
            return out;
        }
    }

    @Property(tries = 1)
    void hashToolsKeepTableOrderThroughTwoGrowths() {
        int n = 120_000;
        StringBuilder csv = new StringBuilder();
        TableModel table = new TableModel();
        for (int i = 0; i < n; i++) {
            String key = Integer.toString(i * 7919, 36);
            csv.append(key).append('\n');
            table.add(key.getBytes(StandardCharsets.UTF_8), 1);
        }
        ToolHarness h = new ToolHarness();
        List<List<byte[]>> out =
                BsvModel.decode(h.pipe(csv.toString().getBytes(StandardCharsets.UTF_8), "bsv", "bcounteach-hash"));
        assertThat(out).hasSize(n);
        List<byte[]> expected = table.keysInOrder();
        for (int i = 0; i < n; i++) {
            assertThat(out.get(i).get(0)).isEqualTo(expected.get(i));
        }
        assertThat(cstr(out.get(0).get(0))).isEqualTo(out.get(0).get(0));
    }
}
