package com.s4bsv.s4.server.s3.checksum;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.testing.FuzzMeter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

/**
 * The aws-chunked decoder on bodies an encoder in this test builds from fuzzed payload, chunking, signatures and
 * trailers, then maybe damages (cut, byte changed, bytes inserted), or on raw fuzzed bytes. An intact body decodes
 * to exactly the payload and trailers; a body cut before its final zero-length chunk is an {@code IncompleteBody},
 * never a short success; any other input decodes or fails with a 4xx {@link S3Exception}, and nothing else, read
 * in whatever slices the caller asks for.
 */
class AwsChunkedFuzzTest {

    private static final FuzzMeter METER = new FuzzMeter("AwsChunkedInputStream");

    @FuzzTest(maxDuration = "10s")
    void decodesWhatWasEncodedAndRejectsTheRestWithAnS3Error(FuzzedDataProvider data) throws Exception {
        METER.run(new byte[0], () -> {
            boolean raw = data.consumeBoolean();
            int damage = data.consumeInt(0, 3);
            int readSlice = data.consumeInt(0, 70_000);
            if (raw) {
                decode(data.consumeRemainingAsBytes(), readSlice);
                return;
            }
            Encoded body = encode(data);
            byte[] bytes = body.bytes();
            switch (damage) {
                case 1 -> {
                    int cut = data.consumeInt(0, bytes.length);
                    Decoded decoded = decode(Arrays.copyOf(bytes, cut), readSlice);
                    if (cut < body.finalChunkEnd()) {
                        check(
                                decoded.error() == S3Error.INCOMPLETE_BODY,
                                "a body cut at " + cut + " of "
                                        + bytes.length + " (final chunk ends at " + body.finalChunkEnd() + ") gave "
                                        + decoded.error(),
                                bytes);
                    }
                    return;
                }
                case 2 -> {
                    if (bytes.length > 0) {
                        bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
                    }
                    decode(bytes, readSlice);
                    return;
                }
                case 3 -> {
                    int at = data.consumeInt(0, bytes.length);
                    byte[] inserted = data.consumeBytes(8);
                    byte[] longer = new byte[bytes.length + inserted.length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(inserted, 0, longer, at, inserted.length);
                    System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
                    decode(longer, readSlice);
                    return;
                }
                default -> {
                    Decoded decoded = decode(bytes, readSlice);
                    check(decoded.error() == null, "an intact body failed: " + decoded.error(), bytes);
                    check(Arrays.equals(decoded.payload(), body.payload()), "decoded bytes differ", bytes);
                    check(decoded.trailers().equals(body.trailers()), "trailers differ: " + decoded.trailers(), bytes);
                }
            }
        });
    }

    /** A body as an aws-chunked encoder writes it; {@code finalChunkEnd} is the offset after {@code 0\r\n}. */
    private record Encoded(byte[] bytes, byte[] payload, Map<String, String> trailers, int finalChunkEnd) {}

    private static Encoded encode(FuzzedDataProvider data) {
        boolean signed = data.consumeBoolean();
        boolean upperHex = data.consumeBoolean();
        int trailerCount = data.consumeInt(0, 3);
        byte[] payload = data.consumeBytes(data.consumeInt(0, 200_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < payload.length) {
            int size = Math.min(payload.length - at, data.consumeInt(1, 70_000));
            String hex = Integer.toHexString(size);
            ascii(
                    out,
                    (upperHex ? hex.toUpperCase(Locale.ROOT) : hex)
                            + (signed ? ";chunk-signature=" + "ab".repeat(32) : "") + "\r\n");
            out.write(payload, at, size);
            ascii(out, "\r\n");
            at += size;
        }
        ascii(out, "0" + (signed ? ";chunk-signature=" + "cd".repeat(32) : "") + "\r\n");
        int finalChunkEnd = out.size();
        Map<String, String> trailers = new LinkedHashMap<>();
        for (int i = 0; i < trailerCount; i++) {
            String name = "x-amz-checksum-" + i;
            String value =
                    data.consumeAsciiString(40).replaceAll("[\\r\\n]", "").strip();
            trailers.put(name, value);
            ascii(out, name + ":" + value + "\r\n");
        }
        ascii(out, "\r\n");
        return new Encoded(out.toByteArray(), payload, trailers, finalChunkEnd);
    }

    private record Decoded(
            byte[] payload,
            Map<String, String> trailers,
            @Nullable S3Error error) {}

    /** Reads everything in slices of {@code slice} bytes (0: one byte at a time through {@code read()}). */
    private static Decoded decode(byte[] body, int slice) throws IOException {
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (slice == 0) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    out.write(b);
                }
            } else {
                byte[] buffer = new byte[slice];
                for (int n = in.read(buffer, 0, slice); n >= 0; n = in.read(buffer, 0, slice)) {
                    check(n > 0 && n <= slice, "read returned " + n, body);
                    out.write(buffer, 0, n);
                }
            }
        } catch (S3Exception e) {
            int status = e.error().status();
            check(status >= 400 && status < 500, "status " + status + " (" + e.getMessage() + ")", body);
            return new Decoded(out.toByteArray(), in.trailers(), e.error());
        }
        check(out.size() == in.decodedBytes(), "decodedBytes " + in.decodedBytes() + " != " + out.size(), body);
        return new Decoded(out.toByteArray(), in.trailers(), null);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void check(boolean ok, String what, byte[] body) {
        if (!ok) {
            String start = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
            throw new AssertionError(
                    what + "; body starts: " + start.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    @AfterAll
    static void report() {
        METER.print();
    }
}
