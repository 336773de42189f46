package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.key.KeyRules;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.wire.UriText;
import jakarta.servlet.http.HttpServletRequest;

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
        try {
            return UriText.decode(raw);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.INVALID_URI, e.getMessage());
        }
    }
}
