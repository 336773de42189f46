package com.s4bsv.s4.key;

/**
 * One object key, {@code s4://BUCKET/PATH}, valid by construction.
 *
 * @param bucket the first segment after {@code s4://}
 * @param path   everything after the bucket's '/', never empty and never ending in '/'
 */
public record S4Key(String bucket, String path) {

    public S4Key {
        String text = KeyRules.SCHEME + bucket + "/" + path;
        KeyRules.checkBucket(text, bucket);
        KeyRules.checkPath(text, path, false);
    }

    /** Parses {@code s4://bucket/path}; throws {@link InvalidKeyException} naming the broken rule. */
    public static S4Key parse(String text) {
        if (!text.startsWith(KeyRules.SCHEME)) {
            throw new InvalidKeyException(text, "missing s4:// prefix");
        }
        int slash = text.indexOf('/', KeyRules.SCHEME.length());
        String bucket =
                slash < 0 ? text.substring(KeyRules.SCHEME.length()) : text.substring(KeyRules.SCHEME.length(), slash);
        KeyRules.checkBucket(text, bucket);
        if (slash < 0) {
            throw new InvalidKeyException(text, "missing key path after the bucket");
        }
        String path = text.substring(slash + 1);
        KeyRules.checkPath(text, path, false);
        return new S4Key(bucket, path);
    }

    /** The text after the last '/'; placement looks only at this. */
    public String basename() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return KeyRules.SCHEME + bucket + "/" + path;
    }
}
