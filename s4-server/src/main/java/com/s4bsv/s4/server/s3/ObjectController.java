package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.KeyRouter;
import com.s4bsv.s4.server.s3.checksum.UploadBody;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.IoSlots;
import com.s4bsv.s4.server.storage.KeyExistsException;
import com.s4bsv.s4.server.storage.MultipartUploads;
import com.s4bsv.s4.server.storage.NoSuchKeyException;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** PutObject, GetObject (Range), HeadObject, DeleteObject on {@code /{bucket}/{key}}. */
@RestController
class ObjectController {

    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    private static final long SENDFILE_MIN_BYTES = 64 * 1024;
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final KeyRouter router;
    private final IoSlots slots;
    private final S3Metrics metrics;

    ObjectController(ObjectStore store, KeyRouter router, IoSlots slots, S3Metrics metrics) {
        this.store = store;
        this.router = router;
        this.slots = slots;
        this.metrics = metrics;
    }

    @PutMapping("/{bucket}/**")
    @Understands
    void put(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        S3Operation.PUT_OBJECT.mark(request);
        S3Target target = S3Target.of(request);
        if (target.isFolder()) {
            putFolder(target.folderKey(), request, response);
            return;
        }
        S4Key key = target.s4Key();
        UploadBody.checkDeclaredSize(request, UploadBody.MAX_OBJECT_BYTES);
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        Map<String, String> metadata = ObjectHeaders.of(request);
        // Before reading the body: with Expect: 100-continue the client then never sends it.
        if (store.find(key).isPresent()) {
            throw new KeyExistsException(key.toString());
        }
        try (IoSlots.Slot slot = slot()) {
            UploadBody body = UploadBody.of(request, metrics::checksumFailure);
            StoredObject stored = store.put(key, body.stream(), body.check(), metadata);
            metrics.bytesIn(S3Operation.PUT_OBJECT, stored.size());
            response.setHeader("ETag", stored.etag());
            response.setHeader(Wire.CHECKSUM_CRC32C, stored.checksumBase64());
            body.verifiedHeaders(stored.crc32c()).forEach(response::setHeader);
            response.setContentLength(0);
        }
    }

    /** A zero-byte key ending in '/' (a folder marker); one with bytes is refused, as S3 tools never send it. */
    private void putFolder(S4Key dir, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (router.forwardIfRemote(dir, request, response)) {
            return;
        }
        Map<String, String> metadata = ObjectHeaders.of(request);
        if (store.findMarker(dir).isPresent()) {
            throw new KeyExistsException(dir + "/");
        }
        UploadBody body = UploadBody.of(request, metrics::checksumFailure);
        if (body.stream().transferTo(OutputStream.nullOutputStream()) > 0) {
            throw new S3Exception(
                    S3Error.INVALID_ARGUMENT,
                    "a key ending in '/' is a folder marker and must be" + " empty: " + dir + "/");
        }
        long emptyCrc = new StreamingChecksum().value();
        body.check().verify(emptyCrc, 0);
        StoredObject stored = store.putMarker(dir, metadata);
        response.setHeader("ETag", stored.etag());
        response.setHeader(Wire.CHECKSUM_CRC32C, stored.checksumBase64());
        body.verifiedHeaders(emptyCrc).forEach(response::setHeader);
        response.setContentLength(0);
    }

    @GetMapping("/{bucket}/**")
    @Understands({
        "partNumber",
        "response-content-type",
        "response-content-encoding",
        "response-content-disposition",
        "response-content-language",
        "response-cache-control",
        "response-expires"
    })
    void get(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        read(S3Operation.GET_OBJECT, request, response);
    }

    @RequestMapping(path = "/{bucket}/**", method = RequestMethod.HEAD)
    @Understands({
        "partNumber",
        "response-content-type",
        "response-content-encoding",
        "response-content-disposition",
        "response-content-language",
        "response-cache-control",
        "response-expires"
    })
    void head(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        read(S3Operation.HEAD_OBJECT, request, response);
    }

