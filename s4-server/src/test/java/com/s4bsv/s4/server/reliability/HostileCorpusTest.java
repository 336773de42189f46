package com.s4bsv.s4.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.testing.HostileCorpus;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The corpus agrees with the key rules every surface applies: valid keys parse back to themselves, the rest fail. */
class HostileCorpusTest {

    private static final Path CANARY = Path.of("/tmp/hostile/canary.abs");

    @Test
    void everyEntryIsWellFormedAndNamedOnce() {
        List<HostileCorpus.Entry> all = HostileCorpus.load();
        Set<String> ids = new HashSet<>();
        for (HostileCorpus.Entry entry : all) {
            assertThat(ids.add(entry.id())).as("duplicate id %s", entry.id()).isTrue();
            assertThat(entry.kind()).isIn("key", "uri");
            if (!entry.isData()) {
                assertThat(entry.codes()).as(entry.id()).isNotEmpty();
            }
        }
        assertThat(HostileCorpus.keys()).hasSizeGreaterThan(60);
        assertThat(HostileCorpus.uris()).hasSizeGreaterThan(15);
    }

    @Test
    void keyRulesAcceptExactlyTheDataEntries() {
        int rejected = 0;
        int accepted = 0;
        for (HostileCorpus.Entry entry : HostileCorpus.keys()) {
            String text = entry.text("hostile", CANARY);
            if (entry.isData()) {
                assertThat(S4Key.parse(text)).as(entry.id()).hasToString(text);
                accepted++;
            } else {
                assertThatThrownBy(() -> S4Key.parse(text))
                        .as(entry.id())
                        .isInstanceOf(InvalidKeyException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r", "\0"));
                if (entry.codes().equals(Set.of("KeyTooLongError"))) {
                    assertThatThrownBy(() -> S4Key.parse(text)).hasMessageContaining("key longer than");
                }
                rejected++;
            }
        }
        System.out.printf(
                "RELIABILITY hostile: surface=key-rules inputs=%d rejected=%d accepted-as-data=%d%n",
                rejected + accepted, rejected, accepted);
    }

    @Test
    void escapesDecode() {
        assertThat(HostileCorpus.unescape("a\\0\\n\\r\\t\\\\\\x7f\\u00a0\\L3;z"))
                .isEqualTo("a\0\n\r\t\\\u007f\u00a0xxxz");
    }
}
