package com.s4bsv.s4.sigv4;

import com.s4bsv.s4.wire.UriText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** The pieces of AWS Signature Version 4 (AWS4-HMAC-SHA256); every method is pure. */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String SERVICE = "s3";
    public static final String TERMINATOR = "aws4_request";
    public static final String CONTENT_SHA256 = "x-amz-content-sha256";
    public static final String DATE = "x-amz-date";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final Mac HMAC_PROTOTYPE = newHmac();

    private SigV4() {}

    public static String amzDate(Instant time) {
        return AMZ_DATE.format(time);
    }

    /**
     * Parsed by hand: every signed request carries one, and a {@code DateTimeFormatter} parse costs more than the
     * rest of the date handling.
     *
     * @throws DateTimeParseException when {@code value} is not {@code yyyyMMddTHHmmssZ} or names no such time
     */
    public static Instant parseAmzDate(String value) {
        if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
            throw new DateTimeParseException("not yyyyMMddTHHmmssZ", value, 0);
        }
        try {
            LocalDateTime time = LocalDateTime.of(
                    digits(value, 0, 4),
                    digits(value, 4, 6),
                    digits(value, 6, 8),
                    digits(value, 9, 11),
                    digits(value, 11, 13),
                    digits(value, 13, 15));
            return time.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new DateTimeParseException(e.getMessage(), value, 0, e);
        }
    }

    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new DateTimeParseException("not yyyyMMddTHHmmssZ", text, i);
            }
            n = n * 10 + d;
        }
        return n;
    }

    public static String scope(String date, String region, String service) {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, TERMINATOR);
    }

    public static String canonicalRequest(
            String method,
            String canonicalUri,
            String canonicalQuery,
            List<Map.Entry<String, String>> canonicalHeaders,
            String payloadHash) {
        var out = new StringBuilder(256);
        out.append(method)
                .append('\n')
                .append(canonicalUri)
                .append('\n')
                .append(canonicalQuery)
                .append('\n');
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> header : canonicalHeaders) {
            out.append(header.getKey()).append(':').append(header.getValue()).append('\n');
            names.add(header.getKey());
        }
        out.append('\n').append(String.join(";", names)).append('\n').append(payloadHash);
        return out.toString();
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    }

    /** What the signature of one aws-chunked chunk signs; {@code dataSha256Hex} is the chunk's data hash. */
    public static String chunkStringToSign(
            String amzDate, String scope, String previousSignature, String dataSha256Hex) {
        return ALGORITHM + "-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n" + EMPTY_SHA256 + "\n"
                + dataSha256Hex;
    }

    /** What the trailer signature signs: {@code trailers} is the trailer lines, each {@code name:value\n}. */
    public static String trailerStringToSign(String amzDate, String scope, String previousSignature, String trailers) {
        return ALGORITHM + "-TRAILER\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n"
                + sha256Hex(trailers);
    }

    public static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    /** The hex signature with a key whose HMAC is keyed once ({@link SigningKey}): for keys used again and again. */
    public static String signature(SigningKey signingKey, String stringToSign) {
        return signingKey.signature(stringToSign);
    }

    /** Header values as signed: surrounding blanks trimmed, inner runs of blanks made one space. */
    public static String canonicalValue(String value) {
        String trimmed = value.strip();
        if (trimmed.indexOf("  ") < 0 && trimmed.indexOf('\t') < 0) {
            return trimmed;
        }
        return trimmed.replaceAll("[ \\t]+", " ");
    }

    /**
     * The canonical URI of a raw (as sent) path: decoded, then encoded the AWS way (everything but unreserved
     * characters and '/'), so clients that encode more or less than AWS does sign the same text.
     */
    public static String canonicalUri(String rawPath) {
        return rawPath.isEmpty() ? "/" : UriText.encode(decode(rawPath, false), true);
    }

    /** The canonical query of a raw query string, without {@code exclude} (the presigned signature). */
    public static String canonicalQuery(@Nullable String rawQuery, @Nullable String exclude) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq), false);
            String value = eq < 0 ? "" : decode(part.substring(eq + 1), false);
            if (name.equals(exclude)) {
                continue;
            }
            pairs.add(new String[] {UriText.encode(name, false), UriText.encode(value, false)});
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        var out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** Percent-decoding; a '%' not followed by two hex digits stays as it is. '+' stays '+' unless asked. */
    public static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        var bytes = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%'
                    && i + 2 < raw.length
                    && Character.digit(raw[i + 1], 16) >= 0
                    && Character.digit(raw[i + 2], 16) >= 0) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else if (b == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static byte[] hmac(byte[] key, String data) {
        return keyedHmac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** A new HmacSHA256 keyed with {@code key}: a clone of an unkeyed prototype, without a provider lookup. */
    static Mac keyedHmac(byte[] key) {
        Mac mac = cloneOf(HMAC_PROTOTYPE);
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 takes any key", e);
        }
        return mac;
    }

    /** A copy of {@code mac} in its current state; a new instance when its provider cannot clone. */
    static Mac cloneOf(Mac mac) {
        try {
            return (Mac) mac.clone();
        } catch (CloneNotSupportedException e) {
            return newHmac();
        }
    }

    private static Mac newHmac() {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    /** Compares two hex signatures in time independent of where they differ. */
    public static boolean sameSignature(String expected, @Nullable String provided) {
        return provided != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), provided.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean isHexSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
