package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One open GET: copies the body out while checking its length and the node's CRC32C. The body moves in 1 MiB
 * pieces through one direct buffer: the checksum reads it in place, and a file channel writes it without a copy.
 */
final class Download implements AutoCloseable {

    private static final int BUFFER = 1024 * 1024;

    private final NodeAddress node;
    private final String what;
    private final Connection connection;
    private final Answer answer;
    private final String expected;
    private final long length;

    Download(NodeAddress node, String what, Connection connection, Answer answer, String expected) {
        this.node = node;
        this.what = what;
        this.connection = connection;
        this.answer = answer;
        this.expected = expected;
        this.length = answer.contentLength();
    }

    long copyTo(OutputStream out, Progress progress) {
        byte[] heap = new byte[BUFFER];
        return copy(progress, buffer -> {
            int n = buffer.remaining();
            buffer.get(heap, 0, n);
            out.write(heap, 0, n);
        });
    }

    /** Into stdout's channel: a closed pipe is {@link S4ClientException.OutputClosed}, as for a stream. */
    long copyTo(ChannelOutput out, Progress progress) {
        FileChannel channel;
        try {
            channel = out.channel();
        } catch (IOException e) {
            throw S4ClientException.writeFailed(what, e);
        }
        return copyTo(channel, progress);
    }

    long copyTo(FileChannel out, Progress progress) {
        return copy(progress, buffer -> {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        });
    }

    private interface Sink {
        void write(ByteBuffer buffer) throws IOException;
    }

    private long copy(Progress progress, Sink sink) {
        var checksum = new StreamingChecksum();
        ByteBuffer buffer = DirectBuffers.take().limit(BUFFER);
        try {
            return copy(progress, sink, checksum, buffer);
        } finally {
            DirectBuffers.release(buffer);
        }
    }

    private long copy(Progress progress, Sink sink, StreamingChecksum checksum, ByteBuffer buffer) {
        long total = 0;
        boolean ended = false;
        progress.start(length);
        while (!ended) {
            try {
                while (buffer.hasRemaining()) {
                    if (answer.body().read(buffer) < 0) {
                        ended = true;
                        break;
                    }
                }
            } catch (IOException e) {
                throw new S4ClientException(
                        "download of " + what + " from node " + node + " failed after " + (total + buffer.position())
                                + " bytes: " + Causes.describe(e),
                        e);
            }
            buffer.flip();
            int n = buffer.remaining();
            checksum.update(buffer.duplicate());
            try {
                sink.write(buffer);
            } catch (IOException e) {
                throw S4ClientException.writeFailed(what, e);
            }
            buffer.clear().limit(BUFFER);
            total += n;
            progress.advance(n);
        }
        if (length >= 0 && total != length) {
            throw new S4ClientException("download of " + what + " from node " + node + " ended after " + total + " of "
                    + length + " bytes");
        }
        String actual = checksum.base64();
        long expectedValue;
        try {
            expectedValue = StreamingChecksum.fromBase64(expected);
        } catch (IllegalArgumentException e) {
            throw new S4ClientException.ChecksumMismatch("node " + node + " sent a malformed " + Wire.CHECKSUM_CRC32C
                    + " header for " + what + ": '" + expected + "'");
        }
        if (expectedValue != checksum.value()) {
            throw new S4ClientException.ChecksumMismatch(what, expected, actual);
        }
        progress.finish();
        return total;
    }

    @Override
    public void close() {
        connection.close();
    }
}
