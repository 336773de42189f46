package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a listing page starts: after {@code name}, and past every key under it when it was a common prefix.
 * Continuation tokens are this, encoded; every node decodes them the same way.
 */
record Resume(String name, boolean skipGroup) {

    String token() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(((skipGroup ? "P" : "K") + name).getBytes(StandardCharsets.UTF_8));
    }

    static Resume ofToken(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect");
        }
        if (text.isEmpty() || (text.charAt(0) != 'P' && text.charAt(0) != 'K')) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect");
        }
        return new Resume(text.substring(1), text.charAt(0) == 'P');
    }

    boolean skips(String key) {
        return KeyOrder.compare(key, name) <= 0 || (skipGroup && key.startsWith(name));
    }
}
