package com.s4bsv.s4.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S4KeyTest {

    @Test
    void parsesBucketPathAndBasename() {
        S4Key key = S4Key.parse("s4://bucket/dir/000_bucket0.txt");
        assertThat(key.bucket()).isEqualTo("bucket");
        assertThat(key.path()).isEqualTo("dir/000_bucket0.txt");
        assertThat(key.basename()).isEqualTo("000_bucket0.txt");
        assertThat(key).hasToString("s4://bucket/dir/000_bucket0.txt");
    }

    @Test
    void acceptsShellMetacharactersAsPlainData() {
        assertThat(S4Key.parse("s4://b/$(id)").path()).isEqualTo("$(id)");
        assertThat(S4Key.parse("s4://b/a;b&c|d").basename()).isEqualTo("a;b&c|d");
        assertThat(S4Key.parse("s4://b/data.xxh").basename()).isEqualTo("data.xxh");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "bucket/key           | missing s4:// prefix",
                "s4://bucket          | missing key path after the bucket",
                "s4://bucket/         | missing key path after the bucket",
                "s4:///key            | missing bucket name",
                "s4://_tempfiles/x    | reserved",
                "s4://Bucket/x        | lowercase",
                "s4://b/dir/          | got directory",
                "s4://b/a//c          | empty path segment",
                "s4://b//abs          | empty path segment",
                "s4://b/../etc/passwd | '..' segments",
                "s4://b/a/./c         | '..' segments",
                "s4://b/%2e%2e/x      | percent-encoded",
                "s4://b/a%2Fb         | percent-encoded '/'",
                "\"s4://b/ /../x\"      | '..' segments",
            })
    void rejectsWithAMessageNamingTheKeyAndTheRule(String text, String rule) {
        assertThatThrownBy(() -> S4Key.parse(text))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageStartingWith("invalid key '" + text + "'")
                .hasMessageContaining(rule);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a b",
                " lead",
                "trail ",
                " ",
                "dir with space/x y/ z ",
                "$(touch canary) y",
                "x;y",
                "nbsp\u00a0here",
                "line\u2028sep",
                "c1\u0085next",
                "ideographic\u3000space"
            })
    void acceptsSpacesAndOtherWhitespaceAsS3Does(String path) {
        S4Key key = S4Key.parse("s4://b/" + path);
        assertThat(key.path()).isEqualTo(path);
        assertThat(key).hasToString("s4://b/" + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0001b", "a\tb", "a\nb", "a\rb", "a\u001bb", "a\u001fb", "a\u007fb"})
    void refusesEveryC0ControlCharacterAndDel(String path) {
        assertThatThrownBy(() -> S4Key.parse("s4://b/" + path))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageEndingWith("control character at offset 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r", "\t", "\u0000"));
    }

    @Test
    void showsControlCharactersEscapedInTheOneLineMessage() {
        assertThatThrownBy(() -> S4Key.parse("s4://b/a\nb\0"))
                .hasMessage("invalid key 's4://b/a\\nb\\x00': control character at offset 1");
    }

    @Test
    void limitsTheKeyTo1024Bytes() {
        String ok = ("x".repeat(200) + "/").repeat(4) + "x".repeat(220);
        assertThat(S4Key.parse("s4://b/" + ok).path()).hasSize(1024);
        assertThatThrownBy(() -> S4Key.parse("s4://b/" + "é".repeat(513)))
                .hasMessageContaining("key longer than 1024 bytes")
                .hasMessageContaining("(520 chars)");
    }

    @Test
    void limitsEachSegmentTo255BytesTheLongestFileName() {
        assertThat(S4Key.parse("s4://b/d/" + "x".repeat(255)).basename()).hasSize(255);
        assertThatThrownBy(() -> S4Key.parse("s4://b/" + "x".repeat(256) + "/k"))
                .hasMessageContaining("key longer than 255 bytes in one path segment");
        assertThatThrownBy(() -> S4Key.parse("s4://b/d/" + "é".repeat(128)))
                .hasMessageContaining("key longer than 255 bytes in one path segment");
    }

    @Test
    void prefixesMayBeBucketsDirectoriesOrPartialNames() {
        assertThat(S4Prefix.parse("s4://")).isEqualTo(new S4Prefix("", ""));
        assertThat(S4Prefix.parse("s4://bucket")).isEqualTo(new S4Prefix("bucket", ""));
        assertThat(S4Prefix.parse("s4://bucket/dir/")).isEqualTo(new S4Prefix("bucket", "dir/"));
        assertThat(S4Prefix.parse("s4://bucket/dir/pa")).hasToString("s4://bucket/dir/pa");
        assertThatThrownBy(() -> S4Prefix.parse("s4://bucket/../")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> S4Prefix.parse("s4:///x")).hasMessageContaining("missing bucket name");
    }
}
