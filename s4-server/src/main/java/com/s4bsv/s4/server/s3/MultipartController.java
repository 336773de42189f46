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
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** Multipart upload of one key: create, upload part, complete, abort, list parts; served by the key's owner. */
@RestController
class MultipartController {

    private final ObjectStore store;
    private final KeyRouter router;
    private final IoSlots slots;
    private final S3Metrics metrics;

    MultipartController(ObjectStore store, KeyRouter router, IoSlots slots, S3Metrics metrics) {
        this.store = store;
        this.router = router;
        this.slots = slots;
        this.metrics = metrics;
    }

    @PostMapping(path = "/{bucket}/**", params = "uploads")
    @Understands("uploads")
    void create(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.CREATE_MULTIPART_UPLOAD.mark(request);
        S3Target target = S3Target.of(request);
        S4Key key = target.s4Key();
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        // Refuse now rather than after the client sent every part.
        if (store.find(key).isPresent()) {
            throw new KeyExistsException(key.toString());
        }
        String uploadId = store.multipart().create(key, ObjectHeaders.of(request));
        xml(response);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "InitiateMultipartUploadResult", true)) {
            xml.element("Bucket", key.bucket()).element("Key", key.path()).element("UploadId", uploadId);
        }
    }

    @PutMapping(
            path = "/{bucket}/**",
            params = {"partNumber", "uploadId"})
    @Understands({"partNumber", "uploadId"})
    void uploadPart(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        S3Operation.UPLOAD_PART.mark(request);
        S4Key key = S3Target.of(request).s4Key();
        UploadBody.checkDeclaredSize(request, UploadBody.MAX_PART_BYTES);
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        int number = partNumber(request.getParameter("partNumber"));
        try (IoSlots.Slot slot = slots.acquire()
                .orElseThrow(() -> new S3Exception(
                        S3Error.SLOW_DOWN, "all transfer slots of this node are busy (--max-io-jobs); retry later"))) {
            UploadBody body = UploadBody.of(request, metrics::checksumFailure);
            MultipartUploads.PartInfo part = store.multipart()
                    .putPart(request.getParameter("uploadId"), key, number, body.stream(), body.check());
            metrics.bytesIn(S3Operation.UPLOAD_PART, part.size());
            response.setHeader("ETag", part.etag());
            response.setHeader(Wire.CHECKSUM_CRC32C, StreamingChecksum.toBase64(part.crc32c()));
            body.verifiedHeaders(part.crc32c()).forEach(response::setHeader);
            response.setContentLength(0);
        }
    }

    @PostMapping(path = "/{bucket}/**", params = "uploadId")
    @Understands("uploadId")
    void complete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.COMPLETE_MULTIPART_UPLOAD.mark(request);
        S4Key key = S3Target.of(request).s4Key();
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        XmlBody.Parsed body = XmlBody.parse(XmlBody.read(request), "CompleteMultipartUpload", "Part");
        List<MultipartUploads.RequestedPart> parts = new ArrayList<>();
        for (Map<String, String> part : body.records()) {
            String etag = part.get("ETag");
            String number = part.get("PartNumber");
            if (etag == null || number == null || !number.strip().matches("[0-9]{1,9}")) {
                throw new S3Exception(S3Error.MALFORMED_XML, "every Part needs a PartNumber (an integer) and an ETag");
            }
            parts.add(new MultipartUploads.RequestedPart(partNumber(number), etag));
        }
        if (parts.isEmpty()) {
            throw new S3Exception(S3Error.MALFORMED_XML, "CompleteMultipartUpload names no Part");
        }
        StoredObject stored = store.multipart().complete(request.getParameter("uploadId"), key, parts);
        response.setHeader(Wire.CHECKSUM_CRC32C, stored.checksumBase64());
        xml(response);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "CompleteMultipartUploadResult", true)) {
            xml.element("Location", "/" + key.bucket() + "/" + key.path())
                    .element("Bucket", key.bucket())
                    .element("Key", key.path())
                    .element("ETag", stored.etag())
                    .element("ChecksumCRC32C", stored.checksumBase64())
                    .element("ChecksumType", "FULL_OBJECT");
        }
    }

    @DeleteMapping(path = "/{bucket}/**", params = "uploadId")
    @Understands("uploadId")
    void abort(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.ABORT_MULTIPART_UPLOAD.mark(request);
        S4Key key = S3Target.of(request).s4Key();
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        store.multipart().abort(request.getParameter("uploadId"), key);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @GetMapping(path = "/{bucket}/**", params = "uploadId")
    @Understands({"uploadId", "max-parts", "part-number-marker"})
    void listParts(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.LIST_PARTS.mark(request);
        S4Key key = S3Target.of(request).s4Key();
        if (router.forwardIfRemote(key, request, response)) {
            return;
        }
        String uploadId = request.getParameter("uploadId");
        int marker = request.getParameter("part-number-marker") == null
                ? 0
                : partNumberOrZero(request.getParameter("part-number-marker"));
        int maxParts = request.getParameter("max-parts") == null
                ? 1000
                : Math.max(0, Math.min(1000, partNumberOrZero(request.getParameter("max-parts"))));
        List<MultipartUploads.PartInfo> all = store.multipart().parts(uploadId, key).stream()
                .filter(p -> p.number() > marker)
                .toList();
        List<MultipartUploads.PartInfo> page = all.subList(0, Math.min(all.size(), maxParts));
        xml(response);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "ListPartsResult", true)) {
            xml.element("Bucket", key.bucket())
                    .element("Key", key.path())
                    .element("UploadId", uploadId)
                    .element("PartNumberMarker", marker)
                    .element(
                            "NextPartNumberMarker",
                            page.isEmpty() ? marker : page.get(page.size() - 1).number())
                    .element("MaxParts", maxParts)
                    .element("IsTruncated", page.size() < all.size())
                    .element("StorageClass", "STANDARD");
            for (MultipartUploads.PartInfo part : page) {
                xml.open("Part")
                        .element("PartNumber", part.number())
                        .element("LastModified", S3Xml.timestamp(part.lastModified()))
                        .element("ETag", part.etag())
                        .element("Size", part.size())
                        .element("ChecksumCRC32C", StreamingChecksum.toBase64(part.crc32c()))
                        .close("Part");
            }
        }
    }

    private static void xml(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(S3Xml.CONTENT_TYPE);
    }

    static int partNumber(String text) {
        int number = partNumberOrZero(text);
        if (number < 1 || number > MultipartUploads.MAX_PART_NUMBER) {
            throw new S3Exception(
                    S3Error.INVALID_ARGUMENT,
                    "Part number must be an integer between 1 and " + MultipartUploads.MAX_PART_NUMBER + ", inclusive");
        }
        return number;
    }

    private static int partNumberOrZero(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "not a number: '" + text + "'");
        }
    }
}
