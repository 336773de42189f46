package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.util.List;
import java.util.regex.Pattern;

/**
 * S3's naming rules for general purpose buckets, applied by CreateBucket. A bucket that a put creates (s4's
 * implicit buckets, as the original s4 and {@code s4://b/k}) follows only the looser key rules of s4-core.
 */
final class BucketNames {

    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES =
            List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {}

    /** @throws S3Exception InvalidBucketName, saying which rule the name breaks */
    static void checkS3(String bucket) {
        S3Target.checkBucket(bucket);
        if (bucket.length() < 3) {
            throw invalid(bucket, "must be at least 3 characters long");
        }
        if (bucket.contains(".-") || bucket.contains("-.")) {
            throw invalid(bucket, "must not contain '.-' or '-.'");
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            throw invalid(bucket, "must not be formatted as an IP address");
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (bucket.startsWith(prefix)) {
                throw invalid(bucket, "must not start with '" + prefix + "' (reserved by S3)");
            }
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (bucket.endsWith(suffix)) {
                throw invalid(bucket, "must not end with '" + suffix + "' (reserved by S3)");
            }
        }
    }

    private static S3Exception invalid(String bucket, String rule) {
        return new S3Exception(
                S3Error.INVALID_BUCKET_NAME,
                "The specified bucket is not valid: bucket name '" + bucket + "' " + rule + ".",
                bucket);
    }
}
