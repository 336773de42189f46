package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.sigv4.RequestSigner;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A GET over a raw connection ({@link NodeSocket}), for object bodies. The JDK HttpClient hands a body over in 16 KiB pieces between
 * threads, several times slower than curl; here the body is read from the socket channel straight into the caller's
 * (large, direct) buffer. One request per connection ({@code Connection: close}).
 */
final class DirectGet implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;

    private final NodeSocket channel;
    final int status;
    private final Map<String, String> headers;
    private final ReadableByteChannel body;

    private DirectGet(NodeSocket channel, int status, Map<String, String> headers, ReadableByteChannel body) {
        this.channel = channel;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** Sends the GET and reads the answer's head; a transport failure is {@link S4ClientException.NodeUnreachable}. */
    static DirectGet open(
            NodeAddress node,
            String what,
            URI uri,
            Map<String, String> requestHeaders,
            Duration connectTimeout,
            Duration responseTimeout) {
        NodeSocket channel = null;
        try {
            channel = NodeSocket.open(uri, connectTimeout);
            var request = new StringBuilder("GET ").append(uri.getRawPath());
            if (uri.getRawQuery() != null) {
                request.append('?').append(uri.getRawQuery());
            }
            // The Host the signature covers (RequestSigner.hostHeader): the port only when not the scheme's default.
            request.append(" HTTP/1.1\r\nHost: ")
                    .append(RequestSigner.hostHeader(uri))
                    .append("\r\nConnection: close\r\n");
            requestHeaders.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            channel.write(ByteBuffer.wrap(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8)));
            channel.readTimeout(responseTimeout.isZero() ? Duration.ofMillis(1) : responseTimeout);
            DirectGet get = readHead(channel, channel.in());
            channel.readTimeout(Duration.ZERO);
            channel = null;
            return get;
        } catch (SocketTimeoutException e) {
            throw new S4ClientException.NodeUnreachable(
                    node.toString(), what, new HttpTimeoutException("timed out waiting for an answer"));
        } catch (IOException e) {
            throw new S4ClientException.NodeUnreachable(node.toString(), what, e);
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private static DirectGet readHead(NodeSocket channel, InputStream in) throws IOException {
        byte[] head = new byte[MAX_HEAD];
        int filled = 0;
        int end = -1;
        while (end < 0) {
            if (filled == head.length) {
                throw new IOException("answer head exceeds " + MAX_HEAD + " bytes");
            }
            int n = in.read(head, filled, head.length - filled);
            if (n < 0) {
                throw new EOFException("connection closed before the answer");
            }
            int from = Math.max(0, filled - 3);
            filled += n;
            for (int i = from; i + 3 < filled; i++) {
                if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n') {
                    end = i + 4;
                    break;
                }
            }
        }
        String[] lines = new String(head, 0, end - 4, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + Http.oneLine(lines[0]));
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        ByteBuffer early = ByteBuffer.wrap(head, end, filled - end);
        ReadableByteChannel body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = Channels.newChannel(new ChunkedInputStream(new PrefixedStream(early, in)));
        } else {
            String length = headers.get("content-length");
            body = new LimitedChannel(early, channel, length == null ? Long.MAX_VALUE : Long.parseLong(length));
        }
        return new DirectGet(channel, status, headers, body);
    }

    @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The declared body length, or -1 (chunked, or up to the end of the connection). */
    long contentLength() {
        String length = headers.get("content-length");
        return length == null || headers.containsKey("transfer-encoding") ? -1 : Long.parseLong(length);
    }

    ReadableByteChannel body() {
        return body;
    }

    /** At most 64 KiB of the body, as text; never fails (a broken body is just empty). */
    String errorBody() {
        var text = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (text.size() < MAX_HEAD && body.read(buffer) >= 0) {
                text.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        } catch (IOException ignored) {
            // what arrived is the message
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        channel.close();
    }

    /** The bytes read with the head, then the socket, up to the declared length. */
    private static final class LimitedChannel implements ReadableByteChannel {
        private final ByteBuffer early;
        private final NodeSocket channel;
        private final boolean untilClose;
        private long remaining;

        /** {@code length} Long.MAX_VALUE: the body ends with the connection. */
        LimitedChannel(ByteBuffer early, NodeSocket channel, long length) {
            this.early = early;
            this.channel = channel;
            this.untilClose = length == Long.MAX_VALUE;
            this.remaining = length;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n;
            if (early.hasRemaining()) {
                n = (int) Math.min(Math.min(early.remaining(), dst.remaining()), remaining);
                ByteBuffer slice = early.slice(early.position(), n);
                dst.put(slice);
                early.position(early.position() + n);
            } else {
                int limit = dst.limit();
                if (dst.remaining() > remaining) {
                    dst.limit(dst.position() + (int) remaining);
                }
                try {
                    n = channel.channel().read(dst);
                } finally {
                    dst.limit(limit);
                }
                if (n < 0) {
                    if (!untilClose) {
                        throw new EOFException("the answer ended " + remaining + " bytes early");
                    }
                    return -1;
                }
            }
            remaining -= n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    /** The bytes read with the head, then the rest of the stream. */
    private static final class PrefixedStream extends InputStream {
        private final ByteBuffer early;
        private final InputStream in;

        PrefixedStream(ByteBuffer early, InputStream in) {
            this.early = early;
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return early.hasRemaining() ? early.get() & 0xFF : in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (early.hasRemaining()) {
                int n = Math.min(len, early.remaining());
                early.get(b, off, n);
                return n;
            }
            return in.read(b, off, len);
        }
    }
}
