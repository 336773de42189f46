package com.s4bsv.s4.key;

import java.nio.charset.StandardCharsets;

/**
 * The naming rules of DESIGN.md, shared by client and server so a bad key is refused before anything
 * is sent or stored. A key may hold any character but a control character, as in S3 (spaces too, unlike the
 * original s4); what else is refused keeps the on-disk layout safe: empty, '.' and '..' segments (also
 * percent-encoded), percent-encoded separators, segments over 255 bytes, keys over 1024 bytes, unpaired
 * surrogates and, for a key, a trailing '/'.
 */
public final class KeyRules {

    public static final String SCHEME = "s4://";
    public static final int MAX_KEY_BYTES = 1024;
    /** Each segment is a file or directory name on the owner node (NAME_MAX of Linux filesystems). */
    public static final int MAX_SEGMENT_BYTES = 255;

    public static final int MAX_BUCKET_CHARS = 63;

    private KeyRules() {}

    /** Checks a bucket name: 1-63 of {@code a-z 0-9 . -}, starting and ending with a letter or digit. */
    public static void checkBucket(String original, String bucket) {
        if (bucket.isEmpty()) {
            throw new InvalidKeyException(original, "missing bucket name after s4://");
        }
        if (bucket.charAt(0) == '_') {
            throw new InvalidKeyException(original, "bucket names starting with '_' are reserved");
        }
        if (bucket.length() > MAX_BUCKET_CHARS) {
            throw new InvalidKeyException(original, "bucket name longer than " + MAX_BUCKET_CHARS + " characters");
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
            if (!ok) {
                throw new InvalidKeyException(
                        original, "bucket name may hold only lowercase letters, digits, '.' and '-'");
            }
        }
        if (!isAlnum(bucket.charAt(0)) || !isAlnum(bucket.charAt(bucket.length() - 1))) {
            throw new InvalidKeyException(original, "bucket name must start and end with a letter or digit");
        }
        if (bucket.contains("..")) {
            throw new InvalidKeyException(original, "bucket name may not contain '..'");
        }
    }

    /**
     * Checks the path of a key or prefix (the part after the bucket's '/'). A prefix may end with '/'
     * (a directory); a key may not.
     */
    public static void checkPath(String original, String path, boolean isPrefix) {
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidKeyException(original, "key longer than " + MAX_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (isControl(c)) {
                throw new InvalidKeyException(original, "control character at offset " + i);
            }
            if (Character.isSurrogate(c) && !validSurrogatePair(path, i)) {
                throw new InvalidKeyException(original, "not valid UTF-16 text at offset " + i);
            }
        }
        if (path.isEmpty()) {
            if (!isPrefix) {
                throw new InvalidKeyException(original, "missing key path after the bucket");
            }
            return;
        }
        String body = isPrefix && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (body.isEmpty()) {
            throw new InvalidKeyException(original, "empty path segment ('//' or a leading '/')");
        }
        if (!isPrefix && path.endsWith("/")) {
            throw new InvalidKeyException(original, "needed key, got directory (ends with '/')");
        }
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf('/', start);
            if (end < 0) {
                end = body.length();
            }
            checkSegment(original, body.substring(start, end));
            start = end + 1;
        }
    }

    private static void checkSegment(String original, String segment) {
        if (segment.isEmpty()) {
            throw new InvalidKeyException(original, "empty path segment ('//' or a leading '/')");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw new InvalidKeyException(
                    original,
                    "key longer than " + MAX_SEGMENT_BYTES + " bytes in one path segment (a file name on the node)");
        }
        String decoded = segment.replace("%2e", ".").replace("%2E", ".");
        if (decoded.equals(".") || decoded.equals("..")) {
            throw new InvalidKeyException(original, "'.' and '..' segments are not allowed (also percent-encoded)");
        }
        if (segment.contains("%2f") || segment.contains("%2F") || segment.contains("%5c") || segment.contains("%5C")) {
            throw new InvalidKeyException(original, "percent-encoded '/' or '\\' is not allowed");
        }
    }

    /**
     * U+0000-U+001F and U+007F, the characters S3 itself advises against; every other character, spaces and NBSP
     * included, is key text (compute never hands a key to a shell, so it needs no quoting).
     */
    public static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    private static boolean validSurrogatePair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
