package com.s4bsv.bsv.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void textIsPrintableAsciiWhitespaceOrUtf8MostlyAscii() {
        assertThat(looksLikeText("a,b\n")).isTrue();
        assertThat(looksLikeText("\t\r\n ")).isTrue();
        assertThat(looksLikeText("é,a")).isTrue();
        assertThat(Bytes.looksLikeText(new byte[] {(byte) 0xc3, (byte) 0xa9, (byte) 0xc3, 'a'}, 0, 4))
                .isFalse();
        assertThat(Bytes.looksLikeText(new byte[] {-1, -1, -1, -1}, 0, 4)).isFalse();
        assertThat(Bytes.looksLikeText(new byte[] {0x0e, 0, 0, 0}, 0, 4)).isFalse();
        assertThat(Bytes.looksLikeText(new byte[] {'a', 'b', 0, 'c'}, 0, 4)).isFalse();
        assertThat(Bytes.looksLikeText(new byte[] {0, 'a', 'b'}, 1, 2)).isTrue();
        assertThat(Bytes.looksLikeText(new byte[0], 0, 0)).isFalse();
    }

    private static boolean looksLikeText(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Bytes.looksLikeText(b, 0, b.length);
    }

    @Test
    void strcmpMatchesCOnStringsWithNulsAtAnyPosition() {
        Random random = new Random(11);
        for (int run = 0; run < 20_000; run++) {
            byte[] a = randomBytes(random);
            byte[] b = random.nextBoolean() ? a.clone() : randomBytes(random);
            if (b.length > 0 && random.nextBoolean()) {
                b[random.nextInt(b.length)] ^= 1;
            }
            int aOff = a.length == 0 ? 0 : random.nextInt(a.length);
            int bOff = b.length == 0 ? 0 : random.nextInt(b.length);
            int aLen = a.length - aOff;
            int bLen = b.length - bOff;
            assertThat(Integer.signum(Bytes.strcmp(a, aOff, aLen, b, bOff, bLen)))
                    .as("run %d", run)
                    .isEqualTo(Integer.signum(cStrcmp(a, aOff, aLen, b, bOff, bLen)));
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(40)];
        for (int i = 0; i < bytes.length; i++) {
            // mostly equal letters, so long common prefixes; now and then a NUL
            int r = random.nextInt(20);
            bytes[i] = (byte) (r == 0 ? 0 : r == 1 ? 0x80 | random.nextInt(128) : 'a' + (r & 1));
        }
        return bytes;
    }

    /** C strcmp on column bytes: a column ends at its length or its first NUL, whichever is first. */
    private static int cStrcmp(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        for (int i = 0; ; i++) {
            int x = i < aLen ? a[aOff + i] & 0xFF : 0;
            int y = i < bLen ? b[bOff + i] & 0xFF : 0;
            if (x != y || x == 0) {
                return x - y;
            }
        }
    }
}
