package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One socket to a node, for one request ({@code Connection: close}). Every raw socket of the client is opened by
 * {@link #open}, so that a secure transport has one place to go.
 */
final class Connection implements AutoCloseable {

    private final NodeAddress node;
    private volatile Runnable onClose = () -> {};
    private final SocketChannel channel;
    private final InputStream timed;

    private Connection(NodeAddress node, SocketChannel channel) throws IOException {
        this.node = node;
        this.channel = channel;
        this.timed = channel.socket().getInputStream();
    }

    /** Connects to {@code node}; a connect that takes longer than {@code timeout} fails. */
    static Connection open(NodeAddress node, Duration timeout) throws IOException {
        String host = Http.connectHost(node);
        SocketChannel channel = SocketChannel.open();
        try {
            try {
                channel.socket().connect(new InetSocketAddress(host, node.port()), (int) timeout.toMillis());
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("connect timed out");
            }
            channel.socket().setTcpNoDelay(true);
            Connection connection = new Connection(node, channel);
            channel = null;
            return connection;
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
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
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads what is there into {@code buffer}, waiting without limit; -1 at the end of the connection. */
    int read(ByteBuffer buffer) throws IOException {
        return channel.read(buffer);
    }

    /**
     * Reads into {@code bytes}, waiting at most {@code timeout}; -1 at the end of the connection.
     *
     * @throws SocketTimeoutException when nothing came in time
     */
    int read(byte[] bytes, int offset, int length, Duration timeout) throws IOException {
        channel.socket().setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            return timed.read(bytes, offset, length);
        } finally {
            channel.socket().setSoTimeout(0);
        }
    }

    /** True when the node has sent something (an early answer while the body still goes out). */
    boolean answerWaiting() throws IOException {
        return timed.available() > 0;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the socket; a thread blocked on it fails at once. Never fails. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing is left to release
        }
        onClose.run();
    }
}
