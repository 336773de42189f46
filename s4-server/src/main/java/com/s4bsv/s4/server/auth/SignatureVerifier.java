package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.s4.sigv4.SigningKey;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks the SigV4 signature of a request as received (Authorization header or presigned query) against the keys
 * in force: the key exists, the scope is this node's region and service and the request's day, the date is within
 * the allowed skew (or, presigned, not expired), and the signature is the one the key's secret gives. Failures
 * are the S3 errors clients know; SignatureDoesNotMatch carries the StringToSign and CanonicalRequest, as S3's does.
 */
final class SignatureVerifier {

    static final String AUTHORIZATION = "Authorization";
    private static final long MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;
    private static final int MAX_CACHED_KEYS = 1024;

    /** A request whose signature holds. {@code payload} is the hash the signature covers (or a mode). */
    record Verified(
            AccessKey key,
            String amzDate,
            String scope,
            SigningKey signingKey,
            String signature,
            String payload,
            boolean presigned) {}

    private final String region;
    private final Duration maxSkew;
    /** Signing keys by key id, day and secret: derived (and their HMAC keyed) once a day per key, not per request. */
    private final Map<String, SigningKey> signingKeys = new ConcurrentHashMap<>();

    SignatureVerifier(String region, Duration maxSkew) {
        this.region = region;
        this.maxSkew = maxSkew;
    }

    Verified verify(HttpServletRequest request, KeySet keys, Instant now) {
        String header = request.getHeader(AUTHORIZATION);
        boolean presigned =
                hasQueryParameter(request, "X-Amz-Algorithm") || hasQueryParameter(request, "X-Amz-Signature");
        if (header != null && presigned) {
            throw new S3Exception(
                    S3Error.INVALID_ARGUMENT,
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm"
                            + " query parameter or the Authorization header should be specified");
        }
        if (header == null && !presigned) {
            throw new S3Exception(S3Error.ACCESS_DENIED, "Access Denied: the request is not signed");
        }
        Parts parts = presigned ? fromQuery(request) : fromHeader(header);
        AccessKey key = keys.find(parts.accessKeyId);
        if (key == null) {
            throw new S3Exception(
                    S3Error.INVALID_ACCESS_KEY_ID,
                    S3Error.INVALID_ACCESS_KEY_ID.message(),
                    null,
                    Map.of("AWSAccessKeyId", parts.accessKeyId));
        }
        String[] scope = parts.scope;
        if (scope.length != 4 || !scope[3].equals(SigV4.TERMINATOR)) {
            throw malformed(presigned, "the credential scope must be DATE/REGION/SERVICE/aws4_request");
        }
        if (!scope[1].equals(region)) {
            throw malformed(presigned, "the region '" + scope[1] + "' is wrong; expecting '" + region + "'");
        }
        if (!scope[2].equals(SigV4.SERVICE)) {
            throw malformed(presigned, "the service '" + scope[2] + "' is wrong; expecting '" + SigV4.SERVICE + "'");
        }
        Instant time = requestTime(request, parts, presigned);
        String amzDate = SigV4.amzDate(time);
        if (!scope[0].equals(amzDate.substring(0, 8))) {
            throw malformed(
                    presigned,
                    "invalid credential date '" + scope[0] + "': it is not the day of the" + " request's date "
                            + amzDate);
        }
        checkTime(time, now, parts, presigned);
        List<String> signedHeaders = Arrays.asList(parts.signedHeaders.split(";"));
        if (!signedHeaders.contains("host")) {
            throw malformed(presigned, "the signed headers must include host");
        }
        String payload = presigned
                ? headerOr(request, SigV4.CONTENT_SHA256, SigV4.UNSIGNED_PAYLOAD)
                : request.getHeader(SigV4.CONTENT_SHA256);
        if (payload == null) {
            throw new S3Exception(
                    S3Error.INVALID_REQUEST, "Missing required header for this request:" + " x-amz-content-sha256");
        }
        List<Map.Entry<String, String>> headers = canonicalHeaders(request, signedHeaders);
        String query = SigV4.canonicalQuery(request.getQueryString(), presigned ? "X-Amz-Signature" : null);
        String scopeText = String.join("/", scope);
        SigningKey signingKey = signingKey(key, scope[0]);
        String rawPath = request.getRequestURI();
        String canonicalUri = SigV4.canonicalUri(rawPath);
        String canonical = SigV4.canonicalRequest(request.getMethod(), canonicalUri, query, headers, payload);
        String stringToSign = SigV4.stringToSign(amzDate, scopeText, canonical);
        String expected = SigV4.signature(signingKey, stringToSign);
        if (!SigV4.sameSignature(expected, parts.signature) && !canonicalUri.equals(rawPath)) {
            // A client that signed the path exactly as it sent it, with another encoding than AWS's.
            String asSent = SigV4.canonicalRequest(request.getMethod(), rawPath, query, headers, payload);
            String asSentToSign = SigV4.stringToSign(amzDate, scopeText, asSent);
            String asSentSignature = SigV4.signature(signingKey, asSentToSign);
            if (SigV4.sameSignature(asSentSignature, parts.signature)) {
                expected = asSentSignature;
            }
        }
        if (!SigV4.sameSignature(expected, parts.signature)) {
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("AWSAccessKeyId", key.id());
            extra.put("StringToSign", stringToSign);
            extra.put("SignatureProvided", parts.signature);
            extra.put("CanonicalRequest", canonical);
            throw new S3Exception(
                    S3Error.SIGNATURE_DOES_NOT_MATCH, S3Error.SIGNATURE_DOES_NOT_MATCH.message(), null, extra);
        }
        return new Verified(key, amzDate, scopeText, signingKey, expected, payload, presigned);
    }

