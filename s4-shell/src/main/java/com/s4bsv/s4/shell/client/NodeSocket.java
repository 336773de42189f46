package com.s4bsv.s4.shell.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One raw connection to a node, for the transfers that bypass the HttpClient: the one place they are opened. An
 * http node gets a plain socket channel (its body is read straight into the caller's buffer); an https node a TLS
 * socket that checks the node's certificate and name against {@link ClientTls}.
 */
abstract sealed class NodeSocket implements AutoCloseable {

    /** Connects to the node of {@code uri} ({@code http} or {@code https}). */
    static NodeSocket open(URI uri, Duration connectTimeout) throws IOException {
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return Tls.open(address, uri.getHost(), connectTimeout);
        }
        return Plain.open(address, connectTimeout);
    }

    /** Sends all of {@code bytes}. */
    abstract void write(ByteBuffer bytes) throws IOException;

    /** The answer as a stream; reads time out after {@link #readTimeout(Duration)}. */
    abstract InputStream in() throws IOException;

    /** The answer as a channel, for bodies read into large buffers. */
    abstract ReadableByteChannel channel() throws IOException;

    /** Zero: wait as long as it takes. */
    abstract void readTimeout(Duration timeout) throws IOException;

    abstract boolean isOpen();

    @Override
    public abstract void close();

    private static int millis(Duration timeout) {
        return timeout.isZero() ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    static final class Plain extends NodeSocket {
        private final SocketChannel channel;

        private Plain(SocketChannel channel) {
            this.channel = channel;
        }

        static Plain open(InetSocketAddress address, Duration connectTimeout) throws IOException {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.socket().connect(address, millis(connectTimeout));
                channel.socket().setTcpNoDelay(true);
                return new Plain(channel);
            } catch (SocketTimeoutException e) {
                channel.close();
                throw new HttpConnectTimeoutException("connect timed out");
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        void write(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        InputStream in() throws IOException {
            return channel.socket().getInputStream();
        }

        @Override
        ReadableByteChannel channel() {
            return channel;
        }

        @Override
        void readTimeout(Duration timeout) throws IOException {
            channel.socket().setSoTimeout(millis(timeout));
        }

        @Override
        boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing is left to release
            }
        }
    }

    static final class Tls extends NodeSocket {
        private final SSLSocket socket;
        private final ReadableByteChannel channel;

        private Tls(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.channel = Channels.newChannel(socket.getInputStream());
        }

        static Tls open(InetSocketAddress address, String host, Duration connectTimeout) throws IOException {
            Socket tcp = new Socket();
            try {
                tcp.connect(address, millis(connectTimeout));
                tcp.setTcpNoDelay(true);
            } catch (SocketTimeoutException e) {
                tcp.close();
                throw new HttpConnectTimeoutException("connect timed out");
            } catch (IOException | RuntimeException e) {
                tcp.close();
                throw e;
            }
            try {
                SSLSocket socket = (SSLSocket) ClientTls.shared()
                        .context()
                        .getSocketFactory()
                        .createSocket(tcp, host, address.getPort(), true);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                tcp.setSoTimeout(millis(connectTimeout));
                socket.startHandshake();
                tcp.setSoTimeout(0);
                return new Tls(socket);
            } catch (IOException | RuntimeException e) {
                tcp.close();
                throw e;
            }
        }

        @Override
        void write(ByteBuffer bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            if (bytes.hasArray()) {
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                bytes.position(bytes.limit());
            } else {
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                out.write(copy);
            }
            out.flush();
        }

        @Override
        InputStream in() throws IOException {
            return socket.getInputStream();
        }

        @Override
        ReadableByteChannel channel() {
            return channel;
        }

        @Override
        void readTimeout(Duration timeout) throws IOException {
            socket.setSoTimeout(millis(timeout));
        }

        @Override
        boolean isOpen() {
            return !socket.isClosed();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing is left to release
            }
        }
    }
}
