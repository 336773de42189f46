package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.server.s3.S3ErrorResponse;
import com.s4bsv.s4.server.s3.checksum.ChunkSignatures;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through only when its SigV4 signature holds and its key's role allows it; runs before every other
 * filter and handler but the request id, so a refused request stores nothing, runs nothing and learns nothing
 * (not even whether its bucket or subresource exists). Without keys every request passes (the node then serves only
 * loopback unless anonymous access was allowed).
 *
 * <p>The payload: a hex {@code x-amz-content-sha256} is checked as the body is read (for PUT by the upload itself,
 * on the node that stores it, for other bodies here); a signed streaming body has its chunk signatures checked by
 * the aws-chunked decoder with the {@link ChunkSignatures} put on the request.
 */
final class AuthFilter extends OncePerRequestFilter {

    private static final String ACTUATOR = "/_s4/actuator/";

    private final Keys keys;
    private final SignatureVerifier verifier;
    private final boolean protectMetrics;
    private final Clock clock;

    AuthFilter(Keys keys, SignatureVerifier verifier, boolean protectMetrics, Clock clock) {
        this.keys = keys;
        this.verifier = verifier;
        this.protectMetrics = protectMetrics;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        KeySet current = keys.current();
        if (current == null || isOpen(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest checked;
        try {
            checked = check(request, current);
        } catch (S3Exception e) {
            if (request.getContentLengthLong() != 0) {
                // Do not read a refused body to its end: close instead.
                response.setHeader("Connection", "close");
            }
            S3ErrorResponse.write(request, response, e);
            return;
        }
        chain.doFilter(checked, response);
    }

    private boolean isOpen(String path) {
        if (!path.startsWith(ACTUATOR)) {
            return false;
        }
        String endpoint = path.substring(ACTUATOR.length());
        return endpoint.equals("health")
                || endpoint.startsWith("health/")
                || (!protectMetrics
                        && (endpoint.equals("prometheus")
                                || endpoint.equals("metrics")
                                || endpoint.startsWith("metrics/")));
    }

    private HttpServletRequest check(HttpServletRequest request, KeySet current) {
        SignatureVerifier.Verified verified = verifier.verify(request, current, clock.instant());
        Role role = verified.key().role();
        Role needed = request.getRequestURI().startsWith(ACTUATOR) ? Role.READ : RequiredRole.of(request);
        if (!role.allows(needed)) {
            throw new S3Exception(
                    S3Error.ACCESS_DENIED,
                    "Access Denied: the key " + verified.key().id() + " is " + role.wireName() + "; this request needs "
                            + needed.wireName());
        }
        if (RequiredRole.hasNodeOnlyHeaders(request)
                && !role.allows(Role.CLUSTER)
                && !isForwardedByANode(request, current, verified)) {
            throw new S3Exception(
                    S3Error.ACCESS_DENIED,
                    "Access Denied: " + Wire.FORWARDED + " is for the nodes of" + " the cluster");
        }
        return withPayloadCheck(request, verified);
    }

    private static boolean isForwardedByANode(
            HttpServletRequest request, KeySet current, SignatureVerifier.Verified verified) {
        String proof = request.getHeader(Wire.FORWARDED);
        return proof != null && SigV4.sameSignature(ForwardProof.of(current.cluster(), verified.signature()), proof);
    }

    private static HttpServletRequest withPayloadCheck(
            HttpServletRequest request, SignatureVerifier.Verified verified) {
        String payload = verified.payload();
        String encoding = request.getHeader("Content-Encoding");
        boolean awsChunked =
                encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
        switch (payload) {
            case SigV4.UNSIGNED_PAYLOAD -> {
                return request;
            }
            case SigV4.STREAMING_UNSIGNED_TRAILER -> {
                // The trailer's checksum is verified by the upload itself; the chunks carry no signatures.
                return request;
            }
            case SigV4.STREAMING_SIGNED, SigV4.STREAMING_SIGNED_TRAILER -> {
                if (!"PUT".equals(request.getMethod())) {
                    throw new S3Exception(
                            S3Error.INVALID_REQUEST,
                            "a signed streaming body is only accepted on" + " PUT (PutObject, UploadPart)");
                }
                request.setAttribute(
                        ChunkSignatures.ATTRIBUTE,
                        new ChunkSignatureVerifier(verified, payload.equals(SigV4.STREAMING_SIGNED_TRAILER)));
                return request;
            }
            default -> {
                if (!SigV4.isHexSha256(payload)) {
                    throw new S3Exception(
                            S3Error.INVALID_ARGUMENT,
                            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD,"
                                    + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER), STREAMING-UNSIGNED-PAYLOAD-TRAILER"
                                    + " or the hex SHA-256 of the body");
                }
                if (awsChunked) {
                    throw new S3Exception(
                            S3Error.INVALID_REQUEST,
                            "an aws-chunked body needs a STREAMING-" + " x-amz-content-sha256");
                }
                // PUT bodies are hashed by the upload, on the node that stores them (see UploadBody).
                return "PUT".equals(request.getMethod()) ? request : new PayloadHashRequest(request, payload);
            }
        }
    }
}
