package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.wire.Wire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The framing of an unsigned {@code aws-chunked} body with the CRC32C in the trailer, laid around data that already
 * sits in a buffer: the chunk's header goes into the room left before the data and CRLF after it, so the data is
 * never copied. With {@code httpChunked} (length unknown, {@code Transfer-Encoding: chunked}) each aws-chunked frame
 * is also one HTTP chunk.
 *
 * <pre>
 * hex(size) CRLF data CRLF   (repeated, size &gt; 0)
 * 0 CRLF
 * x-amz-checksum-crc32c:BASE64 CRLF
 * CRLF
 * </pre>
 */
final class AwsChunkedBody {

    /** Room before the data: an HTTP chunk header and an aws-chunked header, 8 hex digits each with CRLF. */
    static final int HEAD_ROOM = 32;
    /** Room after the data: CRLF of the aws chunk, CRLF of the HTTP chunk. */
    static final int TAIL_ROOM = 4;

    private static final int BASE64_CRC32C = 8;

    private final boolean httpChunked;

    AwsChunkedBody(boolean httpChunked) {
        this.httpChunked = httpChunked;
    }

    /** A buffer for chunks of up to {@code chunk} bytes, positioned for the first one. */
    static ByteBuffer buffer(int chunk) {
        return ByteBuffer.allocateDirect(HEAD_ROOM + chunk + TAIL_ROOM)
                .position(HEAD_ROOM)
                .limit(HEAD_ROOM + chunk);
    }

    /** Prepares {@code buffer} to receive the next chunk's data at {@link #HEAD_ROOM}, up to {@code chunk} bytes. */
    static void clear(ByteBuffer buffer, int chunk) {
        buffer.clear().position(HEAD_ROOM).limit(HEAD_ROOM + chunk);
    }

    /**
     * Frames the data in {@code buffer} between {@link #HEAD_ROOM} and its position: afterwards position and limit
     * span the whole frame, ready to be written.
     */
    void frame(ByteBuffer buffer) {
        int size = buffer.position() - HEAD_ROOM;
        byte[] aws = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int start = HEAD_ROOM - aws.length;
        buffer.limit(buffer.capacity());
        buffer.put(start, aws);
        int end = HEAD_ROOM + size;
        buffer.put(end++, (byte) '\r').put(end++, (byte) '\n');
        if (httpChunked) {
            byte[] http = (Integer.toHexString(end - start) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            start -= http.length;
            buffer.put(start, http);
            buffer.put(end++, (byte) '\r').put(end++, (byte) '\n');
        }
        buffer.limit(end).position(start);
    }

    /** The last chunk and the trailer (and with HTTP chunking, the end of the HTTP body). */
    ByteBuffer end(String crc32cBase64) {
        String aws = "0\r\n" + Wire.CHECKSUM_CRC32C + ":" + crc32cBase64 + "\r\n\r\n";
        String text = httpChunked ? Integer.toHexString(aws.length()) + "\r\n" + aws + "\r\n0\r\n\r\n" : aws;
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The encoded length (Content-Length) of {@code size} bytes sent in chunks of {@code chunk} bytes. */
    static long encodedLength(long size, int chunk) {
        long full = size / chunk;
        long rest = size % chunk;
        long length = full * (Integer.toHexString(chunk).length() + 4L + chunk);
        if (rest > 0) {
            length += Long.toHexString(rest).length() + 4L + rest;
        }
        return length + "0\r\n".length() + Wire.CHECKSUM_CRC32C.length() + 1 + BASE64_CRC32C + 4;
    }
}
