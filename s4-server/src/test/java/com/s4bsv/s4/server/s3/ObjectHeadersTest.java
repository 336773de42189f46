package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ObjectHeadersTest {

    @Test
    void keepsTheStandardHeadersAndLowercasedUserMetadataButNotAwsChunked() {
        var request = new MockHttpServletRequest("PUT", "/b/k");
        request.addHeader("Content-Type", "text/csv");
        request.addHeader("Content-Encoding", "aws-chunked,gzip");
        request.addHeader("Cache-Control", "no-cache");
        request.addHeader("X-Amz-Meta-Color", "blue");
        request.addHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        assertThat(ObjectHeaders.of(request))
                .containsExactly(
                        entry("Content-Type", "text/csv"),
                        entry("Content-Encoding", "gzip"),
                        entry("Cache-Control", "no-cache"),
                        entry("x-amz-meta-color", "blue"));

        var chunkedOnly = new MockHttpServletRequest("PUT", "/b/k");
        chunkedOnly.addHeader("Content-Encoding", "aws-chunked");
        assertThat(ObjectHeaders.of(chunkedOnly)).isEmpty();
    }

    @Test
    void nonAsciiMetadataArrivesRawOrRfc2047AndLeavesRfc2047() {
        String raw = new String("caf\u00e9 \u263a".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(ObjectHeaders.text(raw)).isEqualTo("caf\u00e9 \u263a");
        assertThat(ObjectHeaders.text("=?UTF-8?B?Y2Fmw6kg4pi6?=")).isEqualTo("caf\u00e9 \u263a");
        assertThat(ObjectHeaders.text("=?utf-8?Q?caf=C3=A9_x?=")).isEqualTo("caf\u00e9 x");
        assertThat(ObjectHeaders.text("plain")).isEqualTo("plain");
        assertThat(ObjectHeaders.text("latin \u00e9 only")).isEqualTo("latin \u00e9 only");
        assertThat(ObjectHeaders.mailSafe("caf\u00e9 \u263a")).isEqualTo("=?UTF-8?B?Y2Fmw6kg4pi6?=");
        assertThat(ObjectHeaders.mailSafe("ascii ok")).isEqualTo("ascii ok");
    }

    @Test
    void userMetadataOverTwoKibIsMetadataTooLarge() {
        var request = new MockHttpServletRequest("PUT", "/b/k");
        request.addHeader("x-amz-meta-a", "x".repeat(2047));
        assertThat(ObjectHeaders.of(request)).hasSize(1);
        request.addHeader("x-amz-meta-b", "");
        assertThatThrownBy(() -> ObjectHeaders.of(request))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.METADATA_TOO_LARGE));
    }

    @Test
    void responseOverridesWinOverWhatWasKept() {
        var request = new MockHttpServletRequest("GET", "/b/k");
        request.addParameter("response-content-type", "text/html");
        request.addParameter("response-content-disposition", "attachment; filename=x.html");
        var response = new MockHttpServletResponse();
        ObjectHeaders.apply(Map.of("Content-Type", "text/plain", "x-amz-meta-n", "\u00e9"), request, response);
        assertThat(response.getContentType()).isEqualTo("text/html");
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=x.html");
        assertThat(response.getHeader("x-amz-meta-n")).isEqualTo("=?UTF-8?B?w6k=?=");
    }
}
