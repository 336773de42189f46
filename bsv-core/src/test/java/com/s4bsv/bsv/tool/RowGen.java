package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random inputs for the property tests: 1..40 columns, first columns from a tiny alphabet (so keys
 * repeat and runs form) including empty, NUL and 0xFF bytes, other columns arbitrary or long, and
 * chunk sizes from 8 bytes up; sometimes the chunk size is exactly the largest row.
 */
final class RowGen {

    private RowGen() {}

    /** Rows and the chunk size they are encoded with; every row fits a chunk. */
    record Input(Layout layout, List<List<byte[]>> rows) {

        byte[] bsv() {
            return BsvModel.encode(rows, layout);
        }

        ToolHarness harness() {
            return new ToolHarness(layout);
        }

        @Override
        public String toString() {
            return "B=" + layout.bufferSize() + " rows=" + BsvModel.text(rows);
        }
    }

    static Arbitrary<byte[]> key() {
        Arbitrary<byte[]> tiny = Arbitraries.of((byte) 'a', (byte) 'b', (byte) 0, (byte) 0xFF)
                .array(byte[].class)
                .ofMinSize(0)
                .ofMaxSize(3);
        Arbitrary<byte[]> any =
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(20);
        return Arbitraries.frequencyOf(Tuple.of(8, tiny), Tuple.of(1, any));
    }

    static Arbitrary<byte[]> column(int maxSize) {
        Arbitrary<byte[]> small = Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of((byte) 0, (byte) 0xFF))
                .array(byte[].class)
                .ofMinSize(0)
                .ofMaxSize(Math.min(12, maxSize));
        Arbitrary<byte[]> large = Arbitraries.integers().between(0, maxSize).map(n -> {
            byte[] b = new byte[n];
            new Random(n).nextBytes(b);
            return b;
        });
        return Arbitraries.frequencyOf(Tuple.of(20, small), Tuple.of(1, large));
    }

    /**
     * Rows of {@code minColumns..40} columns whose first column is a key and, when {@code second}
     * is given, whose second column comes from it.
     */
    static Arbitrary<Input> inputs(int minColumns, Arbitrary<byte[]> second, int slack) {
        Arbitrary<Integer> buffer = Arbitraries.of(8, 16, 64, 128, 1024, 70_000, 0);
        return buffer.flatMap(b -> {
            int limit = b == 0 ? 70_000 : b;
            int maxColumn = Math.min(Layout.MAX_COLUMN_BYTES / 2, limit);
            Arbitrary<List<byte[]>> rest = column(maxColumn)
                    .list()
                    .ofMinSize(Math.max(0, minColumns - 2))
                    .ofMaxSize(38);
            Arbitrary<List<byte[]>> row = Combinators.combine(key(), second, rest)
                    .as((k, s, r) -> {
                        List<byte[]> cols = new ArrayList<>();
                        cols.add(k);
                        if (minColumns >= 2 || !r.isEmpty()) {
                            cols.add(s);
                        }
                        cols.addAll(r);
                        return cols;
                    });
            return row.list().ofMaxSize(60).map(rows -> {
                int fit = b == 0
                        ? rows.stream()
                                .mapToInt(r -> BsvModel.row(r).length + slack)
                                .max()
                                .orElse(8)
                        : b;
                Layout layout = new Layout(Math.max(8, fit));
                return new Input(
                        layout,
                        rows.stream()
                                .filter(r -> BsvModel.row(r).length + slack <= layout.bufferSize())
                                .toList());
            });
        });
    }

    static Arbitrary<Input> inputs() {
        return inputs(1, column(64), 0);
    }

    static byte[] i64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static long i64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static double f64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getDouble();
    }

    static byte[] f64(double v) {
        return ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(v)
                .array();
    }

    /** The column as C string functions see it: up to the first NUL. */
    static byte[] cstr(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return Arrays.copyOf(b, i);
            }
        }
        return b;
    }

    /** C strcmp sign of two columns. */
    static int strcmp(byte[] a, byte[] b) {
        return Integer.signum(Arrays.compareUnsigned(cstr(a), cstr(b)));
    }
}
