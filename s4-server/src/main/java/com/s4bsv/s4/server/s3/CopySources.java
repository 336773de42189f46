package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.KeyRouter;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.storage.NoSuchKeyException;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.wire.Wire;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Finds the source of a copy on its owner: read from this node's disk, or streamed from the owner node. */
@Component
class CopySources {

    /** What a copy reads: the source's identity, its stored checksum and metadata, and its bytes. */
    interface Source {
        S4Key key();

        String etag();

        Instant lastModified();

        long size();

        /** The CRC32C stored with the whole object. */
        long crc32c();

        Map<String, String> metadata() throws IOException;

        /** The bytes of the object, or of {@code range}; only while it is the object these headers describe. */
        InputStream open(@Nullable Range range) throws IOException;
    }

    private final ObjectStore store;
    private final KeyRouter router;
    private final PeerClient peers;

    CopySources(ObjectStore store, KeyRouter router, PeerClient peers) {
        this.store = store;
        this.router = router;
        this.peers = peers;
    }

    /** @throws NoSuchKeyException when the source is not there */
    Source find(S3Target target) throws IOException {
        boolean folder = target.isFolder();
        S4Key key = folder ? target.folderKey() : target.s4Key();
        String name = "/" + target.bucket() + "/" + target.key();
        if (router.isLocal(key)) {
            Optional<StoredObject> object = folder ? store.findMarker(key) : store.find(key);
            return new Local(object.orElseThrow(() -> new NoSuchKeyException(name)), store);
        }
        NodeAddress owner = router.owner(key);
        String path = PeerClient.objectPath(key) + (folder ? "/" : "");
        HttpHeaders headers = peers.objectHeaders(owner, path);
        if (headers == null) {
            throw new NoSuchKeyException(name);
        }
        return new Remote(key, headers, owner, path, peers);
    }

    private record Local(StoredObject object, ObjectStore store) implements Source {

        @Override
        public S4Key key() {
            return object.key();
        }

        @Override
        public String etag() {
            return object.etag();
        }

        @Override
        public Instant lastModified() {
            return object.lastModified();
        }

        @Override
        public long size() {
            return object.size();
        }

        @Override
        public long crc32c() {
            return object.crc32c();
        }

        @Override
        public Map<String, String> metadata() throws IOException {
            return store.metadata(object);
        }

        @Override
        public InputStream open(@Nullable Range range) throws IOException {
            long first = range == null ? 0 : range.first();
            long length = range == null ? object.size() : range.length();
            if (length == 0) {
                return InputStream.nullInputStream();
            }
            // Committed files are never written again, and an unlinked one stays readable: no race with a delete.
            FileChannel file = FileChannel.open(object.file(), StandardOpenOption.READ);
            return new Limited(Channels.newInputStream(file.position(first)), length);
        }
    }

    private record Remote(S4Key key, HttpHeaders headers, NodeAddress owner, String path, PeerClient peers)
            implements Source {

        @Override
        public String etag() {
            return headers.firstValue("ETag").orElse("");
        }

        @Override
        public Instant lastModified() {
            return headers.firstValue("Last-Modified")
                    .map(date -> Instant.from(ObjectController.HTTP_DATE.parse(date)))
                    .orElse(Instant.EPOCH);
        }

        @Override
        public long size() {
            return headers.firstValueAsLong("Content-Length").orElse(0);
        }

        @Override
        public long crc32c() {
            return StreamingChecksum.fromBase64(
                    headers.firstValue(Wire.CHECKSUM_CRC32C).orElse(StreamingChecksum.toBase64(0)));
        }

        /** As the owner answers a HEAD: the standard headers, and user metadata back from RFC 2047. */
        @Override
        public Map<String, String> metadata() {
            Map<String, String> kept = new LinkedHashMap<>();
            for (String name : ObjectHeaders.STANDARD) {
                headers.firstValue(name).ifPresent(value -> kept.put(name, value));
            }
            headers.map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith(ObjectHeaders.USER_PREFIX) && !values.isEmpty()) {
                    kept.put(lower, ObjectHeaders.text(String.join(",", values)));
                }
            });
            return kept;
        }

        @Override
        public InputStream open(@Nullable Range range) throws IOException {
            String header = range == null ? null : "bytes=" + range.first() + "-" + range.last();
            return peers.objectBytes(owner, path, etag(), header);
        }
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class Limited extends FilterInputStream {

        private long remaining;

        Limited(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
