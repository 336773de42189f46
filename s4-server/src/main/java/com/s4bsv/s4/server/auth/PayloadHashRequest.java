package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.sigv4.SigV4;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A request whose body is hashed as the handler reads it: at its end the SHA-256 must be the signed
 * {@code x-amz-content-sha256}, or the read fails with XAmzContentSHA256Mismatch, so a handler that acts only on
 * a whole body (compute, multipart completion, multi-delete) never acts on an altered one. Nothing is copied.
 */
final class PayloadHashRequest extends HttpServletRequestWrapper {

    private final String expected;
    private ServletInputStream stream;

    PayloadHashRequest(HttpServletRequest request, String expectedHex) {
        super(request);
        this.expected = expectedHex.toLowerCase(Locale.ROOT);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Hashing(super.getInputStream());
        }
        return stream;
    }

    private final class Hashing extends ServletInputStream {

        private final ServletInputStream in;
        private final MessageDigest digest = SigV4.sha256();
        private boolean checked;

        Hashing(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                check();
            } else {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = in.read(bytes, offset, length);
            if (n < 0) {
                check();
            } else {
                digest.update(bytes, offset, n);
            }
            return n;
        }

        private void check() {
            if (checked) {
                return;
            }
            checked = true;
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected)) {
                throw new S3Exception(
                        S3Error.X_AMZ_CONTENT_SHA256_MISMATCH,
                        "x-amz-content-sha256 is " + expected + " but the body's SHA-256 is " + actual);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
