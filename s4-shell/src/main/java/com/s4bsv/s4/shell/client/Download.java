package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One open GET: copies the body out while checking its length and the node's CRC32C. */
final class Download implements AutoCloseable {

    private static final int COPY_BUFFER = 64 * 1024;

    private final NodeAddress node;
    private final String what;
    private final InputStream body;
    private final String expected;
    private final long length;

    Download(NodeAddress node, String what, InputStream body, String expected, long length) {
        this.node = node;
        this.what = what;
        this.body = body;
        this.expected = expected;
        this.length = length;
    }

    long copyTo(OutputStream out, Progress progress) {
        var checksum = new StreamingChecksum();
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        progress.start(length);
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                throw new S4ClientException("download of " + what + " from node " + node + " failed after "
                        + total + " bytes: " + Causes.describe(e), e);
            }
            if (n < 0) {
                break;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw S4ClientException.writeFailed(what, e);
            }
            checksum.update(buffer, 0, n);
            total += n;
            progress.advance(n);
        }
        if (length >= 0 && total != length) {
            throw new S4ClientException("download of " + what + " from node " + node + " ended after " + total
                    + " of " + length + " bytes");
        }
        String actual = checksum.base64();
        long expectedValue;
        try {
            expectedValue = StreamingChecksum.fromBase64(expected);
        } catch (IllegalArgumentException e) {
            throw new S4ClientException.ChecksumMismatch("node " + node + " sent a malformed "
                    + Wire.CHECKSUM_CRC32C + " header for " + what + ": '" + expected + "'");
        }
        if (expectedValue != checksum.value()) {
            throw new S4ClientException.ChecksumMismatch(what, expected, actual);
        }
        progress.finish();
        return total;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing a half-read body may fail; nothing is left to release
        }
    }
}
