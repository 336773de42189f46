package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.s4.wire.Wire;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Puts of {@link S4Client} over a raw {@link Connection}. The data moves in 1 MiB pieces through one direct buffer:
 * read from a file channel (or stdin's) into it, CRC32C computed in place, written to the socket as is. Input that
 * fits in one piece goes as a plain body with its checksum header; larger input goes {@code aws-chunked} with the
 * checksum in the trailer, so it is read once, and asks first ({@code Expect: 100-continue}) so that a refusal (the
 * key exists, access denied) comes before the body.
 */
final class Uploads {

    static final int CHUNK = 1024 * 1024;

    /** How long a large upload waits for the node's {@code 100 Continue} before it sends the body anyway, as curl. */
    private static final Duration CONTINUE_WAIT = Duration.ofSeconds(1);
    /** How long a broken upload waits for the answer that may explain it (a refusal sent before the node hung up). */
    private static final Duration EXPLANATION_WAIT = Duration.ofSeconds(2);

    private final NodeCalls calls;

    Uploads(NodeCalls calls) {
        this.calls = calls;
    }

    void put(S4Key key, Path file, Progress progress) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            put(key, in, in.size(), progress, file.toString());
        } catch (IOException e) {
            throw new S4ClientException("cannot read " + file + ": " + Causes.describe(e), e);
        }
    }

    /** Reads {@code in} to its end; stdin (a file descriptor) is read through its channel, into the direct buffer. */
    void put(S4Key key, InputStream in, Progress progress) {
        // the channel of stdin is not closed here: closing it would close stdin
        ReadableByteChannel source = in instanceof FileInputStream file ? file.getChannel() : Channels.newChannel(in);
        try {
            put(key, source, -1, progress, "input");
        } catch (IOException e) {
            throw new S4ClientException("cannot read input for " + key + ": " + Causes.describe(e), e);
        }
    }

    /**
     * Sends {@code size} bytes of {@code source} (-1: up to its end).
     *
     * @throws IOException when reading {@code source} fails; a failure of the node or the network is an {@link
     *     S4ClientException}
     */
    private void put(S4Key key, ReadableByteChannel source, long size, Progress progress, String from)
            throws IOException {
        ByteBuffer buffer = AwsChunkedBody.buffer(CHUNK);
        try {
            put(key, source, size, progress, from, buffer);
        } finally {
            DirectBuffers.release(buffer);
        }
    }

    private void put(
            S4Key key, ReadableByteChannel source, long size, Progress progress, String from, ByteBuffer buffer)
            throws IOException {
        int first = fill(source, buffer, size < 0 ? CHUNK : (int) Math.min(CHUNK, size));
        if (size >= 0 && first < Math.min(CHUNK, size)) {
            throw new EOFException(from + " ended after " + first + " of " + size + " bytes (changed while read?)");
        }
        boolean whole = size >= 0 ? size <= CHUNK : first < CHUNK;
        progress.start(whole ? buffer.position() - AwsChunkedBody.HEAD_ROOM : size);
        String what = key.toString();
        NodeAddress node = calls.owner(key);
        try (Connection connection = calls.http().connect(node, what)) {
            var exchange = new Exchange(connection, node, what);
            Answer answer = whole
                    ? exchange.plain(key, buffer, progress)
                    : exchange.chunked(key, source, size, buffer, progress, from);
            finish(key, node, answer, exchange.crc);
        }
        progress.finish();
    }

    /**
     * Reads until {@code buffer} holds {@code want} bytes after {@link AwsChunkedBody#HEAD_ROOM} or the source ends.
     * Returns how many it holds.
     */
    private static int fill(ReadableByteChannel source, ByteBuffer buffer, int want) throws IOException {
        buffer.limit(AwsChunkedBody.HEAD_ROOM + want);
        while (buffer.hasRemaining() && source.read(buffer) >= 0) {
            // a pipe gives what it has; keep reading up to a whole chunk
        }
        return buffer.position() - AwsChunkedBody.HEAD_ROOM;
    }

    private static void finish(S4Key key, NodeAddress node, Answer answer, @Nullable String sent) {
        String what = key.toString();
        int status = answer.status;
        if (status == 200 || status == 201 || status == 204) {
            String stored = answer.header(Wire.CHECKSUM_CRC32C);
            if (sent != null && stored != null && !stored.equals(sent)) {
                throw new S4ClientException.ChecksumMismatch("node " + node + " stored " + what + " with "
                        + Wire.CHECKSUM_CRC32C + " " + stored + " but " + sent + " was sent");
            }
            return;
        }
        String body = answer.errorBody();
        if (status == 409 || status == 412) {
            throw new S4ClientException.KeyExists(what);
        }
        throw Http.failure(node, what, status, body);
    }

    /** One PUT on its connection. */
    private final class Exchange {
        private final Connection connection;
        private final NodeAddress node;
        private final String what;
        private final AnswerReader reader;
        private @Nullable String crc;

        Exchange(Connection connection, NodeAddress node, String what) {
            this.connection = connection;
            this.node = node;
            this.what = what;
            this.reader = new AnswerReader(connection);
        }

        /** The whole body is in {@code buffer}: one request with Content-Length and the checksum header. */
        Answer plain(S4Key key, ByteBuffer buffer, Progress progress) {
            buffer.flip().position(AwsChunkedBody.HEAD_ROOM);
            crc = new StreamingChecksum().update(buffer.duplicate()).base64();
            int size = buffer.remaining();
            RequestHead head =
                    put(key).header("Content-Length", Integer.toString(size)).header(Wire.CHECKSUM_CRC32C, crc);
            try {
                connection.write(head.bytes(calls.http().signing(), SigV4.UNSIGNED_PAYLOAD));
                connection.write(buffer);
            } catch (IOException e) {
                return explain(e);
            }
            progress.advance(size);
            return answer();
        }

        /**
         * Streams aws-chunked: the chunk already in {@code buffer}, then the rest of {@code source} ({@code size}
         * bytes in all, or -1: to its end, as HTTP chunks). Stops early when the node answers before the end.
         */
        Answer chunked(
                S4Key key, ReadableByteChannel source, long size, ByteBuffer buffer, Progress progress, String from)
                throws IOException {
            var body = new AwsChunkedBody(size < 0);
            RequestHead head = put(key).header("Content-Encoding", "aws-chunked")
                    .header("x-amz-trailer", Wire.CHECKSUM_CRC32C)
                    .header("x-amz-sdk-checksum-algorithm", "CRC32C")
                    .header("Expect", "100-continue");
            if (size >= 0) {
                head.header("x-amz-decoded-content-length", Long.toString(size))
                        .header("Content-Length", Long.toString(AwsChunkedBody.encodedLength(size, CHUNK)));
            } else {
                head.header("Transfer-Encoding", "chunked");
            }
            try {
                connection.write(head.bytes(calls.http().signing(), SigV4.STREAMING_UNSIGNED_TRAILER));
                Answer early = continueOrAnswer();
                if (early != null) {
                    return early;
                }
            } catch (IOException e) {
                return explain(e);
            }
            var checksum = new StreamingChecksum();
            long sent = 0;
            while (true) {
                int n = buffer.position() - AwsChunkedBody.HEAD_ROOM;
                if (n == 0) {
                    break;
                }
                checksum.update(buffer.duplicate().flip().position(AwsChunkedBody.HEAD_ROOM));
                body.frame(buffer);
                try {
                    connection.write(buffer);
                    if (reader.more()) {
                        // a late 100 Continue, or a refusal: then the rest of the body is not wanted
                        Answer early = reader.next(calls.settings().responseTimeout());
                        if (early.status >= 200) {
                            return early;
                        }
                    }
                } catch (IOException e) {
                    return explain(e);
                }
                sent += n;
                progress.advance(n);
                AwsChunkedBody.clear(buffer, CHUNK);
                if (size >= 0 && sent == size) {
                    break;
                }
                int want = size < 0 ? CHUNK : (int) Math.min(CHUNK, size - sent);
                int got = fill(source, buffer, want);
                if (size >= 0 && got < want) {
                    // the node sees a body shorter than announced and stores nothing
                    throw new EOFException(
                            from + " ended after " + (sent + got) + " of " + size + " bytes (changed while read?)");
                }
            }
            crc = checksum.base64();
            try {
                connection.write(body.end(crc));
            } catch (IOException e) {
                return explain(e);
            }
            return answer();
        }

        private RequestHead put(S4Key key) {
            return new RequestHead("PUT", calls.objectUri(key))
                    .header("Content-Type", "application/octet-stream")
                    .header("If-None-Match", "*");
        }

        /** Null once the node said 100 Continue (or stayed silent a while); its final answer when it refused. */
        private @Nullable Answer continueOrAnswer() throws IOException {
            Answer first;
            try {
                first = reader.next(CONTINUE_WAIT);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return first.status < 200 ? null : first;
        }

        private Answer answer() {
            try {
                return reader.answer(calls.settings().responseTimeout());
            } catch (IOException e) {
                throw Transport.failure(node, what, e);
            }
        }

        /**
         * Sending failed: a node that refuses a request hangs up without reading the body, and its answer may
         * already be here. That answer, or else the failure.
         */
        private Answer explain(IOException failure) {
            if (connection.isOpen()) {
                try {
                    return reader.answer(EXPLANATION_WAIT);
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
            throw Transport.failure(node, what, failure);
        }
    }
}
