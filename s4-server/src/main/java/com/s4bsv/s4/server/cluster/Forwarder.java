package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.wire.Wire;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Streams a request for a key of another node to its owner and the answer back, unchanged: the owner decodes
 * and verifies the body and its checksums, so integrity is checked once, where the object is stored. The forward
 * is marked so the owner never forwards again.
 */
public final class Forwarder {

    // Hop-by-hop headers and those java.net.http sets itself.
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "http2-settings");

    private final PeerClient peers;
    private final MeterRegistry registry;

    Forwarder(PeerClient peers, MeterRegistry registry) {
        this.peers = peers;
        this.registry = registry;
    }

    public static boolean isForwarded(HttpServletRequest request) {
        return request.getHeader(Wire.FORWARDED) != null;
    }

    public void forward(NodeAddress owner, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        forward(owner, request, null, response);
    }

    /** As {@link #forward(NodeAddress, HttpServletRequest, HttpServletResponse)}, with a body already read. */
    public void forward(
            NodeAddress owner, HttpServletRequest request, byte @Nullable [] readBody, HttpServletResponse response)
            throws IOException {
        String query = request.getQueryString();
        HttpRequest.Builder builder =
                peers.request(owner, request.getRequestURI() + (query == null ? "" : "?" + query));
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(lower) || lower.equals(Wire.FORWARDED) || lower.equals(Wire.FORWARDED_HOST)) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        builder.header(Wire.FORWARDED, "1");
        String host = request.getHeader("Host");
        if (host != null) {
            // The client signed the Host it sent here; the owner verifies that signature.
            builder.header(Wire.FORWARDED_HOST, host);
        }
        String method = request.getMethod();
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        HttpRequest.BodyPublisher body;
        if (readBody != null) {
            body = HttpRequest.BodyPublishers.ofByteArray(readBody);
        } else if (length > 0 || chunked) {
            HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return request.getInputStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            body = length >= 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
            // The owner may refuse at once (409 on an existing key): then the body is never sent.
            builder.expectContinue(true);
        } else {
            body = HttpRequest.BodyPublishers.noBody();
        }
        builder.method(method, body);
        HttpResponse<InputStream> answer = peers.send(owner, builder.build());
        registry.counter("s4.forwards", "method", method, "status", Integer.toString(answer.statusCode()))
                .increment();
        response.setStatus(answer.statusCode());
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || NOT_FORWARDED.contains(lower) || lower.equals("date")) {
                continue;
            }
            boolean first = true;
            for (String value : header.getValue()) {
                if (first) {
                    response.setHeader(name, value);
                    first = false;
                } else {
                    response.addHeader(name, value);
                }
            }
        }
        answer.headers().firstValueAsLong("content-length").ifPresent(response::setContentLengthLong);
        try (InputStream in = answer.body()) {
            if ("HEAD".equals(method)) {
                return;
            }
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
        }
    }
}
