package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.server.s3.checksum.ChunkSignatures;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.s4.sigv4.SigningKey;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body chunk by chunk: each chunk's signature chains from the one
 * before (the first from the request's signature), and the {@code -TRAILER} variant signs its trailer too.
 */
final class ChunkSignatureVerifier implements ChunkSignatures {

    private static final String PREFIX = "chunk-signature=";

    private final SigningKey signingKey;
    private final String amzDate;
    private final String scope;
    private final boolean signedTrailer;
    private final MessageDigest digest = SigV4.sha256();
    private String previous;
    private @Nullable String provided;
    private boolean finalChunkSeen;
    private boolean trailerSeen;

    ChunkSignatureVerifier(SignatureVerifier.Verified request, boolean signedTrailer) {
        this.signingKey = request.signingKey();
        this.amzDate = request.amzDate();
        this.scope = request.scope();
        this.previous = request.signature();
        this.signedTrailer = signedTrailer;
    }

    @Override
    public void begin(@Nullable String extension) {
        if (finalChunkSeen) {
            throw refused("a chunk after the final one");
        }
        provided = extension != null && extension.startsWith(PREFIX)
                ? extension.substring(PREFIX.length()).strip()
                : null;
        if (provided == null) {
            throw refused("a chunk without chunk-signature");
        }
        digest.reset();
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    @Override
    public void end() {
        String dataHash = HexFormat.of().formatHex(digest.digest());
        String stringToSign = SigV4.chunkStringToSign(amzDate, scope, previous, dataHash);
        String expected = SigV4.signature(signingKey, stringToSign);
        if (!SigV4.sameSignature(expected, provided)) {
            throw mismatch(stringToSign, provided);
        }
        previous = expected;
        if (dataHash.equals(SigV4.EMPTY_SHA256)) {
            finalChunkSeen = true;
        }
    }

    @Override
    public void trailer(List<String> lines, @Nullable String signature) {
        trailerSeen = true;
        if (!signedTrailer) {
            if (!lines.isEmpty() || signature != null) {
                throw refused("a trailer on a body whose x-amz-content-sha256 announces none");
            }
            return;
        }
        if (signature == null) {
            throw refused("a trailer without x-amz-trailer-signature");
        }
        var text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        String stringToSign = SigV4.trailerStringToSign(amzDate, scope, previous, text.toString());
        String expected = SigV4.signature(signingKey, stringToSign);
        if (!SigV4.sameSignature(expected, signature)) {
            throw mismatch(stringToSign, signature);
        }
    }

    /** Whether the whole body, final chunk and trailer included, was seen and verified. */
    boolean complete() {
        return finalChunkSeen && trailerSeen;
    }

    private static S3Exception refused(String what) {
        return new S3Exception(
                S3Error.SIGNATURE_DOES_NOT_MATCH,
                "aws-chunked: " + what + "; every chunk of a" + " signed streaming body is signed");
    }

    private static S3Exception mismatch(String stringToSign, @Nullable String provided) {
        return new S3Exception(
                S3Error.SIGNATURE_DOES_NOT_MATCH,
                S3Error.SIGNATURE_DOES_NOT_MATCH.message(),
                null,
                Map.of("StringToSign", stringToSign, "SignatureProvided", provided == null ? "" : provided));
    }
}
