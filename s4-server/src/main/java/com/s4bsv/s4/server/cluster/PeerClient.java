package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.storage.BucketEntry;
import com.s4bsv.s4.wire.UriText;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.xml.stream.XMLStreamException;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 to the other nodes: the typed calls one node makes of another, and the one place their answers are read.
 * Bodies are streamed both ways, never buffered whole. A node that cannot be reached is a
 * {@link PeerUnavailableException}; one that answers with an unexpected status is a {@link PeerFailedException}.
 */
public final class PeerClient {

    /** Authenticates a request before it leaves for another node. */
    @FunctionalInterface
    public interface Signer {
        HttpRequest sign(HttpRequest request);
    }

    /** The S3 namespace of request bodies a node sends. */
    private static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    /** How much of an error answer is read for its code and message. */
    private static final int ERROR_BYTES = 64 * 1024;

    private final HttpClient http;
    private final Signer signer;

    /** @param tls the context of calls to https nodes; null: the JDK's default */
    PeerClient(Duration connectTimeout, Signer signer, @Nullable SSLContext tls) {
        this.signer = signer;
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public static URI uri(NodeAddress node, String rawPathAndQuery) {
        return URI.create(node.baseUri() + rawPathAndQuery);
    }

    /** Sends and returns once the status and headers are in; the caller must consume or close the body. */
    public HttpResponse<InputStream> send(NodeAddress node, HttpRequest request) {
        try {
            return http.send(signer.sign(request), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new PeerUnavailableException(node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(node, e);
        }
    }

    /** A request to {@code node} for the raw path and query. */
    public HttpRequest.Builder request(NodeAddress node, String rawPathAndQuery) {
        return HttpRequest.newBuilder(uri(node, rawPathAndQuery));
    }

    /** The path of a key in a request to its owner. */
    public static String objectPath(S4Key key) {
        return "/" + key.bucket() + "/" + UriText.encode(key.path(), true);
    }

    // ---- buckets, on one node only (x-s4-local) ----

    /** Whether a bucket is on a node, and whether it holds keys there. */
    public enum BucketState {
        ABSENT,
        EMPTY,
        HOLDS_KEYS
    }

    public void createBucket(NodeAddress node, String bucket) throws IOException {
        int status = discard(sendLocal(node, "PUT", "/" + bucket));
        if (status != 200) {
            throw new PeerFailedException(node, "node " + node + " answered HTTP " + status);
        }
    }

    public boolean hasBucket(NodeAddress node, String bucket) throws IOException {
        return discard(sendLocal(node, "HEAD", "/" + bucket)) == 200;
    }

    public BucketState bucketState(NodeAddress node, String bucket) throws IOException, XMLStreamException {
        ListingPage page = list(node, bucket, "", "", 1, null);
        if (page == null) {
            return BucketState.ABSENT;
        }
        return page.entries().isEmpty() ? BucketState.EMPTY : BucketState.HOLDS_KEYS;
    }

    /** False when the node refused because the bucket holds keys there; any other answer counts as deleted. */
    public boolean deleteBucket(NodeAddress node, String bucket) throws IOException {
        return discard(sendLocal(node, "DELETE", "/" + bucket)) != 409;
    }

    /** Deletes every key under {@code prefix} on the node; returns how many. */
    public long deletePrefix(NodeAddress node, String bucket, String prefix) throws IOException, XMLStreamException {
        HttpResponse<InputStream> response =
                sendLocal(node, "DELETE", "/" + bucket + "?prefix=" + UriText.encode(prefix, false));
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new PeerFailedException(
                        node, "node " + node + " failed to delete prefix: HTTP " + response.statusCode());
            }
            return PeerXml.deletedCount(body);
        }
    }

    /** One key of a DeleteObjects answer: deleted when {@code code} is null. */
    public record DeleteOutcome(
            @Nullable String key, @Nullable String code, String message) {}

    /** DeleteObjects of keys the node owns, sent as a forward so it serves them itself. */
    public List<DeleteOutcome> deleteKeys(NodeAddress node, String bucket, List<String> keys)
            throws IOException, XMLStreamException {
        HttpRequest request = request(node, "/" + bucket + "?delete")
                .header(Wire.FORWARDED, "1")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PeerXml.deleteRequest(keys, S3_NAMESPACE)))
                .build();
        HttpResponse<InputStream> response = send(node, request);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new PeerFailedException(
                        node, "node " + node + " failed DeleteObjects: HTTP " + response.statusCode());
            }
            return PeerXml.deleteResult(body);
        }
    }

    // ---- listings, of one node only ----

    /** The node's page of a listing, or null when the bucket is not on it. */
    public @Nullable ListingPage list(
            NodeAddress node,
            String bucket,
            String prefix,
            String delimiter,
            int maxKeys,
            @Nullable String continuationToken)
            throws IOException, XMLStreamException {
        var uri = new StringBuilder("/")
                .append(UriText.encode(bucket, false))
                .append("?list-type=2&encoding-type=url&max-keys=")
                .append(maxKeys)
                .append("&prefix=")
                .append(UriText.encode(prefix, false))
                .append("&delimiter=")
                .append(UriText.encode(delimiter, false));
        if (continuationToken != null) {
            uri.append("&continuation-token=").append(UriText.encode(continuationToken, false));
        }
        HttpResponse<InputStream> response = sendLocal(node, "GET", uri.toString());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                body.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            if (response.statusCode() != 200) {
                throw new PeerFailedException(node, "node " + node + " failed to list: HTTP " + response.statusCode());
            }
            return PeerXml.listing(body);
        }
    }

    public List<BucketEntry> buckets(NodeAddress node) throws IOException, XMLStreamException {
        HttpResponse<InputStream> response = sendLocal(node, "GET", "/");
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new PeerFailedException(
                        node, "node " + node + " failed to list buckets: HTTP " + response.statusCode());
            }
            return PeerXml.buckets(body);
        }
    }

    // ---- objects, on their owner ----

    /** How a node answered: its status and, when it is not 2xx, the S3 error it sent. */
    public record Answer(int status, String code, String message) {

        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** PUT of a file as a key, carrying its CRC32C, which the owner verifies before publishing. */
    public Answer putObject(NodeAddress owner, S4Key key, Path file, String crc32cBase64) throws IOException {
        HttpRequest request = request(owner, objectPath(key))
                .header(Wire.CHECKSUM_CRC32C, crc32cBase64)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        return answer(send(owner, request));
    }

    /** The checksum and length the owner holds for a key; null when it does not answer 200. */
    public @Nullable Held headObject(NodeAddress owner, S4Key key) {
        HttpResponse<InputStream> head = send(
                owner,
                request(owner, objectPath(key))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build());
        try (InputStream ignored = head.body()) {
            if (head.statusCode() != 200) {
                return null;
            }
            return new Held(
                    head.headers().firstValue(Wire.CHECKSUM_CRC32C).orElse(""),
                    head.headers().firstValueAsLong("content-length").orElse(-1));
        } catch (IOException e) {
            return null;
        }
    }

    /** What a HEAD found: the base64 CRC32C header ("" without one) and the length (-1 without one). */
    public record Held(String crc32cBase64, long size) {}

    /**
     * The headers the owner answers a HEAD of an object with (ETag, Last-Modified, checksum, metadata); null when
     * it is not there.
     *
     * @param objectPath {@link #objectPath(S4Key)}, with a trailing '/' for a folder marker
     * @throws PeerFailedException on any other answer than 200 or 404
     */
    public @Nullable HttpHeaders objectHeaders(NodeAddress owner, String objectPath) throws IOException {
        HttpResponse<InputStream> head = send(
                owner,
                request(owner, objectPath)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build());
        int status = discard(head);
        if (status == 404) {
            return null;
        }
        if (status != 200) {
            throw new PeerFailedException(
                    owner, "node " + owner + " answered HEAD " + objectPath + " with HTTP " + status);
        }
        return head.headers();
    }

    /**
     * Streams the bytes of an object (or of {@code range}, a {@code bytes=a-b} header value) from its owner, only
     * while its ETag is still {@code etag}; the caller closes the stream.
     *
     * @throws SourceChangedException when the owner no longer holds that ETag (the key was deleted or replaced)
     * @throws PeerFailedException on any other answer than 200 or 206
     */
    public InputStream objectBytes(NodeAddress owner, String objectPath, String etag, @Nullable String range)
            throws IOException {
        HttpRequest.Builder builder = request(owner, objectPath).header("If-Match", etag);
        if (range != null) {
            builder.header("Range", range);
        }
        HttpResponse<InputStream> response = send(owner, builder.GET().build());
        int status = response.statusCode();
        if (status == 200 || status == 206) {
            return response.body();
        }
        Answer answer = answer(response);
        if (status == 404 || status == 412) {
            throw new SourceChangedException(objectPath, etag, answer.code());
        }
        throw new PeerFailedException(
                owner, "node " + owner + " answered GET " + objectPath + " with HTTP " + status + " " + answer.code());
    }

    public Answer deleteObject(NodeAddress owner, S4Key key) throws IOException {
        return answer(send(owner, request(owner, objectPath(key)).DELETE().build()));
    }

    // ---- compute ----

    /**
     * Starts a map-family job on one node ({@code x-s4-local}); returns its ndjson stream, which the caller closes.
     *
     * @throws PeerFailedException with the status, code and message when the node does not answer 200
     */
    public InputStream startJob(NodeAddress node, String path, byte[] body, String contentType, String accept)
            throws IOException {
        HttpRequest request = request(node, path)
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .header(Wire.LOCAL_ONLY, "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response = send(node, request);
        if (response.statusCode() != 200) {
            Answer answer = answer(response);
            throw new PeerFailedException(
                    node,
                    "node " + node + " answered HTTP " + answer.status() + " " + answer.code() + ": "
                            + answer.message());
        }
        return response.body();
    }

    /** Reads (and closes) an answer: its status and, when it is an error, the code and message it carries. */
    private static Answer answer(HttpResponse<InputStream> response) throws IOException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(ERROR_BYTES);
        }
        PeerXml.PeerError error = PeerXml.error(body);
        return new Answer(response.statusCode(), error.code(), error.message());
    }

    private HttpResponse<InputStream> sendLocal(NodeAddress node, String method, String pathAndQuery) {
        HttpRequest request = request(node, pathAndQuery)
                .header(Wire.LOCAL_ONLY, "1")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return send(node, request);
    }

    /** Reads and drops the body; returns the status. */
    private static int discard(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        return response.statusCode();
    }
}
