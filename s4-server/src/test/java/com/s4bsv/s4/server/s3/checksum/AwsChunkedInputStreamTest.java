package com.s4bsv.s4.server.s3.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedInputStreamTest {

    private static AwsChunkedInputStream of(String body) {
        return new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void decodesChunksAndTrailers() throws IOException {
        AwsChunkedInputStream in = of("5;chunk-signature=ab\r\nhello\r\n6;chunk-signature=cd\r\n world\r\n"
                + "0;chunk-signature=ef\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:00\r\n\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("hello world");
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32", "AAAAAA==");
        assertThat(in.decodedBytes()).isEqualTo(11);
    }

    @Test
    void acceptsBodyEndingRightAfterTheFinalChunk() throws IOException {
        assertThat(of("3\r\nabc\r\n0\r\n").readAllBytes()).hasSize(3);
    }

    @Test
    void rejectsBodyWithoutFinalChunk() {
        assertThatThrownBy(() -> of("3\r\nabc\r\n").readAllBytes())
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INCOMPLETE_BODY));
        assertThatThrownBy(() -> of("10\r\nabc").readAllBytes())
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INCOMPLETE_BODY));
    }

    @Test
    void rejectsChunkOverMaxSizeAndBadSizes() {
        assertThatThrownBy(() -> of("7fffffff\r\n").readAllBytes())
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.getMessage()).contains("exceeds"));
        assertThatThrownBy(() -> of("zz\r\n").readAllBytes()).isInstanceOf(S3Exception.class);
        assertThatThrownBy(() -> of("3\r\nabcX\r\n0\r\n\r\n").readAllBytes()).isInstanceOf(S3Exception.class);
    }

    @Test
    void rejectsOverlongHeaderLine() {
        assertThatThrownBy(() ->
                        of("3;" + "x".repeat(5000) + "\r\nabc\r\n0\r\n\r\n").readAllBytes())
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.getMessage()).contains("longer than"));
    }

    /** Found by AwsChunkedFuzzTest: 16 hex digits overflowed the size to -1 and read() threw IndexOutOfBounds. */
    @Test
    void rejectsAChunkSizeThatOverflowsALong() {
        assertThatThrownBy(() -> of("ffffffffffffffff\r\nabc\r\n0\r\n\r\n").readAllBytes())
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("exceeds");
                });
        assertThatThrownBy(() -> of("8000000000000000\r\n").readAllBytes()).isInstanceOf(S3Exception.class);
    }

    /** Found while writing AwsChunkedFuzzTest: distinct trailer lines were kept without limit. */
    @Test
    void rejectsEndlessTrailerLines() {
        StringBuilder body = new StringBuilder("3\r\nabc\r\n0\r\n");
        for (int i = 0; i <= AwsChunkedInputStream.MAX_TRAILERS; i++) {
            body.append("x-amz-meta-").append(i).append(":v\r\n");
        }
        assertThatThrownBy(() -> of(body + "\r\n").readAllBytes())
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.getMessage()).contains("trailer lines"));
    }
}
