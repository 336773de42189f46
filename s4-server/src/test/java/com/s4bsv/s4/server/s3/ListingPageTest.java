package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.cluster.ListingEntry;
import com.s4bsv.s4.server.cluster.ListingPage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingPageTest {

    private static ListingEntry key(String name) {
        return new ListingEntry(name, false, 1, "\"e\"", Instant.EPOCH);
    }

    @Test
    void mergesInKeyOrderDeduplicatesPrefixesAndCuts() {
        var a = new ListingPage(List.of(key("a"), ListingEntry.prefix("d/"), key("x")), false);
        var b = new ListingPage(List.of(key("b"), ListingEntry.prefix("d/"), key("\u00e9")), false);
        var c = new ListingPage(List.of(key("c")), true);

        ListingPage all = ListingPage.merge(List.of(a, b, c), 10);
        assertThat(all.entries()).extracting(ListingEntry::name).containsExactly("a", "b", "c", "d/", "x", "\u00e9");
        assertThat(all.truncated()).isTrue();

        ListingPage cut = ListingPage.merge(List.of(a, b), 3);
        assertThat(cut.entries()).extracting(ListingEntry::name).containsExactly("a", "b", "d/");
        assertThat(cut.truncated()).isTrue();
        assertThat(ListingPage.merge(List.of(a, b), 6).truncated()).isFalse();
    }

    @Test
    void resumeTokensRoundTripAndSkipWholeGroups() {
        var group = new Resume("dir/", true);
        assertThat(Resume.ofToken(group.token())).isEqualTo(group);
        assertThat(group.skips("dir/x")).isTrue();
        assertThat(group.skips("dir0")).isFalse();
        var key = new Resume("dir/", false);
        assertThat(key.skips("dir/x")).isFalse();
        assertThat(key.skips("dir/")).isTrue();
    }
}
