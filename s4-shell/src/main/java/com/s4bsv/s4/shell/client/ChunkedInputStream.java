package com.s4bsv.s4.shell.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body of a {@code Transfer-Encoding: chunked} answer; trailers are read and dropped. */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            String size = line();
            int semicolon = size.indexOf(';');
            left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (left == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the chunked answer broke off");
        }
        left -= n;
        if (left == 0) {
            line();
        }
        return n;
    }

    private String line() throws IOException {
        var out = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("the chunked answer broke off");
            }
            if (c != '\r') {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
