package com.s4bsv.bsv.collections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RadixSortTest {

    @Test
    void ordersUnsignedAndKeepsEqualKeysInIndexOrder() {
        Random random = new Random(7);
        long[] keys = new long[5000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextInt(4) == 0 ? -random.nextInt(50) : random.nextInt(50);
        }
        assertThat(RadixSort.sort(keys, keys.length)).containsExactly(reference(keys));
    }

    @Test
    void sortedInputWithTiesAndUnsignedHighKeysIsLeftAsIs() {
        long[] keys = {0, 0, 1, 5, 5, 5, Long.MAX_VALUE, Long.MIN_VALUE, -1, -1};
        assertThat(RadixSort.sort(keys, keys.length))
                .containsExactly(IntStream.range(0, keys.length).toArray());
    }

    @Test
    void aSingleStepDownIsSorted() {
        long[] keys = {1, 2, 3, 4, -1, 5, 6};
        assertThat(RadixSort.sort(keys, keys.length)).containsExactly(reference(keys));
        assertThat(RadixSort.sort(keys, keys.length)).containsExactly(0, 1, 2, 3, 5, 6, 4);
    }

    private static int[] reference(long[] keys) {
        return IntStream.range(0, keys.length)
                .boxed()
                .sorted(Comparator.comparing((Integer i) -> keys[i], Long::compareUnsigned))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
