package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.key.KeyRules;
import com.s4bsv.s4.key.S4Key;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Bucket and key of a path-style request, taken from the raw request URI and percent-decoded exactly once (so
 * {@code %2F} or {@code %2e%2e} cannot slip past the key rules by a second decoding).
 */
record S3Target(String bucket, String key) {

    static S3Target of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri.substring(context.length());
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.indexOf('/');
        String bucket = decode(slash < 0 ? path : path.substring(0, slash));
        String key = slash < 0 ? "" : decode(path.substring(slash + 1));
        return new S3Target(bucket, key);
    }

    static String checkedBucket(HttpServletRequest request) {
        String bucket = of(request).bucket();
        checkBucket(bucket);
        return bucket;
    }

    static void checkBucket(String bucket) {
        try {
            KeyRules.checkBucket("s4://" + bucket, bucket);
        } catch (InvalidKeyException e) {
            throw new S3Exception(S3Error.INVALID_BUCKET_NAME, e.getMessage(), bucket);
        }
    }

    S4Key s4Key() {
        checkBucket(bucket);
        try {
            return new S4Key(bucket, key);
        } catch (InvalidKeyException e) {
            S3Error error = e.rule().startsWith("key longer") ? S3Error.KEY_TOO_LONG : S3Error.INVALID_ARGUMENT;
            throw new S3Exception(error, e.getMessage(), "/" + bucket + "/" + key);
        }
    }

    /** A key ending in '/' (not only '/'): a folder marker, kept on the directory of the key without the '/'. */
    boolean isFolder() {
        return key.length() > 1 && key.endsWith("/");
    }

    /** The key of the folder marker's directory: {@code dir} for {@code dir/}. */
    S4Key folderKey() {
        checkBucket(bucket);
        try {
            return new S4Key(bucket, key.substring(0, key.length() - 1));
        } catch (InvalidKeyException e) {
            S3Error error = e.rule().startsWith("key longer") ? S3Error.KEY_TOO_LONG : S3Error.INVALID_ARGUMENT;
            throw new S3Exception(error, e.getMessage(), "/" + bucket + "/" + key);
        }
    }

    /** Percent-decoding as in a URI path: '+' stays '+', the bytes are UTF-8. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new S3Exception(S3Error.INVALID_URI, "bad percent-encoding in '" + raw + "'");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new S3Exception(S3Error.INVALID_URI, "bad percent-encoding in '" + raw + "'");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    utf8 = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new S3Exception(S3Error.INVALID_URI, "percent-encoded bytes are not UTF-8 in '" + raw + "'");
        }
    }
}
