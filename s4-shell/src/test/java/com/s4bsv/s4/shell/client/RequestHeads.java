package com.s4bsv.s4.shell.client;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** For tests that play a node on a raw socket: the request head the client sent. */
final class RequestHeads {

    private RequestHeads() {}

    /** The head up to and with its blank line, or null when the connection ends before one. */
    static @Nullable String read(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
