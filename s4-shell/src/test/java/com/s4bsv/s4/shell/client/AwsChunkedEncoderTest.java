package com.s4bsv.s4.shell.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.checksum.StreamingChecksum;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsChunkedEncoderTest {

    record Decoded(byte[] data, String trailer, int chunks) {}

    /** A strict decoder: hex size CRLF data CRLF ... 0 CRLF trailer CRLF CRLF, nothing after. */
    static Decoded decode(byte[] body) {
        var data = new ByteArrayOutputStream();
        int pos = 0;
        int chunks = 0;
        while (true) {
            int eol = indexOfCrlf(body, pos);
            int size = Integer.parseInt(new String(body, pos, eol - pos, StandardCharsets.US_ASCII), 16);
            pos = eol + 2;
            if (size == 0) {
                break;
            }
            data.write(body, pos, size);
            pos += size;
            assertThat(body[pos]).isEqualTo((byte) '\r');
            assertThat(body[pos + 1]).isEqualTo((byte) '\n');
            pos += 2;
            chunks++;
        }
        int eol = indexOfCrlf(body, pos);
        String trailer = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
        assertThat(body.length).isEqualTo(eol + 4);
        assertThat(new String(body, eol, 4, StandardCharsets.US_ASCII)).isEqualTo("\r\n\r\n");
        return new Decoded(data.toByteArray(), trailer, chunks);
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no CRLF after " + from);
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                0,
                1,
                AwsChunkedEncoder.CHUNK - 1,
                AwsChunkedEncoder.CHUNK,
                AwsChunkedEncoder.CHUNK + 1,
                3 * AwsChunkedEncoder.CHUNK + 17
            })
    void encodesAnyLengthWithTheCrc32cTrailer(int length) throws IOException {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        var encoder = new AwsChunkedEncoder(new ByteArrayInputStream(data), Progress.NONE);

        Decoded decoded = decode(encoder.readAllBytes());

        assertThat(decoded.data()).isEqualTo(data);
        assertThat(decoded.chunks()).isEqualTo((length + AwsChunkedEncoder.CHUNK - 1) / AwsChunkedEncoder.CHUNK);
        assertThat(decoded.trailer())
                .isEqualTo("x-amz-checksum-crc32c:"
                        + new StreamingChecksum().update(data, 0, length).base64());
        assertThat(encoder.bytes()).isEqualTo(length);
    }
}