    private record Parts(
            String accessKeyId,
            String[] scope,
            String signedHeaders,
            String signature,
            @Nullable String date,
            long expires) {}

    private static Parts fromHeader(String header) {
        if (!header.startsWith(SigV4.ALGORITHM + " ")) {
            throw new S3Exception(
                    S3Error.INVALID_ARGUMENT,
                    "The authorization mechanism you have provided is not" + " supported. Please use " + SigV4.ALGORITHM
                            + ".");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : header.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            String trimmed = field.strip();
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                fields.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        String credential = fields.get("Credential");
        String signedHeaders = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed(false, "the Authorization header needs Credential, SignedHeaders and Signature");
        }
        return credentialParts(credential, signedHeaders, signature, null, -1, false);
    }

    private static Parts fromQuery(HttpServletRequest request) {
        String algorithm = query(request, "X-Amz-Algorithm");
        if (!SigV4.ALGORITHM.equals(algorithm)) {
            throw new S3Exception(
                    S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Algorithm only supports \"" + SigV4.ALGORITHM + "\"");
        }
        String credential = query(request, "X-Amz-Credential");
        String signedHeaders = query(request, "X-Amz-SignedHeaders");
        String signature = query(request, "X-Amz-Signature");
        String date = query(request, "X-Amz-Date");
        String expires = query(request, "X-Amz-Expires");
        if (credential == null || signedHeaders == null || signature == null || date == null || expires == null) {
            throw new S3Exception(
                    S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "Query-string authentication"
                            + " version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date,"
                            + " X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > MAX_PRESIGNED_SECONDS) {
            throw new S3Exception(
                    S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Expires must be between 0" + " and " + MAX_PRESIGNED_SECONDS + " seconds");
        }
        return credentialParts(credential, signedHeaders, signature, date, seconds, true);
    }

    private static Parts credentialParts(
            String credential,
            String signedHeaders,
            String signature,
            @Nullable String date,
            long expires,
            boolean presigned) {
        int slash = credential.indexOf('/');
        if (slash <= 0) {
            throw malformed(presigned, "the credential must be ACCESS_KEY_ID/DATE/REGION/SERVICE/aws4_request");
        }
        return new Parts(
                credential.substring(0, slash),
                credential.substring(slash + 1).split("/", -1),
                signedHeaders.toLowerCase(Locale.ROOT),
                signature,
                date,
                expires);
    }

    private static S3Exception malformed(boolean presigned, String why) {
        return new S3Exception(
                presigned ? S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR : S3Error.AUTHORIZATION_HEADER_MALFORMED,
                "The authorization " + (presigned ? "query parameters are" : "header is") + " malformed; " + why + ".");
    }

    private static Instant requestTime(HttpServletRequest request, Parts parts, boolean presigned) {
        String amzDate = presigned ? parts.date : request.getHeader(SigV4.DATE);
        try {
            if (amzDate != null) {
                return SigV4.parseAmzDate(amzDate);
            }
            String date = request.getHeader("Date");
            if (date != null) {
                return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date));
            }
        } catch (DateTimeParseException e) {
            throw new S3Exception(
                    S3Error.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date" + " header");
        }
        throw new S3Exception(S3Error.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header");
    }

    private void checkTime(Instant time, Instant now, Parts parts, boolean presigned) {
        if (presigned) {
            if (now.isAfter(time.plusSeconds(parts.expires))) {
                throw new S3Exception(
                        S3Error.ACCESS_DENIED,
                        "Request has expired",
                        null,
                        Map.of(
                                "X-Amz-Expires",
                                Long.toString(parts.expires),
                                "Expires",
                                time.plusSeconds(parts.expires).toString(),
                                "ServerTime",
                                now.toString()));
            }
            if (time.isAfter(now.plus(maxSkew))) {
                throw new S3Exception(
                        S3Error.ACCESS_DENIED, "Request is not valid yet", null, Map.of("ServerTime", now.toString()));
            }
            return;
        }
        if (Duration.between(time, now).abs().compareTo(maxSkew) > 0) {
            throw new S3Exception(
                    S3Error.REQUEST_TIME_TOO_SKEWED,
                    S3Error.REQUEST_TIME_TOO_SKEWED.message(),
                    null,
                    Map.of(
                            "RequestTime",
                            time.toString(),
                            "ServerTime",
                            now.toString(),
                            "MaxAllowedSkewMilliseconds",
                            Long.toString(maxSkew.toMillis())));
        }
    }

    private static List<Map.Entry<String, String>> canonicalHeaders(
            HttpServletRequest request, List<String> signedHeaders) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(signedHeaders.size());
        for (String name : signedHeaders) {
            String value;
            String forwardedHost = request.getHeader(Wire.FORWARDED_HOST);
            if (name.equals("host") && forwardedHost != null && request.getHeader(Wire.FORWARDED) != null) {
                // A client's request forwarded by another node: the client signed the Host it sent there.
                value = SigV4.canonicalValue(forwardedHost);
            } else {
                List<String> values = new ArrayList<>();
                for (String one : Collections.list(request.getHeaders(name))) {
                    values.add(SigV4.canonicalValue(one));
                }
                value = String.join(",", values);
            }
            headers.add(Map.entry(name, value));
        }
        return headers;
    }

    private SigningKey signingKey(AccessKey key, String date) {
        String cacheKey = key.id() + '/' + date + '/' + key.secret();
        SigningKey cached = signingKeys.get(cacheKey);
        if (cached == null) {
            if (signingKeys.size() >= MAX_CACHED_KEYS) {
                signingKeys.clear();
            }
            cached = SigningKey.of(key.secret(), date, region, SigV4.SERVICE);
            signingKeys.put(cacheKey, cached);
        }
        return cached;
    }

    private static @Nullable String headerOr(HttpServletRequest request, String name, String otherwise) {
        String value = request.getHeader(name);
        return value != null ? value : otherwise;
    }

    private static boolean hasQueryParameter(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        return query != null && (query.startsWith(name + "=") || query.contains("&" + name + "="));
    }

    /** A query parameter by its exact name, decoded; null when absent. */
    static @Nullable String query(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String partName = SigV4.decode(eq < 0 ? part : part.substring(0, eq), false);
            if (partName.equals(name)) {
                return eq < 0 ? "" : SigV4.decode(part.substring(eq + 1), false);
            }
        }
        return null;
    }
}
