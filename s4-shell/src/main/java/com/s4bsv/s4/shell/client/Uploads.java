package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.wire.Wire;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** Puts of {@link S4Client}: a file with its checksum up front, or a stream in constant memory. */
final class Uploads {

    /** Stdin up to this size is buffered and sent with a plain checksum header; larger input streams aws-chunked. */
    static final int STDIN_BUFFER = 4 * 1024 * 1024;

    static final long EXPECT_CONTINUE_ABOVE = 1024 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final NodeCalls calls;

    Uploads(NodeCalls calls) {
        this.calls = calls;
    }

    void put(S4Key key, Path file, Progress progress) {
        String what = key.toString();
        long size;
        String crc;
        try {
            size = Files.size(file);
            var checksum = new StreamingChecksum();
            byte[] buffer = new byte[COPY_BUFFER];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    checksum.update(buffer, 0, n);
                }
            }
            crc = checksum.base64();
        } catch (IOException e) {
            throw new S4ClientException("cannot read " + file + ": " + Causes.describe(e), e);
        }
        refuseExistingBeforeLargeUpload(key, size);
        progress.start(size);
        HttpRequest.BodyPublisher body = size == 0
                ? HttpRequest.BodyPublishers.ofByteArray(new byte[0])
                : HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> {
                            try {
                                return new Counting(Files.newInputStream(file), progress);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }),
                        size);
        HttpRequest request = putRequest(key, size)
                .header(Wire.CHECKSUM_CRC32C, crc)
                .PUT(body)
                .build();
        finishPut(key, what, request);
        progress.finish();
    }

    void put(S4Key key, InputStream in, Progress progress) {
        String what = key.toString();
        byte[] head;
        try {
            head = in.readNBytes(STDIN_BUFFER);
        } catch (IOException e) {
            throw new S4ClientException("cannot read input for " + what + ": " + Causes.describe(e), e);
        }
        HttpRequest request;
        if (head.length < STDIN_BUFFER) {
            progress.start(head.length);
            String crc = new StreamingChecksum().update(head, 0, head.length).base64();
            request = putRequest(key, head.length)
                    .header(Wire.CHECKSUM_CRC32C, crc)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(head))
                    .build();
            progress.advance(head.length);
        } else {
            refuseExistingBeforeLargeUpload(key, -1);
            progress.start(-1);
            var encoder = new AwsChunkedEncoder(new SequenceInputStream(new ByteArrayInputStream(head), in), progress);
            request = putRequest(key, -1)
                    .header("Content-Encoding", "aws-chunked")
                    .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                    .header("x-amz-trailer", Wire.CHECKSUM_CRC32C)
                    .header("x-amz-sdk-checksum-algorithm", "CRC32C")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> encoder))
                    .build();
        }
        finishPut(key, what, request);
        progress.finish();
    }

    /**
     * A node refuses a put on an existing key as soon as it sees the request, and then closes the connection rather
     * than read the rest of a large body; the JDK client reports that as a broken upload, not as the 409. So before
     * sending more than a little, ask whether the key is there. (A racing writer still gets the node's 409.)
     */
    private void refuseExistingBeforeLargeUpload(S4Key key, long size) {
        if (size >= 0 && size <= EXPECT_CONTINUE_ABOVE) {
            return;
        }
        if (calls.exists(key)) {
            throw new S4ClientException.KeyExists(key.toString());
        }
    }

    /**
     * Large bodies ask before sending ({@code Expect: 100-continue}): a node refuses an existing key (409) at once and
     * closes the connection rather than read gigabytes, which would surface as a broken upload instead of the 409.
     */
    private HttpRequest.Builder putRequest(S4Key key, long size) {
        boolean large = size < 0 || size > EXPECT_CONTINUE_ABOVE;
        var uri = calls.objectUri(key);
        // HttpClient's timeout runs until the response headers, i.e. over the whole upload: only small bodies get one
        return (large
                        ? HttpRequest.newBuilder(uri)
                        : Http.request(uri, calls.settings().responseTimeout()))
                .expectContinue(large)
                .header("Content-Type", "application/octet-stream")
                .header("If-None-Match", "*");
    }

    private void finishPut(S4Key key, String what, HttpRequest request) {
        NodeAddress node = calls.owner(key);
        HttpResponse<InputStream> response =
                calls.http().send(node, what, request, HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 204) {
            Http.errorBody(response);
            return;
        }
        String body = Http.errorBody(response);
        if (status == 409 || status == 412) {
            throw new S4ClientException.KeyExists(what);
        }
        throw Http.failure(node, what, status, body);
    }

    private static final class Counting extends FilterInputStream {
        private final Progress progress;

        Counting(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                progress.advance(n);
            }
            return n;
        }
    }
}
