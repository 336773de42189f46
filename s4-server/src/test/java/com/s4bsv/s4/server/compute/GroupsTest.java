package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.storage.StoredObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GroupsTest {

    static List<StoredObject> keys(String... paths) {
        return Stream.of(paths)
                .map(p -> new StoredObject(S4Key.parse("s4://b/" + p), 1, 0, Instant.EPOCH, Path.of("/data/b/" + p)))
                .toList();
    }

    static List<String> outputs(String... paths) {
        return Groups.of(keys(paths)).stream().map(Groups.Group::output).toList();
    }

    @Test
    void numericPartitionsFromEveryInputMeet() {
        List<Groups.Group> groups =
                Groups.of(keys("step3/00000/00000", "step3/00000/00001", "step3/00001/00000", "step3/00001/00001"));
        assertThat(groups).extracting(Groups.Group::output).containsExactly("00000", "00001");
        assertThat(groups.getFirst().inputs())
                .extracting(o -> o.key().path())
                .containsExactly("step3/00000/00000", "step3/00001/00000");
    }

    @Test
    void aSharedSuffixIsKept() {
        assertThat(outputs("may/000_key0/000_bucket0", "may/001_key1/000_bucket0", "jun/000_key0/000_bucket0"))
                .containsExactly("000_bucket0");
    }

    @Test
    void differentSuffixesAreDropped() {
        assertThat(outputs("x/000_a", "y/000_b")).containsExactly("000");
    }

    @Test
    void aMemberWithoutSuffixDropsIt() {
        assertThat(outputs("x/000_a", "y/000")).containsExactly("000");
    }

    @Test
    void theSuffixIsEverythingAfterTheFirstUnderscore() {
        assertThat(outputs("x/007_a_b", "y/007_a_b")).containsExactly("007_a_b");
    }

    @Test
    void nonNumericBasenamesAreTheirOwnGroup() {
        assertThat(outputs("a/data.txt", "b/data.txt", "c/other.txt", "d/12abc_x", "e/_foo"))
                .containsExactly("data.txt", "other.txt", "12abc_x", "_foo");
    }

    @Test
    void prefixTextIsUsedAsItIs() {
        assertThat(outputs("a/00000", "b/0", "c/0_x")).containsExactly("00000", "0");
        assertThat(Groups.of(keys("b/0", "c/0_x")).getFirst().inputs()).hasSize(2);
    }

    @Test
    void walkOrderSortsFolderEntriesByteWisePartByPart() {
        List<String> paths = new ArrayList<>(List.of("a-c", "a/b", "B", "a/a/z", "é", "z"));
        paths.sort(WalkOrder.PATHS);
        assertThat(paths).containsExactly("B", "a/a/z", "a/b", "a-c", "z", "é");
    }
}
