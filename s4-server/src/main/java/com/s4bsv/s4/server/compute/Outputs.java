package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.cluster.PeerUnavailableException;
import com.s4bsv.s4.server.storage.IoSlots;
import com.s4bsv.s4.server.storage.KeyExistsException;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commits a command's output file as a key: on this node through the store, on another node by a PUT to its owner
 * carrying the CRC32C, which the owner verifies before publishing (so a cut transfer publishes nothing).
 */
final class Outputs {

    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    /** A peer that cannot be reached is tried this often (a dead node still fails within a second). */
    static final int SEND_ATTEMPTS = 3;
    private static final long RETRY_MILLIS = 100;

    private final ObjectStore store;
    private final Cluster cluster;
    private final PeerClient peers;
    private final IoSlots io;

    Outputs(ObjectStore store, Cluster cluster, PeerClient peers, IoSlots io) {
        this.store = store;
        this.cluster = cluster;
        this.peers = peers;
        this.io = io;
    }

    /**
     * Publishes {@code file} as {@code key}; returns its size. A local file is moved in (it must be in the data
     * root's temp space).
     *
     * @throws OutputException naming the key and the reason
     */
    long commit(S4Key key, Path file) throws InterruptedException {
        try {
            if (cluster.isLocal(key)) {
                return store.putFile(key, file).size();
            }
            return send(cluster.owner(key), key, file);
        } catch (KeyExistsException e) {
            throw new OutputException(key, "key already exists: " + key);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OutputException o) {
                throw o;
            }
            throw new OutputException(key, "cannot store " + key + ": " + e.getMessage());
        }
    }

    private long send(NodeAddress owner, S4Key key, Path file) throws IOException, InterruptedException {
        long[] crcAndSize = checksum(file);
        try (IoSlots.Slot slot = io.acquire().orElseThrow(
                () -> new OutputException(key, "no transfer slot free to send " + key + " to " + owner))) {
            for (int attempt = 1;; attempt++) {
                try {
                    return sendOnce(owner, key, file, crcAndSize[0], crcAndSize[1], attempt > 1);
                } catch (PeerUnavailableException e) {
                    if (attempt >= SEND_ATTEMPTS || Thread.currentThread().isInterrupted()) {
                        throw new OutputException(key, "cannot send " + key + " to its owner: " + e.getMessage());
                    }
                    Thread.sleep(RETRY_MILLIS << (attempt - 1));
                }
            }
        }
    }

    private long sendOnce(NodeAddress owner, S4Key key, Path file, long crc32c, long size, boolean retried)
            throws IOException {
        HttpRequest request = peers.request(owner, objectPath(key))
                .header(Wire.CHECKSUM_CRC32C, StreamingChecksum.toBase64(crc32c))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        HttpResponse<InputStream> response = peers.send(owner, request);
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
        int status = response.statusCode();
        if (status == 200) {
            return size;
        }
        String code = first(XML_CODE, body);
        if (status == 409 && "KeyAlreadyExists".equals(code)) {
            // An earlier attempt may have landed with only its answer lost: then the key holds exactly our bytes.
            if (retried && holds(owner, key, crc32c, size)) {
                return size;
            }
            throw new OutputException(key, "key already exists: " + key);
        }
        throw new OutputException(key, "node " + owner + " refused " + key + ": HTTP " + status + " " + code + " "
                + first(XML_MESSAGE, body));
    }

    private boolean holds(NodeAddress owner, S4Key key, long crc32c, long size) {
        HttpResponse<InputStream> head = peers.send(owner, peers.request(owner, objectPath(key))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        try (InputStream ignored = head.body()) {
            return head.statusCode() == 200
                    && head.headers().firstValue(Wire.CHECKSUM_CRC32C).orElse("")
                            .equals(StreamingChecksum.toBase64(crc32c))
                    && head.headers().firstValueAsLong("content-length").orElse(-1) == size;
        } catch (IOException e) {
            return false;
        }
    }

    /** Best effort: removes an output committed by a job whose other outputs failed. */
    void remove(S4Key key) {
        try {
            if (cluster.isLocal(key)) {
                store.delete(key);
                return;
            }
            NodeAddress owner = cluster.owner(key);
            HttpResponse<InputStream> response = peers.send(owner,
                    peers.request(owner, objectPath(key)).DELETE().build());
            response.body().close();
        } catch (IOException | RuntimeException e) {
            // the error reported for the job names its keys; a leftover output is visible in listings
        }
    }

    static String objectPath(S4Key key) {
        return "/" + key.bucket() + "/" + encodePath(key.path());
    }

    /** Percent-encodes everything but unreserved characters and '/', so any key name is a valid URI path. */
    static String encodePath(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        var out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_' || c == '~' || c == '/';
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** {crc32c, size} of a file. */
    static long[] checksum(Path file) throws IOException {
        var crc = new StreamingChecksum();
        long size = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (in.read(buffer.clear()) >= 0) {
                buffer.flip();
                size += buffer.remaining();
                crc.update(buffer);
            }
        }
        return new long[] {crc.value(), size};
    }

    private static String first(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    /** An output could not be stored; the message is one line naming the key. */
    static final class OutputException extends RuntimeException {

        private final S4Key key;

        OutputException(S4Key key, String message) {
            super(message);
            this.key = key;
        }

        S4Key key() {
            return key;
        }
    }
}
