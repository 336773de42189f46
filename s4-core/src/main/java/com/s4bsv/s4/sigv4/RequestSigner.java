package com.s4bsv.s4.sigv4;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Signs a request with an Authorization header: host, x-amz-date, x-amz-content-sha256 and any extra headers
 * given are signed. The body is not read: the caller says what its hash is, or {@link SigV4#UNSIGNED_PAYLOAD}.
 */
public final class RequestSigner {

    private final Credentials credentials;
    private final String region;
    /** The signing key of the last day signed for: derived once a day, not per request. */
    private volatile @Nullable DayKey dayKey;

    private record DayKey(String date, SigningKey key) {}

    public RequestSigner(Credentials credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    public String accessKeyId() {
        return credentials.accessKeyId();
    }

    /**
     * The headers to add to the request: {@code x-amz-date}, {@code x-amz-content-sha256} and
     * {@code Authorization}.
     *
     * @param signedHeaders further headers that the request carries and that should be signed (name → value)
     */
    public Map<String, String> sign(
            String method, URI uri, Map<String, String> signedHeaders, String payloadHash, Instant now) {
        String amzDate = SigV4.amzDate(now);
        String date = amzDate.substring(0, 8);
        TreeMap<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, String> header : signedHeaders.entrySet()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), SigV4.canonicalValue(header.getValue()));
        }
        headers.put("host", hostHeader(uri));
        headers.put(SigV4.DATE, amzDate);
        headers.put(SigV4.CONTENT_SHA256, payloadHash);
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String canonical = SigV4.canonicalRequest(
                method,
                SigV4.canonicalUri(rawPath),
                SigV4.canonicalQuery(uri.getRawQuery(), null),
                new ArrayList<>(headers.entrySet()),
                payloadHash);
        String scope = SigV4.scope(date, region, SigV4.SERVICE);
        DayKey current = dayKey;
        if (current == null || !current.date().equals(date)) {
            current = new DayKey(date, SigningKey.of(credentials.secretAccessKey(), date, region, SigV4.SERVICE));
            dayKey = current;
        }
        String signature = SigV4.signature(current.key(), SigV4.stringToSign(amzDate, scope, canonical));
        Map<String, String> out = new LinkedHashMap<>();
        out.put(SigV4.DATE, amzDate);
        out.put(SigV4.CONTENT_SHA256, payloadHash);
        out.put(
                "Authorization",
                SigV4.ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope + ", SignedHeaders="
                        + String.join(";", List.copyOf(headers.keySet())) + ", Signature=" + signature);
        return out;
    }

    /** The Host header java.net.http sends for {@code uri}: the port only when it is not the scheme's default. */
    public static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80)
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443);
        String host = uri.getHost();
        if (host != null && host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return defaultPort ? host : host + ":" + port;
    }
}
