package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.FanOut;
import com.s4bsv.s4.server.cluster.KeyRouter;
import com.s4bsv.s4.server.cluster.ListingEntry;
import com.s4bsv.s4.server.cluster.ListingPage;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.cluster.PeerClient.BucketState;
import com.s4bsv.s4.server.cluster.PeerClient.DeleteOutcome;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.BucketNotEmptyException;
import com.s4bsv.s4.server.storage.MultipartUploads.OpenUpload;
import com.s4bsv.s4.server.storage.NoSuchBucketException;
import com.s4bsv.s4.server.storage.NoSuchKeyException;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bucket operations. A bucket is a directory on each node that holds (or held) its keys; Create and Delete reach
 * every node, listings merge every node's keys.
 */
@RestController
class BucketController {

    private final ObjectStore store;
    private final KeyRouter router;
    private final FanOut fanOut;
    private final PeerClient peers;
    private final ObjectListing listing;
    private final UploadListing uploadListing;

    BucketController(
            ObjectStore store,
            KeyRouter router,
            FanOut fanOut,
            PeerClient peers,
            ObjectListing listing,
            UploadListing uploadListing) {
        this.store = store;
        this.router = router;
        this.fanOut = fanOut;
        this.peers = peers;
        this.listing = listing;
        this.uploadListing = uploadListing;
    }

    @PutMapping({"/{bucket}", "/{bucket}/"})
    @Understands
    void create(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.CREATE_BUCKET.mark(request);
        String bucket = S3Target.of(request).bucket();
        BucketNames.checkS3(bucket);
        request.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (isLocalOnly(request)) {
            store.createBucket(bucket);
        } else {
            fanOut.all((node, isSelf) -> {
                if (isSelf) {
                    store.createBucket(bucket);
                } else {
                    peers.createBucket(node, bucket);
                }
                return true;
            });
        }
        response.setHeader("Location", "/" + bucket);
        response.setContentLength(0);
    }

    @RequestMapping(
            path = {"/{bucket}", "/{bucket}/"},
            method = RequestMethod.HEAD)
    @Understands
    void head(HttpServletRequest request, HttpServletResponse response) {
        S3Operation.HEAD_BUCKET.mark(request);
        String bucket = S3Target.checkedBucket(request);
        boolean exists = store.bucketExists(bucket);
        if (!exists && !isLocalOnly(request)) {
            exists = fanOut.all((node, isSelf) -> !isSelf && peers.hasBucket(node, bucket))
                    .contains(true);
        }
        if (!exists) {
            throw new NoSuchBucketException(bucket);
        }
        response.setHeader("x-amz-bucket-region", "us-east-1");
    }

    @DeleteMapping({"/{bucket}", "/{bucket}/"})
    @Understands
    void delete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.DELETE_BUCKET.mark(request);
        String bucket = S3Target.checkedBucket(request);
        if (isLocalOnly(request)) {
            store.deleteBucket(bucket);
        } else {
            // Empty everywhere first, so a refusal deletes nothing.
            List<BucketState> states =
                    fanOut.all((node, isSelf) -> isSelf ? localState(bucket) : peers.bucketState(node, bucket));
            if (states.contains(BucketState.HOLDS_KEYS)) {
                throw new BucketNotEmptyException(bucket);
            }
            if (!states.contains(BucketState.EMPTY)) {
                throw new NoSuchBucketException(bucket);
            }
            fanOut.all((node, isSelf) -> {
                if (isSelf) {
                    if (store.bucketExists(bucket)) {
                        store.deleteBucket(bucket);
                    }
                } else if (!peers.deleteBucket(node, bucket)) {
                    throw new BucketNotEmptyException(bucket);
                }
                return true;
            });
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private BucketState localState(String bucket) throws IOException {
        if (!store.bucketExists(bucket)) {
            return BucketState.ABSENT;
        }
        return store.list(bucket, "").isEmpty() && store.markers(bucket, "").isEmpty()
                ? BucketState.EMPTY
                : BucketState.HOLDS_KEYS;
    }

    /** s4 extension: delete every key under a prefix on every node ({@code DELETE /bucket?prefix=p}). */
    @DeleteMapping(
            path = {"/{bucket}", "/{bucket}/"},
            params = "prefix")
    @Understands("prefix")
    void deletePrefix(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.DELETE_PREFIX.mark(request);
        String bucket = S3Target.checkedBucket(request);
        String prefix = request.getParameter("prefix");
        long deleted;
        if (isLocalOnly(request)) {
            deleted = store.deletePrefix(bucket, prefix);
        } else {
            deleted = fanOut
                    .all((node, isSelf) -> isSelf
                            ? (long) store.deletePrefix(bucket, prefix)
                            : peers.deletePrefix(node, bucket, prefix))
                    .stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
        response.setContentType(S3Xml.CONTENT_TYPE);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "DeletePrefixResult", true)) {
            xml.element("Prefix", prefix).element("Deleted", deleted);
        }
    }