    private void read(S3Operation operation, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        operation.mark(request);
        S3Target target = S3Target.of(request);
        S4Key key = target.isFolder() ? target.folderKey() : target.s4Key();
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        StoredObject object = target.isFolder()
                ? store.findMarker(key).orElseThrow(() -> new NoSuchKeyException(key + "/"))
                : store.get(key);
        response.setHeader("ETag", object.etag());
        response.setHeader("Last-Modified", HTTP_DATE.format(object.lastModified()));
        if (Preconditions.check(request::getHeader, "", object.etag(), object.lastModified())
                == Preconditions.Outcome.NOT_MODIFIED) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String partNumber = request.getParameter("partNumber");
        Range range = partNumber == null
                ? Range.parse(request.getHeader("Range"), object.size())
                : partRange(request, response, object, partNumber);
        response.setHeader("Accept-Ranges", "bytes");
        ObjectHeaders.apply(store.metadata(object), request, response);
        long first = 0;
        long length = object.size();
        if (range != null) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + object.size());
            first = range.first();
            length = range.length();
        } else {
            // The whole object's checksum; the s4 client and the SDKs verify downloads with it.
            response.setHeader(Wire.CHECKSUM_CRC32C, object.checksumBase64());
            response.setHeader("x-amz-checksum-type", "FULL_OBJECT");
        }
        response.setContentLengthLong(length);
        if (operation == S3Operation.HEAD_OBJECT || length == 0) {
            return;
        }
        metrics.bytesOut(operation, length);
        if (length >= SENDFILE_MIN_BYTES && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            // Zero-copy: Tomcat sends the file from the kernel after we return. Safe because committed files are
            // never written again (a delete only unlinks; the open file stays readable).
            request.setAttribute(SENDFILE_FILENAME, object.file().toString());
            request.setAttribute(SENDFILE_START, first);
            request.setAttribute(SENDFILE_END, first + length);
            return;
        }
        try (IoSlots.Slot slot = slot();
                FileChannel in = FileChannel.open(object.file(), StandardOpenOption.READ)) {
            OutputStream out = response.getOutputStream();
            WritableByteChannel channel = Channels.newChannel(out);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, 256 * 1024) + 1);
            long position = first;
            long end = first + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int n = in.read(buffer, position);
                if (n < 0) {
                    throw new IOException("file of " + key + " is shorter than its size");
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                position += n;
            }
        }
    }

    /** The bytes of one part of a multipart object, as S3 serves {@code ?partNumber=N}. */
    private @Nullable Range partRange(
            HttpServletRequest request, HttpServletResponse response, StoredObject object, String partNumber)
            throws IOException {
        if (request.getHeader("Range") != null) {
            throw new S3Exception(
                    S3Error.INVALID_REQUEST, "Cannot specify both Range header and partNumber query" + " parameter");
        }
        int number;
        try {
            number = Integer.parseInt(partNumber.strip());
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > MultipartUploads.MAX_PART_NUMBER) {
            throw new S3Exception(
                    S3Error.INVALID_ARGUMENT,
                    "Part number must be an integer between 1 and " + MultipartUploads.MAX_PART_NUMBER + ", inclusive");
        }
        List<Long> sizes = store.partSizes(object);
        if (!sizes.isEmpty()) {
            response.setHeader("x-amz-mp-parts-count", Integer.toString(sizes.size()));
        }
        int count = Math.max(1, sizes.size());
        if (number > count) {
            throw new S3Exception(S3Error.INVALID_PART, "The object has " + count + " part(s), not part " + number);
        }
        if (count == 1) {
            return null;
        }
        long first = 0;
        for (int i = 0; i < number - 1; i++) {
            first += sizes.get(i);
        }
        long size = sizes.get(number - 1);
        if (size == 0) {
            throw new S3Exception(S3Error.INVALID_RANGE, "part " + number + " is empty");
        }
        return new Range(first, first + size - 1);
    }

    @DeleteMapping("/{bucket}/**")
    @Understands
    void delete(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        S3Operation.DELETE_OBJECT.mark(request);
        S3Target target = S3Target.of(request);
        S4Key key = target.isFolder() ? target.folderKey() : target.s4Key();
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        try {
            if (target.isFolder()) {
                store.deleteMarker(key);
            } else {
                store.delete(key);
            }
        } catch (NoSuchKeyException absent) {
            // S3 answers 204 for a key that is not there: the outcome is the same.
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private IoSlots.Slot slot() throws InterruptedException {
        return slots.acquire()
                .orElseThrow(() -> new S3Exception(
                        S3Error.SLOW_DOWN, "all transfer slots of this node are busy (--max-io-jobs); retry later"));
    }
}
