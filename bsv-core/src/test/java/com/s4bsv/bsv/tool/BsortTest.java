package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * bsort on first columns that share their first 8 bytes (the radix key), so the order is settled by the strcmp of
 * the rest read from the sort arena: rows of varying column counts and sizes, both directions, many chunks.
 */
class BsortTest {

    @Property(tries = 60)
    void rowsTiedOnTheRadixKeyAreOrderedByStrcmpStably(
            @ForAll long seed, @ForAll boolean reversed, @ForAll @IntRange(min = 0, max = 400) int count) {
        Random random = new Random(seed);
        assertSortedLikeTimsort(random, reversed, count, () -> {
            StringBuilder key = new StringBuilder("samekey_");
            int suffix = random.nextInt(4);
            for (int j = 0; j < suffix; j++) {
                key.append((char) ('a' + random.nextInt(3)));
            }
            return key.toString().getBytes(StandardCharsets.US_ASCII);
        });
    }

    /** Long shared prefixes (several 8-byte keys deep), keys ending inside or at a key's border, NULs inside. */
    @Property(tries = 60)
    void rowsTiedPastManyKeysAreOrderedByStrcmpStably(
            @ForAll long seed, @ForAll boolean reversed, @ForAll @IntRange(min = 0, max = 1500) int count) {
        Random random = new Random(seed);
        String[] prefixes = {"2024-01-", "2024-01-0", "path/to/some/file/", "x".repeat(8 * 20), ""};
        assertSortedLikeTimsort(random, reversed, count, () -> {
            StringBuilder key = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int suffix = random.nextInt(24);
            for (int j = 0; j < suffix; j++) {
                int pick = random.nextInt(40);
                key.append(pick == 0 ? '\0' : (char) ('a' + pick % 3));
            }
            return key.toString().getBytes(StandardCharsets.ISO_8859_1);
        });
    }

    private static void assertSortedLikeTimsort(
            Random random, boolean reversed, int count, Supplier<byte[]> firstColumn) {
        List<List<byte[]>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<byte[]> row = new ArrayList<>();
            row.add(firstColumn.get());
            for (int c = random.nextInt(4); c > 0; c--) {
                row.add(new byte[random.nextInt(12)]);
            }
            row.add(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
            rows.add(row);
        }
        Comparator<List<byte[]>> byFirst =
                (x, y) -> Integer.signum(Bytes.strcmp(x.get(0), 0, x.get(0).length, y.get(0), 0, y.get(0).length));
        List<List<byte[]>> expected = new ArrayList<>(rows);
        expected.sort(reversed ? byFirst.reversed() : byFirst);
        Layout layout = new Layout(256);
        String[] args = reversed ? new String[] {"-r"} : new String[0];
        assertThat(new ToolHarness(layout)
                        .run("bsort", BsvModel.encode(rows, layout), args)
                        .ok())
                .isEqualTo(BsvModel.encode(expected, layout));
    }
}
