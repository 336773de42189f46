package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.wire.UriText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The transport under {@link S4Client}: one lazily built {@link HttpClient}, URIs, and error documents. */
final class Http {

    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** A page of 1000 keys of 1024 bytes, each character XML-escaped, stays well below this. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final Duration connectTimeout;
    private final boolean tls;
    private final Signing signing;
    private volatile HttpClient client;
    /** The raw sockets of transfers in flight, closed by {@link #abort()}. */
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    /**
     * @param tls     whether some node is https: only then is a trust store read ({@link ClientTls})
     * @param signing what signs every request
     */
    Http(Duration connectTimeout, boolean tls, Signing signing) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.signing = signing;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .sslContext(tls ? ClientTls.shared().context() : plainHttpOnly())
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * Stops the selector thread at once. A JVM that exits while a thread sits in epoll waits ~300 ms for it
     * (VM_Exit waits for threads in native), which would triple a one-shot command's time.
     */
    void close() {
        HttpClient c = client;
        if (c != null) {
            c.shutdownNow();
        }
    }

    /** Breaks every exchange in flight at once (Ctrl-C in the session); later calls open new connections. */
    void abort() {
        HttpClient c;
        synchronized (this) {
            c = client;
            client = null;
        }
        if (c != null) {
            c.shutdownNow();
        }
        connections.forEach(Connection::close);
    }

    Signing signing() {
        return signing;
    }

    /** A socket to {@code node} for one transfer; a failure to connect is {@link S4ClientException.NodeUnreachable}. */
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

    /**
     * For a cluster of plain http nodes. Without a context of its own, HttpClient builds the default one, which parses
     * the JDK's whole CA store: a third of a one-shot command's time. This one trusts no certificate at all.
     */
    private static SSLContext plainHttpOnly() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String authType)
                                    throws CertificateException {
                                throw new CertificateException("s4 nodes speak plain HTTP");
                            }

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String authType)
                                    throws CertificateException {
                                throw new CertificateException("s4 nodes speak plain HTTP");
                            }

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context", e);
        }
    }

    /** Sends one request; a transport failure becomes {@link S4ClientException.NodeUnreachable} naming the node. */
    <T> HttpResponse<T> send(NodeAddress node, String what, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client().send(signing.sign(request), handler);
        } catch (IOException e) {
            throw new S4ClientException.NodeUnreachable(node.toString(), what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new S4ClientException(
                    "interrupted while talking to node " + node + (what.isEmpty() ? "" : " (" + what + ")"));
        }
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

    /** Reads at most 64 KiB of an error body; never fails (a broken body is just empty). */
    static String errorBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Reads a whole success answer (a listing page): a body that breaks off or exceeds {@link #MAX_BODY} fails,
     * because a shorter page would silently drop keys.
     */
    static String body(NodeAddress node, String what, HttpResponse<InputStream> response) {
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new S4ClientException(what + ": the answer of node " + node + " broke off: " + Causes.describe(e), e);
        }
        if (bytes.length > MAX_BODY) {
            throw new S4ClientException(what + ": the answer of node " + node + " exceeds " + MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
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

    static HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }
}
