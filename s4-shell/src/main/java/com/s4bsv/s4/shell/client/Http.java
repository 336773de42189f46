package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.wire.UriText;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transport under {@link S4Client}: connections of their own per request ({@link Exchange}, transfers), URIs,
 * and error documents.
 */
final class Http {

    /** A page of 1000 keys of 1024 bytes, each character XML-escaped, stays well below this. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final Duration connectTimeout;
    private final Signing signing;
    /** The raw sockets of requests in flight, closed by {@link #abort()}. */
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    /** @param signing what signs every request */
    Http(Duration connectTimeout, Signing signing) {
        this.connectTimeout = connectTimeout;
        this.signing = signing;
    }

    /** Breaks every exchange in flight at once (Ctrl-C in the session); later calls open new connections. */
    void abort() {
        connections.forEach(Connection::close);
    }

    Signing signing() {
        return signing;
    }

    /** A socket to {@code node} for one request; a failure to connect is {@link S4ClientException.NodeUnreachable}. */
    Connection connect(NodeAddress node, String what) {
        Connection connection;
        try {
            connection = Connection.open(node, connectTimeout);
        } catch (IOException e) {
            throw new S4ClientException.NodeUnreachable(node.toString(), what, e);
        }
        connections.add(connection);
        connection.onClose(() -> connections.remove(connection));
        return connection;
    }

    /** The host to connect to for {@code node}: 0.0.0.0 in a conf means "this machine" (spec 1.3), so loopback. */
    static String connectHost(NodeAddress node) {
        return node.host().equals("0.0.0.0") ? "127.0.0.1" : node.host();
    }

    static URI uri(NodeAddress node, String rawPath, Map<String, String> query) {
        var out = new StringBuilder(node.scheme()).append("://");
        String host = connectHost(node);
        out.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                .append(':')
                .append(node.port())
                .append(rawPath);
        char sep = '?';
        for (var e : query.entrySet()) {
            out.append(sep);
            sep = '&';
            encode(out, e.getKey(), false);
            out.append('=');
            encode(out, e.getValue(), false);
        }
        return URI.create(out.toString());
    }

    /** {@code /bucket/path} with every byte outside RFC 3986 unreserved (and '/') percent-encoded. */
    static String objectPath(String bucket, String path) {
        var out = new StringBuilder("/");
        encode(out, bucket, true);
        if (!path.isEmpty()) {
            out.append('/');
            encode(out, path, true);
        }
        return out.toString();
    }

    static void encode(StringBuilder out, String text, boolean keepSlash) {
        out.append(UriText.encode(text, keepSlash));
    }

    /**
     * The failure for a non-success answer: the S3 error code and message from the XML document, the status and
     * the node. NoSuchKey/NoSuchBucket become {@link S4ClientException.NoSuchKey}.
     */
    static S4ClientException failure(NodeAddress node, String what, int status, String body) {
        String code = S3Xml.first(body, "Code");
        String message = S3Xml.first(body, "Message");
        if (status == 404 && (code == null || code.equals("NoSuchKey") || code.equals("NoSuchBucket"))) {
            return new S4ClientException.NoSuchKey(what);
        }
        String detail;
        if (code != null) {
            detail = code + (message == null || message.isBlank() ? "" : " " + oneLine(message));
        } else {
            String text = oneLine(body);
            detail = text.isEmpty() ? "no error document" : text;
        }
        return new S4ClientException(what + ": " + detail + " (HTTP " + status + " from " + node + ")");
    }

    static String oneLine(String text) {
        String s = text.strip().replace('\n', ' ').replace('\r', ' ');
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
