package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.storage.MultipartUploads.OpenUpload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadsPageTest {

    private static final List<OpenUpload> UPLOADS = new ArrayList<>();

    static {
        int i = 0;
        for (String key : List.of("a", "a", "dir/x", "dir/y", "dir2/z", "b")) {
            UPLOADS.add(new OpenUpload(new S4Key("bucket", key), "id" + i, Instant.ofEpochSecond(i)));
            i++;
        }
        UPLOADS.sort(UploadListing.ORDER);
    }

    private static List<String> keys(UploadsPage page) {
        return page.uploads().stream()
                .map(u -> u.key().path() + "#" + u.uploadId())
                .toList();
    }

    @Test
    void pagesThroughEveryUploadWithBothMarkers() {
        List<String> seen = new ArrayList<>();
        String key = "";
        String id = "";
        for (int pages = 0; pages < 10; pages++) {
            UploadsPage page = UploadsPage.of(UPLOADS, "", "", key, id, 2);
            seen.addAll(keys(page));
            if (!page.truncated()) {
                break;
            }
            key = page.nextKeyMarker();
            id = page.nextUploadIdMarker();
        }
        assertThat(seen).containsExactly("a#id0", "a#id1", "b#id5", "dir/x#id2", "dir/y#id3", "dir2/z#id4");
        assertThat(keys(UploadsPage.of(UPLOADS, "", "", "a", "id0", 1000)))
                .first()
                .isEqualTo("a#id1");
        assertThat(keys(UploadsPage.of(UPLOADS, "", "", "a", "", 1000))).first().isEqualTo("b#id5");
    }

    @Test
    void prefixAndDelimiterRollUpCommonPrefixesThatCountAsOne() {
        UploadsPage page = UploadsPage.of(UPLOADS, "", "/", "", "", 4);
        assertThat(keys(page)).containsExactly("a#id0", "a#id1", "b#id5");
        assertThat(page.prefixes()).containsExactly("dir/");
        assertThat(page.truncated()).isTrue();
        assertThat(page.nextKeyMarker()).isEqualTo("dir/");
        UploadsPage rest = UploadsPage.of(UPLOADS, "", "/", page.nextKeyMarker(), page.nextUploadIdMarker(), 4);
        assertThat(keys(rest)).isEmpty();
        assertThat(rest.prefixes()).containsExactly("dir2/");
        assertThat(rest.truncated()).isFalse();

        UploadsPage under = UploadsPage.of(UPLOADS, "dir/", "/", "", "", 1000);
        assertThat(keys(under)).containsExactly("dir/x#id2", "dir/y#id3");
        assertThat(under.truncated()).isFalse();
    }
}
