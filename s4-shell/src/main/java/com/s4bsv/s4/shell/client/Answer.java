package com.s4bsv.s4.shell.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A node's answer to a request on a {@link Connection}: status, headers (names in lower case), and the body. */
final class Answer {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    final int status;
    private final Map<String, String> headers;
    private final ReadableByteChannel body;

    Answer(int status, Map<String, String> headers, ReadableByteChannel body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
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
            while (text.size() < MAX_ERROR_BODY && body.read(buffer) >= 0) {
                text.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        } catch (IOException ignored) {
            // what arrived is the message
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
