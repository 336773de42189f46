package com.s4bsv.s4.key;

/**
 * A listing or deletion target: {@code s4://}, {@code s4://bucket}, {@code s4://bucket/dir/} or a key prefix
 * such as {@code s4://bucket/dir/pa}.
 *
 * @param bucket empty only for {@code s4://} (all buckets)
 * @param prefix the path prefix, possibly empty or ending in '/'
 */
public record S4Prefix(String bucket, String prefix) {

    public S4Prefix {
        String text = KeyRules.SCHEME + bucket + (bucket.isEmpty() ? "" : "/") + prefix;
        if (!bucket.isEmpty()) {
            KeyRules.checkBucket(text, bucket);
            KeyRules.checkPath(text, prefix, true);
        } else if (!prefix.isEmpty()) {
            throw new InvalidKeyException(text, "missing bucket name after s4://");
        }
    }

    public static S4Prefix parse(String text) {
        if (!text.startsWith(KeyRules.SCHEME)) {
            throw new InvalidKeyException(text, "missing s4:// prefix");
        }
        String rest = text.substring(KeyRules.SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty() && slash >= 0) {
            throw new InvalidKeyException(text, "missing bucket name after s4://");
        }
        return new S4Prefix(bucket, prefix);
    }

    public boolean isAllBuckets() {
        return bucket.isEmpty();
    }

    @Override
    public String toString() {
        return bucket.isEmpty() ? KeyRules.SCHEME : KeyRules.SCHEME + bucket + "/" + prefix;
    }
}
