package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.sigv4.SigV4;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One request with a small body or none (a listing page, a HEAD, a DELETE, an eval or a job) on a {@link Connection}
 * of its own, and the head of the node's answer; the answer's body stays open for the caller, who closes the
 * exchange (or the body). The same raw sockets as transfers: {@code java.net.http} would start a selector thread and
 * an executor in every one-shot command, about 0.1 s of a start (bench/README.md, "Start-up").
 */
final class Exchange implements AutoCloseable {

    /** For a request that may take as long as it takes before the node answers (an eval, a job). */
    static final Duration NO_LIMIT = Duration.ofMillis(Integer.MAX_VALUE);

    private final NodeAddress node;
    private final String what;
    private final Connection connection;
    private final Answer answer;

    private Exchange(NodeAddress node, String what, Connection connection, Answer answer) {
        this.node = node;
        this.what = what;
        this.connection = connection;
        this.answer = answer;
    }

    /**
     * Sends {@code head} and {@code body}, then waits at most {@code timeout} for each piece of the answer's head.
     *
     * @throws S4ClientException.NodeUnreachable when the node cannot be reached or breaks off before its answer
     */
    static Exchange send(Http http, NodeAddress node, String what, RequestHead head, byte[] body, Duration timeout) {
        Connection connection = http.connect(node, what);
        try {
            if (body.length > 0 || head.method().equals("POST") || head.method().equals("PUT")) {
                head.header("Content-Length", Integer.toString(body.length));
            }
            connection.write(head.delimitedAnswer().bytes(http.signing(), SigV4.UNSIGNED_PAYLOAD));
            if (body.length > 0) {
                connection.write(ByteBuffer.wrap(body));
            }
            Answer answer = new AnswerReader(connection).answer(timeout);
            return new Exchange(node, what, connection, answer);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e instanceof IOException io ? Transport.failure(node, what, io) : (RuntimeException) e;
        }
    }

    static Exchange send(Http http, NodeAddress node, String what, RequestHead head, Duration timeout) {
        return send(http, node, what, head, new byte[0], timeout);
    }

    int status() {
        return answer.status;
    }

    /** The body as a stream; closing it closes the connection, which also breaks a read blocked on it. */
    InputStream body() {
        return new FilterInputStream(Channels.newInputStream(answer.body())) {
            @Override
            public void close() {
                connection.close();
            }
        };
    }

    /** At most 64 KiB of the body, as text, then the connection is closed; never fails. */
    String errorBody() {
        try {
            return answer.errorBody();
        } finally {
            connection.close();
        }
    }

    /**
     * The whole body of a success answer (a listing page), then the connection is closed: a body that breaks off
     * or exceeds {@link Http#MAX_BODY} fails, because a shorter page would silently drop keys.
     */
    String text() {
        byte[] bytes;
        try (InputStream in = body()) {
            bytes = in.readNBytes(Http.MAX_BODY + 1);
        } catch (IOException e) {
            throw new S4ClientException(what + ": the answer of node " + node + " broke off: " + Causes.describe(e), e);
        }
        if (bytes.length > Http.MAX_BODY) {
            throw new S4ClientException(what + ": the answer of node " + node + " exceeds " + Http.MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.close();
    }
}
