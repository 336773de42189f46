package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.util.Map;

/**
 * The object an {@code x-amz-copy-source} header names: {@code [/]bucket/key[?versionId=v]}, percent-encoded.
 * s4 keeps one version of a key, so only {@code versionId=null} (S3's name for it) is understood.
 */
final class CopySource {

    static final String HEADER = "x-amz-copy-source";

    private CopySource() {}

    static S3Target parse(String header) {
        String value = header.strip();
        int query = value.indexOf('?');
        if (query >= 0) {
            String parameters = value.substring(query + 1);
            value = value.substring(0, query);
            if (!parameters.equals("versionId=null")) {
                throw new S3Exception(
                        S3Error.NOT_IMPLEMENTED,
                        "s4 keeps one version of each key: a copy source can name no versionId but 'null' ("
                                + parameters + ")");
            }
        }
        if (value.startsWith("/")) {
            value = value.substring(1);
        }
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            throw new S3Exception(
                    S3Error.INVALID_ARGUMENT,
                    "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                    null,
                    Map.of("ArgumentName", HEADER, "ArgumentValue", header));
        }
        return new S3Target(S3Target.decode(value.substring(0, slash)), S3Target.decode(value.substring(slash + 1)));
    }
}
