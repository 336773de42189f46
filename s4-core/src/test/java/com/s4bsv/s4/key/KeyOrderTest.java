package com.s4bsv.s4.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    @Test
    void sortsByCodePointNotByUtf16Unit() {
        // U+FF61 sorts before U+1F600 in UTF-8 bytes, though its UTF-16 unit is larger than the surrogate's.
        List<String> keys = new ArrayList<>(List.of("\uD83D\uDE00", "\uFF61", "a", "a/b", "a-b", ""));
        keys.sort(KeyOrder.CODE_POINTS);
        assertThat(keys).containsExactly("", "a", "a-b", "a/b", "\uFF61", "\uD83D\uDE00");
    }

    @Property
    void agreesWithUnsignedUtf8ByteOrder(@ForAll String a, @ForAll String b) {
        if (!isWellFormed(a) || !isWellFormed(b)) {
            return;
        }
        int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.signum(KeyOrder.compare(a, b))).isEqualTo(Integer.signum(bytes));
    }

    private static boolean isWellFormed(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }
}
