package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.ObjectStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The headers S3 keeps with an object: the standard ones it returns on GET and HEAD, and user metadata
 * ({@code x-amz-meta-*}, names lowercased). As on S3, non-ASCII metadata values arrive raw or RFC 2047-encoded,
 * are kept as text, and go back RFC 2047-encoded so every HTTP client can read them.
 */
final class ObjectHeaders {

    static final String USER_PREFIX = "x-amz-meta-";
    /** S3's limit: the UTF-8 bytes of every user metadata name and value, summed. */
    static final int MAX_USER_BYTES = 2 * 1024;

    static final List<String> STANDARD = List.of(
            "Content-Type", "Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires");
    /** GetObject's {@code response-*} parameters and the header each one sets. */
    static final Map<String, String> OVERRIDES = Map.of(
            "response-content-type",
            "Content-Type",
            "response-content-encoding",
            "Content-Encoding",
            "response-content-disposition",
            "Content-Disposition",
            "response-content-language",
            "Content-Language",
            "response-cache-control",
            "Cache-Control",
            "response-expires",
            "Expires");

    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    private ObjectHeaders() {}

    /**
     * What to keep of a PutObject or CreateMultipartUpload request.
     *
     * @throws S3Exception MetadataTooLarge past S3's 2 KiB of user metadata
     */
    static Map<String, String> of(HttpServletRequest request) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : STANDARD) {
            String value = request.getHeader(name);
            if (name.equals("Content-Encoding") && value != null) {
                value = withoutAwsChunked(value);
            }
            if (value != null && !value.isEmpty()) {
                kept.put(name, value);
            }
        }
        int userBytes = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(USER_PREFIX)) {
                String value = text(String.join(",", Collections.list(request.getHeaders(name))));
                kept.put(lower, value);
                userBytes += utf8Length(lower.substring(USER_PREFIX.length())) + utf8Length(value);
            }
        }
        int allBytes = kept.entrySet().stream()
                .mapToInt(e -> utf8Length(e.getKey()) + utf8Length(e.getValue()) + 2)
                .sum();
        if (userBytes > MAX_USER_BYTES || allBytes > ObjectStore.MAX_METADATA_BYTES) {
            throw new S3Exception(
                    S3Error.METADATA_TOO_LARGE,
                    S3Error.METADATA_TOO_LARGE.message() + " Your"
                            + " metadata size is " + userBytes + " bytes (" + allBytes
                            + " with the standard headers); the"
                            + " limit is " + MAX_USER_BYTES + " (" + ObjectStore.MAX_METADATA_BYTES + ") bytes.",
                    null,
                    Map.of("Size", Integer.toString(userBytes), "MaxSizeAllowed", Integer.toString(MAX_USER_BYTES)));
        }
        return kept;
    }

    /** Sets the kept headers on a GET or HEAD answer, then the request's {@code response-*} overrides. */
    static void apply(Map<String, String> kept, HttpServletRequest request, HttpServletResponse response) {
        response.setContentType(kept.getOrDefault("Content-Type", DEFAULT_CONTENT_TYPE));
        kept.forEach((name, value) -> {
            if (!name.equals("Content-Type")) {
                response.setHeader(name, name.startsWith(USER_PREFIX) ? mailSafe(value) : value);
            }
        });
        OVERRIDES.forEach((parameter, header) -> {
            String value = request.getParameter(parameter);
            if (value != null) {
                if (header.equals("Content-Type")) {
                    response.setContentType(value);
                } else {
                    response.setHeader(header, value);
                }
            }
        });
    }

    private static @Nullable String withoutAwsChunked(String value) {
        var kept = new StringBuilder();
        for (String coding : value.split(",")) {
            String c = coding.strip();
            if (!c.isEmpty() && !c.equalsIgnoreCase("aws-chunked")) {
                kept.append(kept.isEmpty() ? "" : ",").append(c);
            }
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    /**
     * A header value as text: RFC 2047 encoded words decoded; raw bytes (which the container reads as ISO-8859-1)
     * read as UTF-8 when they are UTF-8.
     */
    static String text(String value) {
        Matcher words = ENCODED_WORD.matcher(value);
        if (words.find()) {
            var out = new StringBuilder();
            int last = 0;
            do {
                out.append(value, last, words.start()).append(decodeWord(words));
                last = words.end();
            } while (words.find());
            return out.append(value.substring(last)).toString();
        }
        boolean ascii = value.chars().allMatch(c -> c < 0x80);
        if (ascii || value.chars().anyMatch(c -> c > 0xFF)) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return value;
        }
    }

    private static String decodeWord(Matcher word) {
        try {
            Charset charset = Charset.forName(word.group(1));
            String data = word.group(3);
            if (word.group(2).equalsIgnoreCase("B")) {
                return new String(Base64.getDecoder().decode(data), charset);
            }
            var bytes = new ByteArrayOutputStream();
            for (int i = 0; i < data.length(); i++) {
                char c = data.charAt(i);
                if (c == '_') {
                    bytes.write(' ');
                } else if (c == '=' && i + 2 < data.length()) {
                    bytes.write(Integer.parseInt(data.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.write(c);
                }
            }
            return bytes.toString(charset);
        } catch (IllegalArgumentException e) {
            return word.group();
        }
    }

    /** RFC 2047 {@code =?UTF-8?B?...?=} for a value that is not printable ASCII; as is otherwise. */
    static String mailSafe(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
