package com.s4bsv.s4.shell.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node that never finishes a transfer: a GET answers 1 GiB and sends 64 KiB every 50 ms, a PUT reads its body as
 * slowly, a HEAD answers 404. It notes when the client closes a transfer before its end, so a test can see a
 * transfer that is cancelled while it is in flight, however fast or slow the machine is.
 */
final class SlowNode implements AutoCloseable {

    static final long SIZE = 1L << 30;

    private final ServerSocket server;
    private final Thread acceptor;
    final CountDownLatch transferStarted = new CountDownLatch(1);
    final CountDownLatch clientHungUp = new CountDownLatch(1);
    final AtomicLong bytesMoved = new AtomicLong();

    SlowNode() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String method = head.substring(0, head.indexOf(' '));
                String lower = head.toLowerCase(Locale.ROOT);
                if (method.equals("GET")) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + SIZE + "\r\nx-amz-checksum-crc32c: AAAAAA==\r\n"
                                    + "Content-Type: application/octet-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    transferStarted.countDown();
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < SIZE; sent += chunk.length) {
                        out.write(chunk);
                        out.flush();
                        bytesMoved.addAndGet(chunk.length);
                        Thread.sleep(50);
                    }
                    return;
                } else if (method.equals("PUT")) {
                    if (lower.contains("expect: 100-continue")) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    transferStarted.countDown();
                    byte[] chunk = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(chunk)) > 0) {
                        bytesMoved.addAndGet(n);
                        Thread.sleep(50);
                    }
                    clientHungUp.countDown();
                    return;
                } else {
                    out.write(
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException e) {
            clientHungUp.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request line and headers, or null at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
