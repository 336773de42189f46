package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a stream of unknown length as unsigned {@code aws-chunked} with the CRC32C in a trailer: the only way to
 * send a checksum that is known only after the last byte (stdin) without spooling the data.
 *
 * <pre>
 * hex(size) CRLF data CRLF   (repeated, size &gt; 0)
 * 0 CRLF
 * x-amz-checksum-crc32c:BASE64 CRLF
 * CRLF
 * </pre>
 */
final class AwsChunkedEncoder extends InputStream {

    static final int CHUNK = 64 * 1024;

    private final InputStream source;
    private final StreamingChecksum checksum = new StreamingChecksum();
    private final byte[] data = new byte[CHUNK];
    private final Progress progress;
    private byte[] pending = new byte[0];
    private int pendingPos;
    private boolean finished;
    private long bytes;

    AwsChunkedEncoder(InputStream source, Progress progress) {
        this.source = source;
        this.progress = progress;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] out, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (pendingPos >= pending.length) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, out, offset, n);
        pendingPos += n;
        return n;
    }

    private void fill() throws IOException {
        int n = source.readNBytes(data, 0, CHUNK);
        if (n > 0) {
            checksum.update(data, 0, n);
            bytes += n;
            progress.advance(n);
            byte[] head = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = new byte[head.length + n + 2];
            System.arraycopy(head, 0, chunk, 0, head.length);
            System.arraycopy(data, 0, chunk, head.length, n);
            chunk[chunk.length - 2] = '\r';
            chunk[chunk.length - 1] = '\n';
            pending = chunk;
        } else {
            pending = ("0\r\n" + Wire.CHECKSUM_CRC32C + ":" + checksum.base64() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            finished = true;
        }
        pendingPos = 0;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
