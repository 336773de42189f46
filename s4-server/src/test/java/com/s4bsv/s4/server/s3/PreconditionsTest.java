package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreconditionsTest {

    private static final String ETAG = "\"abc-1\"";
    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final String BEFORE = "Fri, 02 Jan 2026 03:04:04 GMT";
    private static final String SAME_SECOND = "Fri, 02 Jan 2026 03:04:05 GMT";
    private static final String AFTER = "Fri, 02 Jan 2026 03:04:06 GMT";

    private static Preconditions.Outcome check(String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return Preconditions.check(map::get, "", ETAG, MODIFIED);
    }

    private static void fails(String condition, String... headers) {
        assertThatThrownBy(() -> check(headers)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.error()).isEqualTo(S3Error.PRECONDITION_FAILED);
            assertThat(e.extra()).containsEntry("Condition", condition);
        });
    }

    @Test
    void modifiedSinceComparesWholeSecondsAsTheLastModifiedHeaderShowsThem() {
        assertThat(check("If-Modified-Since", BEFORE)).isEqualTo(Preconditions.Outcome.PROCEED);
        assertThat(check("If-Modified-Since", SAME_SECOND)).isEqualTo(Preconditions.Outcome.NOT_MODIFIED);
        assertThat(check("If-Modified-Since", AFTER)).isEqualTo(Preconditions.Outcome.NOT_MODIFIED);
        assertThat(check("If-Unmodified-Since", SAME_SECOND)).isEqualTo(Preconditions.Outcome.PROCEED);
        fails("If-Unmodified-Since", "If-Unmodified-Since", BEFORE);
    }

    @Test
    void etagConditionsWinOverDateConditions() {
        assertThat(check("If-Match", ETAG, "If-Unmodified-Since", BEFORE)).isEqualTo(Preconditions.Outcome.PROCEED);
        fails("If-Match", "If-Match", "\"other\"", "If-Unmodified-Since", AFTER);
        assertThat(check("If-None-Match", ETAG, "If-Modified-Since", BEFORE))
                .isEqualTo(Preconditions.Outcome.NOT_MODIFIED);
        assertThat(check("If-None-Match", "\"other\"", "If-Modified-Since", AFTER))
                .isEqualTo(Preconditions.Outcome.PROCEED);
        fails("If-Match", "If-Match", "\"other\"", "If-None-Match", ETAG);
    }

    @Test
    void unparsableDatesAreIgnoredAndEtagListsAndStarMatch() {
        assertThat(check("If-Modified-Since", "yesterday", "If-Unmodified-Since", "0"))
                .isEqualTo(Preconditions.Outcome.PROCEED);
        assertThat(check("If-Match", "\"x\", " + ETAG)).isEqualTo(Preconditions.Outcome.PROCEED);
        assertThat(check("If-None-Match", "*")).isEqualTo(Preconditions.Outcome.NOT_MODIFIED);
        assertThat(check("If-Match", "abc-1")).isEqualTo(Preconditions.Outcome.PROCEED);
    }

    @Test
    void copySourceConditionsUseTheirPrefix() {
        assertThatThrownBy(() -> Preconditions.check(
                        Map.of("x-amz-copy-source-If-Match", "\"no\"")::get, "x-amz-copy-source-", ETAG, MODIFIED))
                .isInstanceOf(S3Exception.class);
        assertThat(Preconditions.check(Map.of("If-Match", "\"no\"")::get, "x-amz-copy-source-", ETAG, MODIFIED))
                .isEqualTo(Preconditions.Outcome.PROCEED);
    }
}
