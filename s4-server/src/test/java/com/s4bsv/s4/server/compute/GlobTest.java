package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @Test
    void splitsLikeTheLibTestVectors() {
        assertThat(Glob.split("s4://dir1/dir2/")).isEqualTo(new Glob("s4://dir1/dir2/", null));
        assertThat(Glob.split("s4://dir1/dir2/*")).isEqualTo(new Glob("s4://dir1/dir2/", "*"));
        assertThat(Glob.split("s4://dir1/dir2/*/*")).isEqualTo(new Glob("s4://dir1/dir2/", "*/*"));
        assertThat(Glob.split("s4://dir1/dir2/*/*_1")).isEqualTo(new Glob("s4://dir1/dir2/", "*/*_1"));
    }

    @Test
    void splitsAtTheFirstPartWithAStarEvenMidName() {
        assertThat(Glob.split("s4://b/data_in/*4")).isEqualTo(new Glob("s4://b/data_in/", "*4"));
        assertThat(Glob.split("s4://b/a/x*y/c")).isEqualTo(new Glob("s4://b/a/", "x*y/c"));
        assertThat(Glob.split("s4://b/a/?/*")).isEqualTo(new Glob("s4://b/a/?/", "*"));
    }

    @Test
    void withoutAGlobEveryKeyUnderTheBaseMatches() {
        Glob glob = Glob.split("s4://b/dir/");
        assertThat(glob.matches("x")).isTrue();
        assertThat(glob.matches("deep/er/x")).isTrue();
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "*|00004|true",
            "*4|00004|true",
            "*4|00003|false",
            "*|a/b|false",
            "*/*|a/b|true",
            "*/*|a|false",
            "*/*_1|00003/000_1|true",
            "*/*_1|00003/000_2|false",
            "*/*_1|00003/x/000_1|false",
            "?|a|true",
            "?|ab|false",
            "?|/|false",
            "a?c|a/c|false",
            "[abc]|b|true",
            "[abc]|d|false",
            "[^abc]|d|true",
            "[^abc]|a|false",
            "[a-c]x|bx|true",
            "[a-c]x|dx|false",
            "[^a-c]|/|false",
            "\\*|*|true",
            "\\*|a|false",
            "a\\?|a?|true",
            "[\\]]|]|true",
            "[\\-]|-|true",
            "**|abc|true",
            "*.txt|a.txt|true",
            "*.txt|a.txt.gz|false",
            "x*|x|true",
            "*x*|axb|true",
            "*x*|ab|false",
            "*_*|000_bucket0|true",
            "é?|éa|true",
    })
    void matchesLikeShellPatterns(String pattern, String name, boolean expected) {
        assertThat(Glob.match(pattern, name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"s4://b/in/[*", "s4://b/in/*[", "s4://b/in/*\\", "s4://b/in/[]*",
            "s4://b/in/*[a-]", "s4://b/in/*[-a]", "s4://b/in/*/[z"})
    void rejectsMalformedPatterns(String indir) {
        assertThatThrownBy(() -> Glob.split(indir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syntax error in pattern");
    }
}
