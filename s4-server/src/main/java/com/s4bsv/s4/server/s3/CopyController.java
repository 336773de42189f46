package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.KeyRouter;
import com.s4bsv.s4.server.cluster.SourceChangedException;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.IoSlots;
import com.s4bsv.s4.server.storage.KeyExistsException;
import com.s4bsv.s4.server.storage.MultipartUploads;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.server.storage.UploadCheck;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CopyObject and UploadPartCopy: served by the destination's owner, which reads the source from its own disk or
 * streams it from the source's owner, and stores it only when the bytes received have the source's stored CRC32C.
 */
@RestController
class CopyController {

    /** S3's largest copy source: bigger objects are copied part by part (UploadPartCopy with ranges). */
    static final long MAX_COPY_BYTES = 5L << 30;

    private static final String CONDITION_PREFIX = "x-amz-copy-source-";

    private final ObjectStore store;
    private final KeyRouter router;
    private final CopySources sources;
    private final IoSlots slots;
    private final S3Metrics metrics;

    CopyController(ObjectStore store, KeyRouter router, CopySources sources, IoSlots slots, S3Metrics metrics) {
        this.store = store;
        this.router = router;
        this.sources = sources;
        this.slots = slots;
        this.metrics = metrics;
    }

    @PutMapping(path = "/{bucket}/**", headers = CopySource.HEADER)
    @Understands
    void copyObject(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        S3Operation.COPY_OBJECT.mark(request);
        S3Target target = S3Target.of(request);
        boolean folder = target.isFolder();
        S4Key key = folder ? target.folderKey() : target.s4Key();
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        boolean replace = replacesMetadata(request);
        if ((folder ? store.findMarker(key) : store.find(key)).isPresent()) {
            throw new KeyExistsException(target.key());
        }
        CopySources.Source source = source(request);
        checkSize(source.size());
        Map<String, String> metadata = replace ? ObjectHeaders.of(request) : source.metadata();
        StoredObject stored;
        if (folder) {
            if (source.size() != 0) {
                throw new S3Exception(
                        S3Error.INVALID_ARGUMENT,
                        "a key ending in '/' is a folder marker and must be empty: " + target.key());
            }
            stored = store.putMarker(key, metadata);
        } else {
            try (IoSlots.Slot slot = slot();
                    InputStream in = open(source, null)) {
                stored = store.put(key, in, sameBytes(source, null), metadata);
            }
            metrics.bytesIn(S3Operation.COPY_OBJECT, stored.size());
        }
        response.setHeader(Wire.CHECKSUM_CRC32C, stored.checksumBase64());
        xml(response);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "CopyObjectResult", true)) {
            xml.element("LastModified", S3Xml.timestamp(stored.lastModified()))
                    .element("ETag", stored.etag())
                    .element("ChecksumCRC32C", stored.checksumBase64())
                    .element("ChecksumType", "FULL_OBJECT");
        }
    }

    @PutMapping(
            path = "/{bucket}/**",
            params = {"partNumber", "uploadId"},
            headers = CopySource.HEADER)
    @Understands({"partNumber", "uploadId"})
    void uploadPartCopy(HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        S3Operation.UPLOAD_PART_COPY.mark(request);
        S4Key key = S3Target.of(request).s4Key();
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        int number = MultipartController.partNumber(request.getParameter("partNumber"));
        String uploadId = request.getParameter("uploadId");
        // Refuses an unknown upload before anything is read.
        store.multipart().parts(uploadId, key);
        CopySources.Source source = source(request);
        Range range = copyRange(request.getHeader(CONDITION_PREFIX + "range"), source.size());
        checkSize(range == null ? source.size() : range.length());
        MultipartUploads.PartInfo part;
        try (IoSlots.Slot slot = slot();
                InputStream in = open(source, range)) {
            part = store.multipart().putPart(uploadId, key, number, in, sameBytes(source, range));
        }
        metrics.bytesIn(S3Operation.UPLOAD_PART_COPY, part.size());
        String checksum = StreamingChecksum.toBase64(part.crc32c());
        response.setHeader(Wire.CHECKSUM_CRC32C, checksum);
        xml(response);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "CopyPartResult", true)) {
            xml.element("LastModified", S3Xml.timestamp(part.lastModified()))
                    .element("ETag", part.etag())
                    .element("ChecksumCRC32C", checksum);
        }
    }

    /** The source, once its {@code x-amz-copy-source-if-*} conditions hold (each failure is 412, as on S3). */
    private CopySources.Source source(HttpServletRequest request) throws IOException {
        CopySources.Source source = sources.find(CopySource.parse(request.getHeader(CopySource.HEADER)));
        Preconditions.Outcome outcome =
                Preconditions.check(request::getHeader, CONDITION_PREFIX, source.etag(), source.lastModified());
        if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
            String condition = request.getHeader(CONDITION_PREFIX + "If-None-Match") != null
                    ? CONDITION_PREFIX + "If-None-Match"
                    : CONDITION_PREFIX + "If-Modified-Since";
            throw new S3Exception(
                    S3Error.PRECONDITION_FAILED,
                    "At least one of the preconditions you specified did not hold: " + condition + ".",
                    null,
                    Map.of("Condition", condition));
        }
        return source;
    }

    private static InputStream open(CopySources.Source source, @Nullable Range range) throws IOException {
        try {
            return source.open(range);
        } catch (SourceChangedException e) {
            throw new S3Exception(
                    S3Error.SERVICE_UNAVAILABLE,
                    "the copy source was deleted or replaced while it was read; nothing was stored, retry: "
                            + e.getMessage());
        }
    }

    /**
     * Verifies, before anything is published, that the bytes received are the source's: its stored CRC32C for a
     * whole object, the length asked for a range (the stored checksum covers the whole object only).
     */
    private UploadCheck sameBytes(CopySources.Source source, @Nullable Range range) {
        return (crc32c, size) -> {
            boolean whole = range == null || range.length() == source.size();
            if (size != (range == null ? source.size() : range.length()) || (whole && crc32c != source.crc32c())) {
                metrics.checksumFailure();
                throw new S3Exception(
                        S3Error.INTERNAL_ERROR,
                        "the bytes read from the copy source " + source.key() + " (" + size + " bytes, CRC32C "
                                + StreamingChecksum.toBase64(crc32c) + ") are not the ones stored ("
                                + source.size() + " bytes, CRC32C " + StreamingChecksum.toBase64(source.crc32c())
                                + "); nothing was stored");
            }
        };
    }

    private static boolean replacesMetadata(HttpServletRequest request) {
        String directive = request.getHeader("x-amz-metadata-directive");
        if (directive == null || directive.strip().equalsIgnoreCase("COPY")) {
            return false;
        }
        if (directive.strip().equalsIgnoreCase("REPLACE")) {
            return true;
        }
        throw new S3Exception(
                S3Error.INVALID_ARGUMENT,
                "Unknown metadata directive.",
                null,
                Map.of("ArgumentName", "x-amz-metadata-directive", "ArgumentValue", directive));
    }

    /** {@code bytes=first-last} inside the source, as S3 wants it (both ends given); null without the header. */
    static @Nullable Range copyRange(@Nullable String header, long size) {
        if (header == null) {
            return null;
        }
        String spec = header.strip().toLowerCase(Locale.ROOT);
        if (spec.startsWith("bytes=")) {
            String[] ends = spec.substring(6).split("-", -1);
            if (ends.length == 2 && ends[0].matches("[0-9]{1,18}") && ends[1].matches("[0-9]{1,18}")) {
                long first = Long.parseLong(ends[0]);
                long last = Long.parseLong(ends[1]);
                if (first <= last && last < size) {
                    return new Range(first, last);
                }
            }
        }
        throw new S3Exception(
                S3Error.INVALID_ARGUMENT,
                "Range specified is not valid for source object of size: " + size,
                null,
                Map.of("ArgumentName", CONDITION_PREFIX + "range", "ArgumentValue", header));
    }

    private static void checkSize(long size) {
        if (size > MAX_COPY_BYTES) {
            throw new S3Exception(
                    S3Error.INVALID_REQUEST,
                    "The specified copy source is larger than the maximum allowable size for a copy source: "
                            + MAX_COPY_BYTES);
        }
    }

    private static void xml(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(S3Xml.CONTENT_TYPE);
    }

    private IoSlots.Slot slot() throws InterruptedException {
        return slots.acquire()
                .orElseThrow(() -> new S3Exception(
                        S3Error.SLOW_DOWN, "all transfer slots of this node are busy (--max-io-jobs); retry later"));
    }
}
