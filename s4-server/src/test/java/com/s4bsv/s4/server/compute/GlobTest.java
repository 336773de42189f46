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
    @CsvSource(
            delimiter = '|',
            value = {
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

    @Test
    void aClassAloneMakesAGlob() {
        assertThat(Glob.split("s4://job/in/00[01]_n.txt")).isEqualTo(new Glob("s4://job/in/", "00[01]_n.txt"));
        assertThat(Glob.split("s4://job/in/00[01]_n.txt").matches("001_n.txt")).isTrue();
        assertThat(Glob.split("s4://job/in/00[01]_n.txt").matches("002_n.txt")).isFalse();
    }

    /** The test vectors of Go's path.Match (src/path/match_test.go); BAD: ErrBadPattern. */
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "abc|abc|true",
                "*|abc|true",
                "*c|abc|true",
                "a*|a|true",
                "a*|abc|true",
                "a*|ab/c|false",
                "a*/b|abc/b|true",
                "a*/b|a/c/b|false",
                "a*b*c*d*e*/f|axbxcxdxe/f|true",
                "a*b*c*d*e*/f|axbxcxdxexxx/f|true",
                "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
                "a*b*c*d*e*/f|axbxcxdxexxx/fff|false",
                "a*b?c*x|abxbbxdbxebxczzx|true",
                "a*b?c*x|abxbbxdbxebxczzy|false",
                "ab[c]|abc|true",
                "ab[b-d]|abc|true",
                "ab[e-g]|abc|false",
                "ab[^c]|abc|false",
                "ab[^b-d]|abc|false",
                "ab[^e-g]|abc|true",
                "a\\*b|a*b|true",
                "a\\*b|ab|false",
                "a?b|a☺b|true",
                "a[^a]b|a☺b|true",
                "a???b|a☺b|false",
                "a[^a][^a][^a]b|a☺b|false",
                "[a-ζ]*|α|true",
                "*[a-ζ]|A|false",
                "a?b|a/b|false",
                "a*b|a/b|false",
                "[\\]a]|]|true",
                "[\\-]|-|true",
                "[x\\-]|x|true",
                "[x\\-]|-|true",
                "[x\\-]|z|false",
                "[\\-x]|x|true",
                "[\\-x]|-|true",
                "[\\-x]|a|false",
                "[]a]|]|BAD",
                "[-]|-|BAD",
                "[x-]|x|BAD",
                "[x-]|-|BAD",
                "[x-]|z|BAD",
                "[-x]|x|BAD",
                "[-x]|-|BAD",
                "[-x]|a|BAD",
                "\\|a|BAD",
                "[a-b-c]|a|BAD",
                "[|a|BAD",
                "[^|a|BAD",
                "[^bc|a|BAD",
                "a[|a|BAD",
                "a[|ab|BAD",
                "a[|x|BAD",
                "a/b[|x|BAD",
                "*x|xxx|true",
            })
    void matchesLikeGoPathMatch(String pattern, String name, String expected) {
        if (expected.equals("BAD")) {
            assertThatThrownBy(() -> Glob.check(pattern))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("syntax error in pattern");
        } else {
            Glob.check(pattern);
            assertThat(Glob.match(pattern, name)).isEqualTo(Boolean.parseBoolean(expected));
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "s4://b/in/[*",
                "s4://b/in/*[",
                "s4://b/in/*\\",
                "s4://b/in/[]*",
                "s4://b/in/*[a-]",
                "s4://b/in/*[-a]",
                "s4://b/in/*/[z"
            })
    void rejectsMalformedPatterns(String indir) {
        assertThatThrownBy(() -> Glob.split(indir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syntax error in pattern");
    }
}
