package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.sigv4.RequestSigner;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.s4.wire.Wire;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates what this node sends to another. A call of its own (listing and compute fan-out, a forwarded eval,
 * shuffle outputs, deletes) is signed with the cluster key. A client's signed request being forwarded to its owner
 * keeps the client's signature, which the owner verifies (it stores the body, so only it can check the payload
 * before anything is kept), and gets the {@link ForwardProof} in {@code x-s4-forwarded}.
 */
final class PeerSigner implements PeerClient.Signer {

    private final Keys keys;
    private final String region;
    private final Clock clock;

    PeerSigner(Keys keys, String region, Clock clock) {
        this.keys = keys;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public HttpRequest sign(HttpRequest request) {
        KeySet current = keys.current();
        if (current == null) {
            return request;
        }
        Optional<String> clientSignature = clientSignature(request);
        if (clientSignature.isPresent()) {
            return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(Wire.FORWARDED))
                    .header(Wire.FORWARDED, ForwardProof.of(current.cluster(), clientSignature.get()))
                    .build();
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : new String[] {Wire.FORWARDED, Wire.LOCAL_ONLY, "content-type"}) {
            request.headers().firstValue(name).ifPresent(value -> signed.put(name, value));
        }
        Map<String, String> headers = new RequestSigner(current.cluster().credentials(), region)
                .sign(request.method(), request.uri(), signed, SigV4.UNSIGNED_PAYLOAD, clock.instant());
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> !isAuthHeader(name));
        headers.forEach(builder::header);
        return builder.build();
    }

    private static boolean isAuthHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization") || lower.equals(SigV4.DATE) || lower.equals(SigV4.CONTENT_SHA256);
    }

    private static Optional<String> clientSignature(HttpRequest request) {
        Optional<String> header = request.headers().firstValue("authorization");
        if (header.isPresent()) {
            String value = header.get();
            int at = value.indexOf("Signature=");
            return Optional.of(
                    at < 0 ? "" : value.substring(at + "Signature=".length()).strip());
        }
        URI uri = request.uri();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("X-Amz-Signature=")) {
                    return Optional.of(SigV4.decode(part.substring("X-Amz-Signature=".length()), false));
                }
            }
        }
        return Optional.empty();
    }
}
