package com.s4bsv.s4.server.s3.checksum;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an {@code aws-chunked} body: {@code <hex size>[;chunk-signature=..]\r\n<data>\r\n} chunks, a final
 * zero-size chunk, then optional trailer lines ({@code x-amz-checksum-crc32:...}) and an empty line. A body that ends before the final chunk is an
 * {@code IncompleteBody}; a chunk header longer than {@link #MAX_HEADER_BYTES} or a chunk larger than
 * {@link #MAX_CHUNK_BYTES} is refused before anything is buffered, and so are more than {@link #MAX_TRAILERS} trailer
 * lines. When given {@link ChunkSignatures}, every chunk's signature (and the trailer's) is checked as it is decoded.
 */
public final class AwsChunkedInputStream extends FilterInputStream {

    static final int MAX_HEADER_BYTES = 4096;
    static final long MAX_CHUNK_BYTES = 64L << 20;
    /** Trailer lines kept; without a limit a client could fill the heap with distinct ones. */
    static final int MAX_TRAILERS = 32;

    static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final byte[] line = new byte[MAX_HEADER_BYTES];
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final @Nullable ChunkSignatures signatures;
    private long remaining;
    private boolean finished;
    private long decoded;

    public AwsChunkedInputStream(InputStream in) {
        this(in, null);
    }

    public AwsChunkedInputStream(InputStream in, @Nullable ChunkSignatures signatures) {
        super(new BufferedInputStream(in, 64 * 1024));
        this.signatures = signatures;
    }

    /** Trailer headers by lower-case name; complete once {@link #read} has returned -1. */
    public Map<String, String> trailers() {
        return trailers;
    }

    public long decodedBytes() {
        return decoded;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (remaining == 0) {
            if (finished) {
                return -1;
            }
            startChunk();
        }
        int n = in.read(bytes, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw incomplete("the body ended inside a chunk");
        }
        remaining -= n;
        decoded += n;
        if (signatures != null) {
            signatures.update(bytes, offset, n);
        }
        if (remaining == 0) {
            expectCrlf();
            if (signatures != null) {
                signatures.end();
            }
        }
        return n;
    }

    private void startChunk() throws IOException {
        int length = readLine("chunk header");
        if (length < 0) {
            throw incomplete("the body ended before the final zero-length chunk");
        }
        int end = 0;
        while (end < length && line[end] != ';') {
            end++;
        }
        if (end == 0 || end > 16) {
            throw new S3Exception(
                    S3Error.INVALID_REQUEST,
                    "aws-chunked: bad chunk size '"
                            + new String(line, 0, Math.min(end, 40), StandardCharsets.ISO_8859_1) + "'");
        }
        long size = 0;
        for (int i = 0; i < end; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                throw new S3Exception(
                        S3Error.INVALID_REQUEST,
                        "aws-chunked: bad chunk size '" + new String(line, 0, end, StandardCharsets.ISO_8859_1) + "'");
            }
            size = size * 16 + digit;
            // checked per digit: sixteen hex digits would overflow into a negative size
            if (size > MAX_CHUNK_BYTES) {
                throw new S3Exception(
                        S3Error.INVALID_REQUEST,
                        "aws-chunked: chunk of 0x"
                                + new String(line, 0, end, StandardCharsets.ISO_8859_1) + " bytes exceeds the "
                                + MAX_CHUNK_BYTES + " byte limit");
            }
        }
        if (signatures != null) {
            signatures.begin(
                    end < length ? new String(line, end + 1, length - end - 1, StandardCharsets.ISO_8859_1) : null);
            if (size == 0) {
                signatures.end();
            }
        }
        if (size == 0) {
            readTrailers();
            finished = true;
        }
        remaining = size;
    }

    private void readTrailers() throws IOException {
        List<String> lines = new ArrayList<>();
        @Nullable String signature = null;
        while (true) {
            int length = readLine("trailer");
            if (length <= 0) {
                // An empty line ends the trailers; some clients also just close after the last one.
                if (signatures != null) {
                    signatures.trailer(lines, signature);
                }
                return;
            }
            if (trailers.size() == MAX_TRAILERS) {
                throw new S3Exception(
                        S3Error.INVALID_REQUEST, "aws-chunked: more than " + MAX_TRAILERS + " trailer lines");
            }
            String header = new String(line, 0, length, StandardCharsets.UTF_8);
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "aws-chunked: bad trailer line");
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE)) {
                signature = value;
            } else {
                lines.add(name + ":" + value);
                trailers.put(name, value);
            }
        }
    }

    /** Reads one CRLF-terminated line into {@link #line}; returns its length, or -1 at end of stream. */
    private int readLine(String what) throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return length == 0 ? -1 : lengthAtEof(length, what);
            }
            if (b == '\n') {
                return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            }
            if (length == line.length) {
                throw new S3Exception(
                        S3Error.INVALID_REQUEST,
                        "aws-chunked: " + what + " longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line[length++] = (byte) b;
        }
    }

    private int lengthAtEof(int length, String what) {
        throw incomplete("the body ended inside a " + what);
    }

    private void expectCrlf() throws IOException {
        int cr = in.read();
        int lf = cr == '\r' ? in.read() : cr;
        if (cr < 0 || lf < 0) {
            throw incomplete("the body ended after a chunk's data");
        }
        if (lf != '\n') {
            throw new S3Exception(S3Error.INVALID_REQUEST, "aws-chunked: chunk data not followed by CRLF");
        }
    }

    private static S3Exception incomplete(String why) {
        return new S3Exception(S3Error.INCOMPLETE_BODY, "aws-chunked: " + why);
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
