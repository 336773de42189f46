package com.s4bsv.s4.shell.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads answer heads from a {@link Connection}: an interim {@code 100 Continue} and the final answer after it. Bytes
 * that arrive with a head stay here for the body.
 */
final class AnswerReader {

    static final int MAX_HEAD = 64 * 1024;

    private final Connection connection;
    private final byte[] head = new byte[MAX_HEAD];
    /** Bytes read but not yet used: head[start, filled). */
    private int start;

    private int filled;

    AnswerReader(Connection connection) {
        this.connection = connection;
    }

    /**
     * The next head, interim (1xx) or final, waiting at most {@code timeout} for each piece of it.
     *
     * @throws java.net.SocketTimeoutException when the node stays silent
     * @throws EOFException when the connection ends before a whole head
     */
    Answer next(Duration timeout) throws IOException {
        int end = find();
        while (end < 0) {
            if (start > 0) {
                System.arraycopy(head, start, head, 0, filled - start);
                filled -= start;
                start = 0;
            }
            if (filled == head.length) {
                throw new IOException("answer head exceeds " + MAX_HEAD + " bytes");
            }
            int n = connection.read(head, filled, head.length - filled, timeout);
            if (n < 0) {
                throw new EOFException(
                        filled == start ? "connection closed before the answer" : "connection closed mid-answer");
            }
            filled += n;
            end = find();
        }
        String[] lines = new String(head, start, end - 4 - start, StandardCharsets.ISO_8859_1).split("\r\n");
        start = end;
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new NumberFormatException();
            }
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP answer: " + Http.oneLine(lines[0]));
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        if (status < 200 || status == 204 || status == 304) {
            // no body by definition (RFC 9112 6.3): on a connection the node keeps open, reading one would wait forever
            return new Answer(status, headers, Channels.newChannel(InputStream.nullInputStream()));
        }
        ByteBuffer early = ByteBuffer.wrap(head, start, filled - start);
        ReadableByteChannel body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = Channels.newChannel(new ChunkedInputStream(new PrefixedStream(early, connection)));
        } else {
            String length = headers.get("content-length");
            long declared;
            try {
                declared = length == null ? Long.MAX_VALUE : Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + Http.oneLine(length));
            }
            body = new LimitedChannel(early, connection, declared);
        }
        return new Answer(status, headers, body);
    }

    /** True when (part of) another head is here or on its way: read with the last head, or waiting on the socket. */
    boolean more() throws IOException {
        return start < filled || connection.answerWaiting();
    }

    /** The final answer: any interim heads before it are skipped. */
    Answer answer(Duration timeout) throws IOException {
        Answer answer = next(timeout);
        while (answer.status < 200) {
            answer = next(timeout);
        }
        return answer;
    }

    /** The index after the blank line that ends the head in head[start, filled), or -1. */
    private int find() {
        for (int i = start; i + 3 < filled; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** The bytes read with the head, then the rest of the connection. */
    private static final class PrefixedStream extends InputStream {
        private final ByteBuffer early;
        private final Connection connection;

        PrefixedStream(ByteBuffer early, Connection connection) {
            this.early = early;
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (early.hasRemaining()) {
                int n = Math.min(len, early.remaining());
                early.get(b, off, n);
                return n;
            }
            return connection.read(ByteBuffer.wrap(b, off, len));
        }
    }
}
