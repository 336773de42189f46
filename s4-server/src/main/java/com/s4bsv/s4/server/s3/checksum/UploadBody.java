package com.s4bsv.s4.server.s3.checksum;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.UploadCheck;
import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of a PutObject or UploadPart as the store should see it: aws-chunked decoded, with every checksum the
 * client sent (headers, Content-MD5, a real {@code x-amz-content-sha256}, an aws-chunked trailer) computed while
 * streaming and verified in {@link #check()} before anything is published.
 */
public final class UploadBody {

    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private final InputStream stream;
    private final @Nullable AwsChunkedInputStream chunked;
    private final Map<ChecksumAlgorithm, String> expected = new EnumMap<>(ChecksumAlgorithm.class);
    private final List<ChecksumAlgorithm> trailing = new ArrayList<>();
    private final Map<ChecksumAlgorithm, ChecksumAlgorithm.Digest> digests = new EnumMap<>(ChecksumAlgorithm.class);
    private final @Nullable String payloadSha256;
    private final long expectedLength;
    private final Runnable onMismatch;

    private UploadBody(HttpServletRequest request, InputStream raw, Runnable onMismatch) {
        this.onMismatch = onMismatch;
        String sha256 = request.getHeader(CONTENT_SHA256);
        String encoding = request.getHeader("Content-Encoding");
        boolean isChunked = (sha256 != null && sha256.startsWith("STREAMING-"))
                || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"));
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = request.getHeader(algorithm.header());
            if (value != null) {
                expected.put(algorithm, validBase64(algorithm, value));
            }
        }
        if (isChunked) {
            chunked = new AwsChunkedInputStream(
                    raw,
                    request.getAttribute(ChunkSignatures.ATTRIBUTE) instanceof ChunkSignatures signatures
                            ? signatures
                            : null);
            String trailer = request.getHeader("x-amz-trailer");
            if (trailer != null) {
                for (String name : trailer.split(",")) {
                    if (!name.isBlank()) {
                        trailing.add(ChecksumAlgorithm.ofHeader(name));
                    }
                }
            }
            expectedLength = parseLength(request.getHeader("x-amz-decoded-content-length"));
            payloadSha256 = null;
        } else {
            chunked = null;
            expectedLength = request.getContentLengthLong();
            payloadSha256 =
                    sha256 != null && sha256.length() == 64 && sha256.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                            ? sha256.toLowerCase(Locale.ROOT)
                            : null;
        }
        for (ChecksumAlgorithm algorithm : expected.keySet()) {
            addDigest(algorithm);
        }
        for (ChecksumAlgorithm algorithm : trailing) {
            addDigest(algorithm);
        }
        if (payloadSha256 != null) {
            addDigest(ChecksumAlgorithm.SHA256);
        }
        InputStream decoded = chunked != null ? chunked : raw;
        this.stream = digests.isEmpty() ? decoded : new DigestingStream(decoded);
    }

    /** S3's limits: 5 TiB for an object, 5 GiB for one part of a multipart upload. */
    public static final long MAX_OBJECT_BYTES = 5L << 40;

    public static final long MAX_PART_BYTES = 5L << 30;

    /**
     * Refuses, before a byte of the body is read, a declared size (Content-Length, or the decoded length of an
     * aws-chunked body) above {@code max}: such a client would otherwise be read from until it gives up.
     */
    public static void checkDeclaredSize(HttpServletRequest request, long max) {
        long declared = Math.max(
                request.getContentLengthLong(), parseLength(request.getHeader("x-amz-decoded-content-length")));
        if (declared > max) {
            throw new S3Exception(
                    S3Error.ENTITY_TOO_LARGE,
                    "the declared size " + declared + " bytes exceeds the maximum of " + max + " bytes",
                    null,
                    Map.of("ProposedSize", Long.toString(declared), "MaxSizeAllowed", Long.toString(max)));
        }
    }

    public static UploadBody of(HttpServletRequest request, Runnable onMismatch) throws IOException {
        return new UploadBody(request, request.getInputStream(), onMismatch);
    }

    public InputStream stream() {
        return stream;
    }

    private void addDigest(ChecksumAlgorithm algorithm) {
        // The store computes CRC32C anyway; no need to do it twice.
        if (algorithm != ChecksumAlgorithm.CRC32C) {
            digests.computeIfAbsent(algorithm, ChecksumAlgorithm::newDigest);
        }
    }

    /** The check to run after the last byte; throws {@link S3Exception} on any mismatch. */
    public UploadCheck check() {
        return (crc32c, size) -> {
            if (expectedLength >= 0 && size != expectedLength) {
                throw new S3Exception(
                        S3Error.INCOMPLETE_BODY, "received " + size + " bytes, expected " + expectedLength);
            }
            for (Map.Entry<ChecksumAlgorithm, String> e : expected.entrySet()) {
                verify(e.getKey(), e.getValue(), crc32c);
            }
            if (chunked != null) {
                for (ChecksumAlgorithm algorithm : trailing) {
                    String value = chunked.trailers().get(algorithm.header());
                    if (value == null) {
                        throw new S3Exception(
                                S3Error.INVALID_REQUEST,
                                "the trailer " + algorithm.header() + " announced in x-amz-trailer was not sent");
                    }
                    verify(algorithm, validBase64(algorithm, value), crc32c);
                }
            }
            if (payloadSha256 != null) {
                String computed = HexFormat.of()
                        .formatHex(Base64.getDecoder().decode(computed(ChecksumAlgorithm.SHA256, crc32c)));
                if (!computed.equals(payloadSha256)) {
                    onMismatch.run();
                    throw new S3Exception(
                            S3Error.X_AMZ_CONTENT_SHA256_MISMATCH,
                            "x-amz-content-sha256 is " + payloadSha256 + " but the body's SHA-256 is " + computed);
                }
            }
        };
    }

    /** The checksums the client asked for and we verified, as response headers (algorithm header → base64). */
    public Map<String, String> verifiedHeaders(long crc32c) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (ChecksumAlgorithm algorithm : expected.keySet()) {
            if (algorithm != ChecksumAlgorithm.MD5) {
                headers.put(algorithm.header(), computed(algorithm, crc32c));
            }
        }
        for (ChecksumAlgorithm algorithm : trailing) {
            headers.put(algorithm.header(), computed(algorithm, crc32c));
        }
        return headers;
    }

    private final Map<ChecksumAlgorithm, String> results = new EnumMap<>(ChecksumAlgorithm.class);

    private String computed(ChecksumAlgorithm algorithm, long crc32c) {
        if (algorithm == ChecksumAlgorithm.CRC32C) {
            return StreamingChecksum.toBase64(crc32c);
        }
        return results.computeIfAbsent(algorithm, a -> digests.get(a).base64());
    }

    private void verify(ChecksumAlgorithm algorithm, String expectedBase64, long crc32c) {
        String actual = computed(algorithm, crc32c);
        if (!actual.equals(expectedBase64)) {
            onMismatch.run();
            throw new S3Exception(
                    S3Error.BAD_DIGEST,
                    algorithm.header() + " was " + expectedBase64 + " but the received body has " + actual);
        }
    }

    private static String validBase64(ChecksumAlgorithm algorithm, String value) {
        String stripped = value.strip();
        try {
            byte[] bytes = Base64.getDecoder().decode(stripped);
            int want = switch (algorithm) {
                case CRC32, CRC32C -> 4;
                case CRC64NVME -> 8;
                case SHA1 -> 20;
                case SHA256 -> 32;
                case MD5 -> 16;
            };
            if (bytes.length != want) {
                throw new IllegalArgumentException("length " + bytes.length);
            }
        } catch (IllegalArgumentException e) {
            throw new S3Exception(
                    S3Error.INVALID_DIGEST, algorithm.header() + " is not a valid base64 value: '" + stripped + "'");
        }
        return stripped;
    }

    private static long parseLength(@Nullable String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "x-amz-decoded-content-length is not a number");
        }
    }

    private final class DigestingStream extends FilterInputStream {

        DigestingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = in.read(bytes, offset, length);
            if (n > 0) {
                for (ChecksumAlgorithm.Digest digest : digests.values()) {
                    digest.update(bytes, offset, n);
                }
            }
            return n;
        }
    }
}
