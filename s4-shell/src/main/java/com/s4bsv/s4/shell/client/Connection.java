package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

/**
 * One socket to a node, for one request ({@code Connection: close}): plain for an http node, TLS for an https one
 * ({@link NodeSocket}, the one place raw sockets are opened).
 */
final class Connection implements AutoCloseable {

    private final NodeAddress node;
    private volatile Runnable onClose = () -> {};
    private final NodeSocket socket;

    private Connection(NodeAddress node, NodeSocket socket) {
        this.node = node;
        this.socket = socket;
    }

    /** Connects to {@code node}; a connect that takes longer than {@code timeout} fails. */
    static Connection open(NodeAddress node, Duration timeout) throws IOException {
        return new Connection(node, NodeSocket.open(Http.uri(node, "/", Map.of()), timeout));
    }

    NodeAddress node() {
        return node;
    }

    /** Runs {@code action} once the connection is closed (the client forgets it then). */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Writes all of {@code buffer}. */
    void write(ByteBuffer buffer) throws IOException {
        socket.write(buffer);
    }

    /** Reads what is there into {@code buffer}, waiting without limit; -1 at the end of the connection. */
    int read(ByteBuffer buffer) throws IOException {
        return socket.channel().read(buffer);
    }

    /**
     * Reads into {@code bytes}, waiting at most {@code timeout}; -1 at the end of the connection.
     *
     * @throws SocketTimeoutException when nothing came in time
     */
    int read(byte[] bytes, int offset, int length, Duration timeout) throws IOException {
        socket.readTimeout(timeout.isZero() ? Duration.ofMillis(1) : timeout);
        try {
            return socket.in().read(bytes, offset, length);
        } finally {
            socket.readTimeout(Duration.ZERO);
        }
    }

    /** True when the node has sent something (an early answer while the body still goes out). */
    boolean answerWaiting() throws IOException {
        return socket.in().available() > 0;
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /** Closes the socket; a thread blocked on it fails at once. Never fails. */
    @Override
    public void close() {
        socket.close();
        onClose.run();
    }
}
