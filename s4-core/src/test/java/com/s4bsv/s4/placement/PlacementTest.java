package com.s4bsv.s4.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.key.S4Key;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementTest {

    // Hashes pinned with the reference C implementation: printf %s NAME | xxhsum -H3
    @ParameterizedTest
    @CsvSource({
        "asdf,     43a74511c2a27ecc, 1, 1, 12",
        "hello,    9555e8555c62dcfd, 2, 4, 13",
        "a.txt,    f01e5cbbc09d4fc4, 0, 3, 4",
        "d.txt,    db73f34b20992360, 2, 3, 0",
        "f.txt,    9b84998f74a137e7, 0, 1, 7",
        "name.txt, 16c581ff081ee556, 2, 1, 6",
        "key0.txt, 3019d927035c39b6, 0, 3, 6",
        "key1.txt, d39f286afddef6cb, 0, 0, 11",
        "key8.txt, 0d14faf97ef63319, 2, 0, 9",
        "12abc_x,  cd8d56820bed1f18, 1, 0, 8",
        "_foo,     b1bfa4e05ba6e489, 1, 3, 9",
    })
    void hashesNonNumericBasenamesWithUnsignedXxh3(String basename, String xxh3, int of3, int of5, int of16) {
        assertThat(Long.toHexString(Placement.hash(basename))).isEqualTo(xxh3.replaceFirst("^0+", ""));
        assertThat(Placement.nodeIndex(basename, 3)).isEqualTo(of3);
        assertThat(Placement.nodeIndex(basename, 5)).isEqualTo(of5);
        assertThat(Placement.nodeIndex(basename, 16)).isEqualTo(of16);
    }

    @ParameterizedTest
    @CsvSource({
        "s4://bucket/dir/000_bucket0.txt, 3, 0",
        "s4://bucket/dir/000,             3, 0",
        "s4://bucket/data_in/00005,       3, 2",
        "s4://step1/may/001_key1/000_bucket0, 3, 0",
        "s4://b/003_y,                    2, 1",
        "s4://b/99999999999999999999999_x, 7, 4",
        "s4://b/-1_x,                     3, 2",
    })
    // A sign is not part of a numeric prefix: -1_x is placed by its hash.
    void placesNumericPrefixesByValueModN(String key, int nodes, int expected) {
        assertThat(Placement.nodeIndex(S4Key.parse(key), nodes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"s4://bucket/dir/name.txt, name.txt", "s4://other/x/y/z/name.txt, name.txt"})
    void looksOnlyAtTheBasename(String key, String basename) {
        assertThat(Placement.nodeIndex(S4Key.parse(key), 7)).isEqualTo(Placement.nodeIndex(basename, 7));
    }

    @ParameterizedTest
    @CsvSource({"123, 3", "000, 3", "12_a, 2", "1_, 1", "_1, 0", "1a_2, 0", "'', 0", "+1, 0", "-1_x, 0", "٣_x, 0"})
    void numericPrefixIsAsciiDigitsBeforeTheFirstUnderscore(String basename, int length) {
        assertThat(Placement.numericPrefixLength(basename)).isEqualTo(length);
    }
}
