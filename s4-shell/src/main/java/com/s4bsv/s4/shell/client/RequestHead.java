package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.sigv4.RequestSigner;
import com.s4bsv.s4.sigv4.SigV4;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request line and headers of one request on a {@link Connection}, signed (SigV4) when the client has
 * credentials. The body, if any, follows as the caller writes it.
 */
final class RequestHead {

    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean connectionClose = true;

    RequestHead(String method, URI uri) {
        this.method = method;
        this.uri = uri;
    }

    RequestHead header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * Leaves out {@code Connection: close}: the node must then say where the answer's body ends (a length, or
     * chunks), so a body cut short by a dying node fails instead of looking complete. The caller still closes the
     * connection after one answer.
     */
    RequestHead delimitedAnswer() {
        connectionClose = false;
        return this;
    }

    String method() {
        return method;
    }

    URI uri() {
        return uri;
    }

    /**
     * The head as bytes. {@code payload} is what SigV4 signs for the body: {@code UNSIGNED-PAYLOAD}, or
     * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} for an aws-chunked body whose checksum comes in the trailer.
     */
    ByteBuffer bytes(Signing signing, String payload) {
        var out = new StringBuilder(256).append(method).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        out.append(" HTTP/1.1\r\nHost: ").append(RequestSigner.hostHeader(uri)).append("\r\n");
        if (connectionClose) {
            out.append("Connection: close\r\n");
        }
        headers.forEach((name, value) -> line(out, name, value));
        Map<String, String> signed = signing.headers(method, uri, payload);
        if (signed.isEmpty() && !payload.equals(SigV4.UNSIGNED_PAYLOAD)) {
            // unsigned, a streaming body still says what it is
            line(out, SigV4.CONTENT_SHA256, payload);
        }
        signed.forEach((name, value) -> line(out, name, value));
        return ByteBuffer.wrap(out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder out, String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " holds a line break");
        }
        out.append(name).append(": ").append(value).append("\r\n");
    }
}
