package com.s4bsv.bsv.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.openhft.hashing.LongHashFunction;
import org.junit.jupiter.api.Test;

class Xxh3StreamTest {

    private static byte[] seq(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; sb.length() < n; i++) {
            sb.append(i).append('\n');
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    private static long stream(byte[] data, int piece) {
        Xxh3Stream s = new Xxh3Stream();
        for (int off = 0; off < data.length; off += piece) {
            s.update(data, off, Math.min(piece, data.length - off));
        }
        return s.digest();
    }

    @Test
    void matchesTheSpecVectors() {
        int[] lengths = {0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 1024, 1025, 5000, 100000, 5242880, 6000000};
        String[] hashes = {
            "2d06800538d394c2",
            "65cd25028f98f158",
            "711feef9a9694b1e",
            "9dc5cef91ba42b84",
            "2ee5cf406d90787f",
            "5fec59327aaf2b1f",
            "2382b5e320f88ac4",
            "fae2d8f00bb80c34",
            "78181098be2d8bb9",
            "d48a37d7bd0acece",
            "01c55b886d48dbd6",
            "a53936416c647993",
            "ee1108837e8f018d",
            "a07198324302df67",
            "780ee2acf4c7afe7",
            "8a135c87b05c20cc",
            "268bacc2538d9206",
            "b75e9234ee8278dd"
        };
        byte[] all = seq(6000000);
        for (int i = 0; i < lengths.length; i++) {
            byte[] data = Arrays.copyOf(all, lengths[i]);
            assertThat(String.format("%016x", stream(data, 65536)))
                    .as("length %d", lengths[i])
                    .isEqualTo(hashes[i]);
            assertThat(String.format("%016x", stream(data, 7)))
                    .as("length %d", lengths[i])
                    .isEqualTo(hashes[i]);
        }
    }

    @Property(tries = 200)
    void matchesTheOneShotHashForAnyLengthAndPieces(
            @ForAll @IntRange(min = 0, max = 140_000) int length, @ForAll @IntRange(min = 1, max = 70_000) int piece) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        assertThat(stream(data, piece)).isEqualTo(LongHashFunction.xx3().hashBytes(data));
    }
}
