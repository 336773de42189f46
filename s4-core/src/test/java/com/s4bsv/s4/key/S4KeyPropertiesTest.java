package com.s4bsv.s4.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class S4KeyPropertiesTest {

    @Property(tries = 2000)
    void anyKeyThatParsesRoundTripsToTheSameString(@ForAll("keyLike") String text) {
        S4Key key;
        try {
            key = S4Key.parse(text);
        } catch (InvalidKeyException rejected) {
            assertThat(rejected.getMessage()).startsWith("invalid key '").doesNotContain("\n");
            return;
        }
        assertThat(key.toString()).isEqualTo(text);
        assertThat(S4Key.parse(key.toString())).isEqualTo(key);
    }

    @Provide
    Arbitrary<String> keyLike() {
        Arbitrary<String> bucket = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc09.-_").ofMinLength(0).ofMaxLength(8),
                Arbitraries.strings().withChars("abcxyz").ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(0).ofMaxLength(12),
                Arbitraries.strings().withChars("ab._-%2e$();&|").ofMinLength(0).ofMaxLength(6),
                Arbitraries.of(".", "..", "%2e%2e", "x y", "a\0b", "é", "000_x"));
        Arbitrary<String> path = segment.list().ofMinSize(0).ofMaxSize(5).map(list -> String.join("/", list));
        return Combinators.combine(bucket, path).as((b, p) -> "s4://" + b + "/" + p);
    }

    @Property
    void keysWithSpacesAndShellTextAreDataThatRoundTrips(@ForAll("spaced") String text) {
        assertThat(S4Key.parse(text)).hasToString(text);
    }

    @Provide
    Arbitrary<String> spaced() {
        return Arbitraries.of(
                "s4://b/a b",
                "s4://b/ ",
                "s4://b/ lead/trail ",
                "s4://b/a\u00a0b",
                "s4://b/a\u2028b",
                "s4://b/$(rm -rf ~)",
                "s4://b/a;touch pwned ",
                "s4://b/`id` x");
    }

    @Property
    void everyHostileKeyIsRejected(@ForAll("hostile") String text) {
        assertThatThrownBy(() -> S4Key.parse(text))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageStartingWith("invalid key '");
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of(
                "s4://b/..",
                "s4://b/../x",
                "s4://b/x/..",
                "s4://b/x/../../etc/passwd",
                "s4://b/.",
                "s4://b/%2e%2e",
                "s4://b/%2E%2e/x",
                "s4://b/x/%2e",
                "s4://b/..%2fetc",
                "s4://b/a%2fb",
                "s4://b//abs",
                "/abs/path",
                "s4:///abs",
                "s4://b/x//y",
                "s4://b/a\0b",
                "s4://b/a\nb",
                "s4://b/a\rb",
                "s4://b/a\tb",
                "s4://b/\u007f",
                "s4://b/a b/../x",
                "s4://b/ /..",
                "s4://b/a b//c",
                "s4://b/x; rm -rf /",
                "s4://b/a\u001bb",
                "s4://b/a\u001fb",
                "s4://_tempfiles/x",
                "s4://_s4/eval",
                "s4://_/x",
                "s4://b/x/",
                "s4://b/" + "x".repeat(1025),
                "s4://b/" + "a/".repeat(600) + "z",
                "s4://" + "b".repeat(64) + "/x",
                "s4://B/x",
                "s4://b",
                "b/x");
    }
}
