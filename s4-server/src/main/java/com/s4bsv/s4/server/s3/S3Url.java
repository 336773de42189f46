package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.wire.UriText;

/** S3's URL encoding: every byte but unreserved characters and '/' percent-encoded (never '+' for space). */
final class S3Url {

    private S3Url() {}

    static String encode(String text, boolean keepSlash) {
        return UriText.encode(text, keepSlash);
    }
}