    @GetMapping({"/{bucket}", "/{bucket}/"})
    @Understands({
        "list-type",
        "prefix",
        "delimiter",
        "encoding-type",
        "max-keys",
        "continuation-token",
        "start-after",
        "marker",
        "fetch-owner"
    })
    void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String bucket = S3Target.checkedBucket(request);
        boolean v2 = ListObjectsQuery.isV2(request.getParameter("list-type"));
        (v2 ? S3Operation.LIST_OBJECTS_V2 : S3Operation.LIST_OBJECTS).mark(request);
        ListObjectsQuery q = ListObjectsQuery.parse(parameters(request, ListObjectsQuery.PARAMETERS));
        String prefix = q.prefix();
        String delimiter = q.delimiter();
        boolean urlEncoded = q.urlEncoded();
        int maxKeys = q.maxKeys();
        String token = q.token();
        String startAfter = q.startAfter();
        String marker = q.marker();
        var query = q.listing(bucket);
        ListingPage page;
        if (isLocalOnly(request)) {
            page = listing.local(query);
            if (page == null) {
                throw new NoSuchBucketException(bucket);
            }
        } else {
            page = listing.cluster(query);
        }
        if (maxKeys == 0) {
            // S3: an empty page that is not truncated (the bucket was still checked above).
            page = new ListingPage(List.of(), false);
        }
        response.setContentType(S3Xml.CONTENT_TYPE);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "ListBucketResult", true)) {
            xml.element("Name", bucket).element("Prefix", text(prefix, urlEncoded));
            if (v2) {
                xml.element("KeyCount", page.entries().size());
                if (token != null) {
                    xml.element("ContinuationToken", token);
                }
                if (startAfter != null) {
                    xml.element("StartAfter", text(startAfter, urlEncoded));
                }
            } else {
                xml.element("Marker", text(marker == null ? "" : marker, urlEncoded));
            }
            xml.element("MaxKeys", maxKeys);
            if (!delimiter.isEmpty()) {
                xml.element("Delimiter", text(delimiter, urlEncoded));
            }
            if (urlEncoded) {
                xml.element("EncodingType", "url");
            }
            xml.element("IsTruncated", page.truncated());
            if (page.truncated() && !page.entries().isEmpty()) {
                ListingEntry last = page.entries().get(page.entries().size() - 1);
                if (v2) {
                    xml.element("NextContinuationToken", new Resume(last.name(), last.isPrefix()).token());
                } else {
                    xml.element("NextMarker", text(last.name(), urlEncoded));
                }
            }
            for (ListingEntry entry : page.entries()) {
                if (!entry.isPrefix()) {
                    xml.open("Contents")
                            .element("Key", text(entry.name(), urlEncoded))
                            .element("LastModified", S3Xml.timestamp(entry.lastModified()))
                            .element("ETag", entry.etag())
                            .element("Size", entry.size())
                            .element("StorageClass", "STANDARD");
                    if (q.owner()) {
                        xml.owner();
                    }
                    xml.close("Contents");
                }
            }
            for (ListingEntry entry : page.entries()) {
                if (entry.isPrefix()) {
                    xml.open("CommonPrefixes")
                            .element("Prefix", text(entry.name(), urlEncoded))
                            .close("CommonPrefixes");
                }
            }
        }
    }

    @GetMapping(
            path = {"/{bucket}", "/{bucket}/"},
            params = "location")
    @Understands("location")
    void location(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.GET_BUCKET_LOCATION.mark(request);
        S3Target.checkedBucket(request);
        response.setContentType(S3Xml.CONTENT_TYPE);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "LocationConstraint", true)) {
            // empty: us-east-1, what SDKs expect from a single-region store
        }
    }

    @GetMapping(
            path = {"/{bucket}", "/{bucket}/"},
            params = "uploads")
    @Understands({"uploads", "prefix", "delimiter", "key-marker", "upload-id-marker", "max-uploads", "encoding-type"})
    void listUploads(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.LIST_MULTIPART_UPLOADS.mark(request);
        String bucket = S3Target.checkedBucket(request);
        String prefix = Objects.requireNonNullElse(request.getParameter("prefix"), "");
        String delimiter = Objects.requireNonNullElse(request.getParameter("delimiter"), "");
        String keyMarker = Objects.requireNonNullElse(request.getParameter("key-marker"), "");
        String idMarker = Objects.requireNonNullElse(request.getParameter("upload-id-marker"), "");
        boolean urlEncoded = "url".equals(request.getParameter("encoding-type"));
        int maxUploads = maxUploads(request.getParameter("max-uploads"));
        List<OpenUpload> uploads =
                isLocalOnly(request) ? uploadListing.local(bucket, prefix) : uploadListing.cluster(bucket, prefix);
        UploadsPage page = isLocalOnly(request)
                ? UploadsPage.of(uploads, prefix, "", "", "", Integer.MAX_VALUE)
                : UploadsPage.of(uploads, prefix, delimiter, keyMarker, idMarker, maxUploads);
        response.setContentType(S3Xml.CONTENT_TYPE);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "ListMultipartUploadsResult", true)) {
            xml.element("Bucket", bucket)
                    .element("KeyMarker", text(keyMarker, urlEncoded))
                    .element("UploadIdMarker", idMarker)
                    .element("NextKeyMarker", text(page.nextKeyMarker(), urlEncoded))
                    .element("NextUploadIdMarker", page.nextUploadIdMarker());
            if (!delimiter.isEmpty()) {
                xml.element("Delimiter", text(delimiter, urlEncoded));
            }
            xml.element("Prefix", text(prefix, urlEncoded))
                    .element("MaxUploads", maxUploads)
                    .element("IsTruncated", page.truncated());
            if (urlEncoded) {
                xml.element("EncodingType", "url");
            }
            for (OpenUpload upload : page.uploads()) {
                xml.open("Upload")
                        .element("Key", text(upload.key().path(), urlEncoded))
                        .element("UploadId", upload.uploadId());
                xml.open("Initiator")
                        .element("ID", "s4")
                        .element("DisplayName", "s4")
                        .close("Initiator");
                xml.owner()
                        .element("StorageClass", "STANDARD")
                        .element("Initiated", S3Xml.timestamp(upload.initiated()))
                        .close("Upload");
            }
            for (String common : page.prefixes()) {
                xml.open("CommonPrefixes")
                        .element("Prefix", text(common, urlEncoded))
                        .close("CommonPrefixes");
            }
        }
    }

    private static int maxUploads(@Nullable String text) {
        if (text == null) {
            return 1000;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.min(value, 1000);
        } catch (NumberFormatException e) {
            throw new S3Exception(
                    S3Error.INVALID_ARGUMENT, "max-uploads must be a non-negative integer, got '" + text + "'");
        }
    }

    @PostMapping(
            path = {"/{bucket}", "/{bucket}/"},
            params = "delete")
    @Understands("delete")
    void deleteObjects(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.DELETE_OBJECTS.mark(request);
        String bucket = S3Target.checkedBucket(request);
        byte[] raw = XmlBody.read(request);
        XmlBody.Parsed body = XmlBody.parse(raw, "Delete", "Object");
        if (body.records().isEmpty()) {
            throw new S3Exception(S3Error.MALFORMED_XML, "a Delete request names no Object");
        }
        boolean quiet = "true".equalsIgnoreCase(body.scalars().getOrDefault("Quiet", "false"));
        if (body.records().size() > 1000) {
            throw new S3Exception(S3Error.MALFORMED_XML, "at most 1000 keys per DeleteObjects request");
        }
        Map<String, DeleteOutcome> outcomes = new LinkedHashMap<>();
        Map<NodeAddress, List<String>> remote = new LinkedHashMap<>();
        for (Map<String, String> object : body.records()) {
            String path = object.getOrDefault("Key", "");
            boolean folder = path.length() > 1 && path.endsWith("/");
            S4Key key;
            try {
                key = new S4Key(bucket, folder ? path.substring(0, path.length() - 1) : path);
            } catch (InvalidKeyException e) {
                outcomes.put(path, new DeleteOutcome(path, "InvalidArgument", e.getMessage()));
                continue;
            }
            if (router.servesHere(key, request)) {
                outcomes.put(path, deleteLocal(key, folder));
            } else {
                remote.computeIfAbsent(router.owner(key), n -> new ArrayList<>())
                        .add(path);
            }
        }
        if (!remote.isEmpty()) {
            fanOut.all((node, isSelf) -> {
                List<String> keys = remote.get(node);
                if (keys != null) {
                    for (DeleteOutcome outcome : peers.deleteKeys(node, bucket, keys)) {
                        outcomes.put(outcome.key(), outcome);
                    }
                }
                return true;
            });
        }
        response.setContentType(S3Xml.CONTENT_TYPE);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "DeleteResult", true)) {
            for (DeleteOutcome outcome : outcomes.values()) {
                if (outcome.code() == null) {
                    if (!quiet) {
                        xml.open("Deleted").element("Key", outcome.key()).close("Deleted");
                    }
                } else {
                    xml.open("Error")
                            .element("Key", outcome.key())
                            .element("Code", outcome.code())
                            .element("Message", outcome.message())
                            .close("Error");
                }
            }
        }
    }

    private DeleteOutcome deleteLocal(S4Key key, boolean folder) {
        String path = folder ? key.path() + "/" : key.path();
        try {
            if (folder) {
                store.deleteMarker(key);
            } else {
                store.delete(key);
            }
        } catch (NoSuchKeyException absent) {
            // deleting what is not there succeeds, as on S3
        } catch (IOException | RuntimeException e) {
            return new DeleteOutcome(path, "InternalError", String.valueOf(e.getMessage()));
        }
        return new DeleteOutcome(path, null, "");
    }

    private static boolean isLocalOnly(HttpServletRequest request) {
        return request.getHeader(Wire.LOCAL_ONLY) != null;
    }

    /** The first value of each of {@code names} that the request has. */
    private static Map<String, String> parameters(HttpServletRequest request, List<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String value = request.getParameter(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    private static String text(String value, boolean urlEncoded) {
        return urlEncoded ? S3Url.encode(value, true) : value;
    }
}
