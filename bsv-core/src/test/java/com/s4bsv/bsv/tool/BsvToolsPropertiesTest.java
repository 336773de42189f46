package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.Xxh3;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;

/**
 * Every tool against a tiny model on random rows: 1..40 columns, empty columns, arbitrary bytes
 * (0x00, 0xFF, non-UTF-8), columns up to the 65534-byte limit, chunk sizes from 8 bytes up, so rows
 * exactly fill chunks and inputs span many chunks.
 */
class BsvToolsPropertiesTest {

    /** Random rows and the chunk size they are encoded with; every row fits in a chunk. */
    record Input(Layout layout, List<List<byte[]>> rows) {

        byte[] bsv() {
            return BsvModel.encode(rows, layout);
        }

        ToolHarness harness() {
            return new ToolHarness(layout);
        }

        @Override
        public String toString() {
            return "B=" + layout.bufferSize() + " rows=" + rows.size();
        }
    }

    private static Arbitrary<byte[]> column(boolean csvSafe, int maxSize) {
        Arbitrary<Byte> any = csvSafe
                ? Arbitraries.bytes().filter(b -> b != ',' && b != '\n' && b != 0)
                : Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of((byte) 0, (byte) 0xFF, (byte) 'a', (byte) 'b'));
        Arbitrary<byte[]> small = any.array(byte[].class).ofMinSize(0).ofMaxSize(Math.min(12, maxSize));
        Arbitrary<byte[]> large = Arbitraries.integers().between(0, maxSize).map(n -> {
            byte[] b = new byte[n];
            new Random(n).nextBytes(b);
            if (csvSafe) {
                for (int i = 0; i < n; i++) {
                    if (b[i] == ',' || b[i] == '\n' || b[i] == 0) {
                        b[i] = 'x';
                    }
                }
            }
            return b;
        });
        return Arbitraries.frequencyOf(Tuple.of(20, small), Tuple.of(1, large));
    }

    private static Arbitrary<Input> inputs(boolean csvSafe, int minColumns) {
        Arbitrary<Integer> buffer = Arbitraries.of(8, 16, 32, 64, 128, 1024, 70_000, 200_000);
        return buffer.flatMap(b -> {
            int maxColumn = Math.min(Layout.MAX_COLUMN_BYTES, b);
            Arbitrary<List<byte[]>> row =
                    column(csvSafe, maxColumn).list().ofMinSize(minColumns).ofMaxSize(40);
            return row.list()
                    .ofMaxSize(60)
                    .map(rows -> new Input(
                            new Layout(b),
                            rows.stream()
                                    .filter(r -> BsvModel.row(r).length <= b)
                                    .filter(r -> !csvSafe || r.size() > 1 || r.get(0).length > 0)
                                    .toList()));
        });
    }

    @Provide
    Arbitrary<Input> rows() {
        return inputs(false, 1);
    }

    @Provide
    Arbitrary<Input> csvRows() {
        return inputs(true, 1);
    }

    @Property(tries = 150)
    void csvPrintsColumnsJoinedByCommas(@ForAll("rows") Input in) {
        assertThat(in.harness().run("csv", in.bsv()).ok()).isEqualTo(BsvModel.csv(in.rows()));
    }

    @Property(tries = 150)
    void bsvParsesWhatCsvPrintsIntoGreedyChunks(@ForAll("csvRows") Input in) {
        ToolHarness h = in.harness();
        byte[] csv = BsvModel.csv(in.rows());
        ToolHarness.Result r = h.run("bsv", csv);
        boolean anyTooLong = in.rows().stream().anyMatch(row -> {
            int line = row.size() - 1;
            for (byte[] c : row) {
                line += c.length;
            }
            return line >= in.layout().bufferSize();
        });
        if (anyTooLong) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errText()).isEqualTo("fatal: line longer than BUFFER_SIZE\n");
        } else {
            assertThat(r.ok()).isEqualTo(in.bsv());
        }
    }

    @Property(tries = 150)
    void bcutSelectsColumns(
            @ForAll("rows") Input in, @ForAll @IntRange(min = 1, max = 5) int count, @ForAll Random random) {
        int minColumns = in.rows().stream().mapToInt(List::size).min().orElse(1);
        int[] picks = random.ints(count, 0, minColumns).toArray();
        String arg = String.join(
                ",", Arrays.stream(picks).mapToObj(i -> Integer.toString(i + 1)).toList());
        List<List<byte[]>> expected = in.rows().stream()
                .map(r -> Arrays.stream(picks).mapToObj(r::get).toList())
                .toList();
        ToolHarness.Result r = in.harness().run("bcut", in.bsv(), arg);
        if (expected.stream()
                .anyMatch(row -> BsvModel.row(row).length > in.layout().bufferSize())) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errText()).isEqualTo("fatal: cant write larger than BUFFER_SIZE\n");
        } else {
            assertThat(r.ok()).isEqualTo(BsvModel.encode(expected, in.layout()));
        }
    }

    private static int strcmp(byte[] a, byte[] b) {
        return Integer.signum(Bytes.strcmp(a, 0, a.length, b, 0, b.length));
    }

    @Property(tries = 150)
    void bsortIsAStableStrcmpSort(@ForAll("rows") Input in, @ForAll boolean reversed) {
        Comparator<List<byte[]>> byFirst = (x, y) -> strcmp(x.get(0), y.get(0));
        List<List<byte[]>> expected = new ArrayList<>(in.rows());
        expected.sort(reversed ? byFirst.reversed() : byFirst);
        String[] args = reversed ? new String[] {"-r"} : new String[0];
        assertThat(in.harness().run("bsort", in.bsv(), args).ok()).isEqualTo(BsvModel.encode(expected, in.layout()));
    }

    @Property(tries = 100)
    void bsortOrdersTypedColumns(
            @ForAll("typedRows") List<Long> values, @ForAll boolean reversed, @ForAll("types") String type) {
        int width = type.endsWith("64") ? 8 : type.endsWith("32") ? 4 : 2;
        List<List<byte[]>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            long v = values.get(i);
            if (type.equals("f64")) {
                b.putDouble(v / 3.0);
            } else if (type.equals("f32")) {
                b.putFloat(v / 3.0f);
            } else {
                b.putLong(v);
            }
            rows.add(List.of(Arrays.copyOf(b.array(), width), BsvModel.bytes(Integer.toString(i))));
        }
        Comparator<List<byte[]>> cmp = (x, y) -> compareTyped(type, x.get(0), y.get(0));
        List<List<byte[]>> expected = new ArrayList<>(rows);
        expected.sort(reversed ? cmp.reversed() : cmp);
        Layout layout = new Layout(64);
        String[] args = reversed ? new String[] {"-r", type} : new String[] {type};
        assertThat(new ToolHarness(layout)
                        .run("bsort", BsvModel.encode(rows, layout), args)
                        .ok())
                .isEqualTo(BsvModel.encode(expected, layout));
    }

    private static int compareTyped(String type, byte[] x, byte[] y) {
        ByteBuffer a = ByteBuffer.wrap(x).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = ByteBuffer.wrap(y).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type) {
            case "i64" -> Long.compare(a.getLong(), b.getLong());
            case "u64" -> Long.compareUnsigned(a.getLong(), b.getLong());
            case "i32" -> Integer.compare(a.getInt(), b.getInt());
            case "u32" -> Integer.compareUnsigned(a.getInt(), b.getInt());
            case "i16" -> Short.compare(a.getShort(), b.getShort());
            case "u16" -> Integer.compare(a.getShort() & 0xFFFF, b.getShort() & 0xFFFF);
            case "f64" -> {
                double p = a.getDouble();
                double q = b.getDouble();
                yield p < q ? -1 : p > q ? 1 : 0;
            }
            default -> {
                float p = a.getFloat();
                float q = b.getFloat();
                yield p < q ? -1 : p > q ? 1 : 0;
            }
        };
    }

    @Provide
    Arbitrary<List<Long>> typedRows() {
        return Arbitraries.oneOf(
                        Arbitraries.longs(),
                        Arbitraries.longs().between(-5, 5),
                        Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 32768L, 65535L))
                .list()
                .ofMaxSize(80);
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("i64", "u64", "i32", "u32", "i16", "u16", "f64", "f32");
    }

    /** The heap of spec §3.5, written plainly, as the model of bmerge's tie order. */
    private static List<List<byte[]>> heapMerge(
            List<List<List<byte[]>>> files, boolean reversed, Comparator<byte[]> order) {
        List<int[]> heap = new ArrayList<>();
        int[] next = new int[files.size()];
        BiPredicate<int[], int[]> before = (x, y) -> {
            int c = order.compare(
                    files.get(x[0]).get(x[1]).get(0), files.get(y[0]).get(y[1]).get(0));
            return reversed ? c > 0 : c < 0;
        };
        Consumer<int[]> insert = x -> {
            heap.add(x);
            int hole = heap.size() - 1;
            while (hole > 0 && before.test(x, heap.get((hole - 1) / 2))) {
                heap.set(hole, heap.get((hole - 1) / 2));
                hole = (hole - 1) / 2;
            }
            heap.set(hole, x);
        };
        for (int f = 0; f < files.size(); f++) {
            if (!files.get(f).isEmpty()) {
                insert.accept(new int[] {f, next[f]++});
            }
        }
        List<List<byte[]>> out = new ArrayList<>();
        while (!heap.isEmpty()) {
            int[] top = heap.get(0);
            out.add(files.get(top[0]).get(top[1]));
            int[] last = heap.remove(heap.size() - 1);
            if (!heap.isEmpty()) {
                heap.set(0, last);
                int cur = 0;
                while (true) {
                    int l = 2 * cur + 1;
                    int r = l + 1;
                    int best = l < heap.size() && before.test(heap.get(l), heap.get(cur)) ? l : cur;
                    if (r < heap.size() && before.test(heap.get(r), heap.get(best))) {
                        best = r;
                    }
                    if (best == cur) {
                        break;
                    }
                    int[] t = heap.get(cur);
                    heap.set(cur, heap.get(best));
                    heap.set(best, t);
                    cur = best;
                }
            }
            if (next[top[0]] < files.get(top[0]).size()) {
                insert.accept(new int[] {top[0], next[top[0]]++});
            }
        }
        return out;
    }

    @Property(tries = 80)
    void bmergeMergesSortedFilesWithTheOriginalTieOrder(
            @ForAll("rows") Input in,
            @ForAll @IntRange(min = 1, max = 6) int fileCount,
            @ForAll boolean reversed,
            @ForAll Random random)
            throws IOException {
        checkBmerge(in, fileCount, reversed, random, null);
    }

    @Property(tries = 60)
    void bmergeMergesTypedColumnsWithTheOriginalTieOrder(
            @ForAll("typedRows") List<Long> values,
            @ForAll("types") String type,
            @ForAll @IntRange(min = 2, max = 6) int fileCount,
            @ForAll boolean reversed,
            @ForAll Random random)
            throws IOException {
        int width = type.endsWith("64") ? 8 : type.endsWith("32") ? 4 : 2;
        List<List<byte[]>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            // few distinct values, so files tie often
            long v = values.get(i) % 7;
            if (type.equals("f64")) {
                b.putDouble(v / 3.0);
            } else if (type.equals("f32")) {
                b.putFloat(v / 3.0f);
            } else {
                b.putLong(v);
            }
            rows.add(List.of(Arrays.copyOf(b.array(), width), BsvModel.bytes(Integer.toString(i))));
        }
        checkBmerge(new Input(new Layout(64), rows), fileCount, reversed, random, type);
    }

    /** First columns that often share their first eight bytes, and end, or hold a NUL, near them. */
    @Provide
    Arbitrary<Input> keyTies() {
        Arbitrary<Byte> letter =
                Arbitraries.frequency(Tuple.of(12, (byte) 'a'), Tuple.of(1, (byte) 'b'), Tuple.of(1, (byte) 0));
        Arbitrary<byte[]> key = letter.array(byte[].class).ofMinSize(6).ofMaxSize(11);
        Arbitrary<byte[]> tag = Arbitraries.bytes().array(byte[].class).ofMaxSize(3);
        return Combinators.combine(key, tag)
                .as(List::of)
                .list()
                .ofMaxSize(80)
                .map(rows -> new Input(new Layout(1024), rows));
    }

    @Property(tries = 60)
    void bmergeKeepsTheTieOrderOnLongSharedPrefixes(
            @ForAll("keyTies") Input in,
            @ForAll @IntRange(min = 2, max = 6) int fileCount,
            @ForAll boolean reversed,
            @ForAll Random random)
            throws IOException {
        checkBmerge(in, fileCount, reversed, random, null);
    }

    private static void checkBmerge(Input in, int fileCount, boolean reversed, Random random, @Nullable String type)
            throws IOException {
        Path dir = Files.createTempDirectory("bmerge");
        try {
            Comparator<byte[]> order =
                    type == null ? BsvToolsPropertiesTest::strcmp : (x, y) -> compareTyped(type, x, y);
            Comparator<List<byte[]>> byFirst = (x, y) -> order.compare(x.get(0), y.get(0));
            List<List<List<byte[]>>> files = new ArrayList<>();
            for (int f = 0; f < fileCount; f++) {
                files.add(new ArrayList<>());
            }
            for (List<byte[]> row : in.rows()) {
                files.get(random.nextInt(fileCount)).add(row);
            }
            StringBuilder names = new StringBuilder();
            for (int f = 0; f < fileCount; f++) {
                files.get(f).sort(reversed ? byFirst.reversed() : byFirst);
                Files.write(dir.resolve("f" + f), BsvModel.encode(files.get(f), in.layout()));
                names.append("f").append(f).append(random.nextBoolean() ? "\n" : " ");
            }
            ToolHarness h = new ToolHarness(in.layout(), dir);
            List<String> args = new ArrayList<>();
            if (reversed) {
                args.add("-r");
            }
            if (type != null) {
                args.add(type);
            }
            assertThat(h.run("bmerge", names.toString(), args.toArray(new String[0]))
                            .ok())
                    .isEqualTo(BsvModel.encode(heapMerge(files, reversed, order), in.layout()));
        } finally {
            deleteTree(dir);
        }
    }

    @Property(tries = 60)
    void bpartitionSendsEachRowToItsHashBucket(
            @ForAll("rows") Input in, @ForAll @IntRange(min = 1, max = 12) int n, @ForAll boolean lz4)
            throws IOException {
        Path dir = Files.createTempDirectory("bpartition");
        try {
            ToolHarness h = new ToolHarness(in.layout(), dir);
            String[] args = lz4 ? new String[] {String.valueOf(n), "p", "-l"} : new String[] {String.valueOf(n), "p"};
            String printed = h.run("bpartition", in.bsv(), args).outText();
            List<List<List<byte[]>>> buckets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                buckets.add(new ArrayList<>());
            }
            for (List<byte[]> row : in.rows()) {
                byte[] key = row.get(0);
                buckets.get(n == 1 ? 0 : Xxh3.bucket(key, 0, key.length, n)).add(row);
            }
            StringBuilder expectedNames = new StringBuilder();
            int width = String.valueOf(n).length();
            for (int i = 0; i < n; i++) {
                String name = "p_" + String.format("%0" + width + "d", i);
                Path file = dir.resolve(name);
                if (buckets.get(i).isEmpty()) {
                    assertThat(file).doesNotExist();
                    continue;
                }
                expectedNames.append(name).append('\n');
                byte[] content = Files.readAllBytes(file);
                if (lz4) {
                    content = h.run("blz4d", content).ok();
                }
                assertThat(BsvModel.decode(content)).usingRecursiveComparison().isEqualTo(buckets.get(i));
                if (n > 1) {
                    assertThat(content).isEqualTo(BsvModel.encode(buckets.get(i), in.layout()));
                }
            }
            assertThat(printed).isEqualTo(expectedNames.toString());
        } finally {
            deleteTree(dir);
        }
    }

    @Property(tries = 100)
    void blz4dUndoesBlz4ChunkForChunk(@ForAll("rows") Input in) {
        ToolHarness h = in.harness();
        byte[] framed = h.run("blz4", in.bsv()).ok();
        assertThat(h.run("blz4d", framed).ok()).isEqualTo(in.bsv());
        assertThat(h.run("csv", framed).exit()).isEqualTo(in.rows().isEmpty() ? 0 : 1);
    }

    @Property(tries = 100)
    void bheadBtailBcountrowsBsum(@ForAll("rows") Input in, @ForAll @IntRange(min = 0, max = 70) int n) {
        ToolHarness h = in.harness();
        List<List<byte[]>> rows = in.rows();
        assertThat(h.run("bhead", in.bsv(), String.valueOf(n)).ok())
                .isEqualTo(BsvModel.encode(rows.subList(0, Math.min(n, rows.size())), in.layout()));
        assertThat(h.run("btail", in.bsv(), String.valueOf(n)).ok())
                .isEqualTo(BsvModel.encode(rows.subList(Math.max(0, rows.size() - n), rows.size()), in.layout()));
        ToolHarness.Result counted = h.run("bcountrows", in.bsv());
        if (in.layout().bufferSize() < 13) {
            assertThat(counted.errText()).isEqualTo("fatal: cant write larger than BUFFER_SIZE\n");
        } else {
            byte[] count = counted.ok();
            assertThat(ByteBuffer.wrap(count, 8, 8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getLong())
                    .isEqualTo(rows.size());
        }
    }

    @Property(tries = 100)
    void bsumWrapsInTheColumnType(@ForAll("typedRows") List<Long> values) {
        List<List<byte[]>> rows = new ArrayList<>();
        long i64 = 0;
        short i16 = 0;
        for (long v : values) {
            rows.add(List.of(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(v)
                    .array()));
            i64 += v;
        }
        Layout layout = new Layout(128);
        ToolHarness h = new ToolHarness(layout);
        byte[] sum = h.run("bsum", BsvModel.encode(rows, layout), "i64").ok();
        assertThat(BsvModel.decode(sum).get(0).get(0))
                .isEqualTo(ByteBuffer.allocate(8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(i64)
                        .array());
        byte[] cut16 = h.run("bschema", BsvModel.encode(rows, layout), "2*").ok();
        for (long v : values) {
            i16 += (short) v;
        }
        byte[] sum16 = h.run("bsum", cut16, "i16").ok();
        assertThat(BsvModel.decode(sum16).get(0).get(0))
                .isEqualTo(ByteBuffer.allocate(2)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putShort(i16)
                        .array());
    }

    @Property(tries = 60)
    void bsplitCopiesChunksVerbatim(@ForAll("rows") Input in, @ForAll @IntRange(min = 1, max = 4) int perFile)
            throws IOException {
        Path dir = Files.createTempDirectory("bsplit");
        try {
            ToolHarness h = new ToolHarness(in.layout(), dir);
            String printed =
                    h.run("bsplit", in.bsv(), "s", String.valueOf(perFile)).outText();
            List<byte[]> chunks = BsvModel.chunks(in.bsv());
            int files = (chunks.size() + perFile - 1) / perFile;
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            StringBuilder names = new StringBuilder();
            for (int f = 0; f < files; f++) {
                String name = String.format("s_%010d", f);
                names.append(name).append('\n');
                byte[] content = Files.readAllBytes(dir.resolve(name));
                assertThat(BsvModel.chunks(content)).hasSizeLessThanOrEqualTo(perFile);
                all.writeBytes(content);
            }
            assertThat(printed).isEqualTo(names.toString());
            assertThat(all.toByteArray()).isEqualTo(in.bsv());
        } finally {
            deleteTree(dir);
        }
    }

    @Property(tries = 100)
    void bschemaIntegerRoundTrip(@ForAll("typedRows") List<Long> values) {
        StringBuilder csv = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (long v : values) {
            if (v == Long.MIN_VALUE || v == Long.MAX_VALUE) {
                continue;
            }
            csv.append(v)
                    .append(',')
                    .append((short) v)
                    .append(',')
                    .append(Long.toUnsignedString(v >>> 1))
                    .append('\n');
            expected.append(v)
                    .append(',')
                    .append((short) v)
                    .append(',')
                    .append(Long.toUnsignedString(v >>> 1))
                    .append('\n');
        }
        ToolHarness h = new ToolHarness(new Layout(256));
        String out = h.pipe(csv.toString(), "bsv", "bschema a:i64,a:i16,a:u64", "bschema i64:a,i16:a,u64:a", "csv");
        assertThat(out).isEqualTo(expected.length() == 0 ? "\n" : expected.toString());
    }

    @Property(tries = 200)
    void bschemaF64PrintsWhatCPrintfWould(@ForAll double v) {
        ToolHarness h = new ToolHarness();
        byte[] row = BsvModel.encode(
                List.of(List.of(ByteBuffer.allocate(8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble(v)
                        .array())),
                Layout.DEFAULT);
        String text = h.csv(h.run("bschema", row, "f64:a").ok()).strip();
        if (Double.isNaN(v)) {
            assertThat(text).isIn("nan", "-nan");
        } else if (Double.isInfinite(v)) {
            assertThat(text).isEqualTo(v > 0 ? "inf" : "-inf");
        } else {
            // 16 significant digits: reparsing is within half a unit of the 16th digit
            BigDecimal exact = new BigDecimal(v);
            BigDecimal printed = new BigDecimal(text.replace("e+", "e"));
            assertThat(printed).isEqualByComparingTo(exact.round(new MathContext(16, RoundingMode.HALF_EVEN)));
            assertThat(text).doesNotContain("E").doesNotEndWith(".");
        }
    }

    @Property(tries = 100)
    void bschemaFilterDropsRowsFailingCountOrSize(
            @ForAll("rows") Input in, @ForAll @IntRange(min = 0, max = 3) int size) {
        List<List<byte[]>> kept = in.rows().stream()
                .filter(r -> r.size() == 2 && r.get(0).length == size)
                .toList();
        ToolHarness.Result r = in.harness().run("bschema", in.bsv(), size + ",*", "--filter");
        assertThat(r.ok()).isEqualTo(BsvModel.encode(kept, in.layout()));
        int dropped = in.rows().size() - kept.size();
        assertThat(r.errText()).isEqualTo(dropped == 0 ? "" : "filtered: " + dropped + "\n");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
