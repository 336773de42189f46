package com.s4bsv.s4.shell.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.checksum.StreamingChecksum;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsChunkedBodyTest {

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

    /** What the upload writes for {@code data}: each chunk framed in place in one buffer, then the end. */
    static byte[] encode(byte[] data, int chunk, boolean httpChunked) {
        var body = new AwsChunkedBody(httpChunked);
        var out = new ByteArrayOutputStream();
        ByteBuffer buffer = AwsChunkedBody.buffer(chunk);
        for (int at = 0; at < data.length; at += chunk) {
            AwsChunkedBody.clear(buffer, chunk);
            buffer.put(data, at, Math.min(chunk, data.length - at));
            body.frame(buffer);
            byte[] frame = new byte[buffer.remaining()];
            buffer.get(frame);
            out.writeBytes(frame);
        }
        out.writeBytes(
                body.end(new StreamingChecksum().update(data, 0, data.length).base64())
                        .array());
        return out.toByteArray();
    }

    /** Undoes HTTP chunking (hex size CRLF data CRLF ... 0 CRLF CRLF), strictly. */
    static byte[] dechunk(byte[] body) {
        var out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int eol = indexOfCrlf(body, pos);
            int size = Integer.parseInt(new String(body, pos, eol - pos, StandardCharsets.US_ASCII), 16);
            pos = eol + 2;
            if (size == 0) {
                assertThat(body.length).isEqualTo(pos + 2);
                return out.toByteArray();
            }
            out.write(body, pos, size);
            pos += size;
            assertThat(new String(body, pos, 2, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
            pos += 2;
        }
    }

    private static final int CHUNK = 1000;

    @ParameterizedTest
    @ValueSource(ints = {1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17, 70_000})
    void framesAnyLengthWithTheCrc32cTrailerAndPredictsItsLength(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);

        byte[] encoded = encode(data, CHUNK, false);
        Decoded decoded = decode(encoded);

        assertThat(decoded.data()).isEqualTo(data);
        assertThat(decoded.chunks()).isEqualTo((length + CHUNK - 1) / CHUNK);
        assertThat(decoded.trailer())
                .isEqualTo("x-amz-checksum-crc32c:"
                        + new StreamingChecksum().update(data, 0, length).base64());
        assertThat(AwsChunkedBody.encodedLength(length, CHUNK)).isEqualTo(encoded.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, CHUNK, 3 * CHUNK + 17})
    void eachFrameIsOneHttpChunkWhenTheLengthIsUnknown(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);

        byte[] encoded = encode(data, CHUNK, true);

        assertThat(decode(dechunk(encoded)).data()).isEqualTo(data);
        assertThat(new String(encoded, 0, 10, StandardCharsets.US_ASCII))
                .startsWith(Integer.toHexString(
                                Integer.toHexString(Math.min(CHUNK, length)).length() + 4 + Math.min(CHUNK, length))
                        + "\r\n");
    }

    @Test
    void theLargestChunkFitsTheRoomAroundIt() {
        byte[] data = new byte[Uploads.CHUNK];
        var body = new AwsChunkedBody(true);
        ByteBuffer buffer = AwsChunkedBody.buffer(Uploads.CHUNK);
        buffer.put(data);
        body.frame(buffer);
        assertThat(buffer.remaining()).isEqualTo(Uploads.CHUNK + "100000\r\n\r\n".length() + "100008\r\n\r\n".length());
    }
}
