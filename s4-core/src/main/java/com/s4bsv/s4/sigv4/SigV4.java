package com.s4bsv.s4.sigv4;

import com.s4bsv.s4.wire.UriText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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

    private SigV4() {}

    public static String amzDate(Instant time) {
        return AMZ_DATE.format(time);
    }

    /** @throws DateTimeParseException when {@code value} is not {@code yyyyMMddTHHmmssZ} */
    public static Instant parseAmzDate(String value) {
        return Instant.from(AMZ_DATE.parse(value));
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
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
