package com.s4bsv.s4.server.storage;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.key.S4Key;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Multipart uploads of this node's keys: {@code _uploads/<id>/key} names the key, {@code part-NNNNN} files hold
 * the parts (CRC32C in the same xattr as objects). Complete concatenates the parts into one temp file and
 * publishes it like any put, so the key appears only then; it leaves a {@code done} marker so that a client
 * retrying Complete gets the same answer instead of a 409.
 */
public final class MultipartUploads {

    /**
     * @param maxAge      how long an upload (or a done marker) may sit untouched before it is collected
     * @param minPartSize the least size of every part but the last at Complete (S3: 5 MiB), else EntityTooSmall
     */
    public record Settings(Duration maxAge, Clock clock, long minPartSize) {}

    /** An open upload of this node. */
    public record OpenUpload(S4Key key, String uploadId, Instant initiated) {}

    public static final int MAX_PART_NUMBER = 10_000;
    private static final String KEY_FILE = "key";
    private static final String DONE_FILE = "done";
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path dir;
    private final FileObjectStore store;
    private final Settings settings;
    private final Map<String, Object> completing = new ConcurrentHashMap<>();

    MultipartUploads(Path dir, FileObjectStore store, Settings settings) {
        this.dir = dir;
        this.store = store;
        this.settings = settings;
    }

    void open() throws IOException {
        Files.createDirectories(dir);
    }

    public String create(S4Key key) throws IOException {
        return create(key, Map.of());
    }

    /** Starts an upload; the object it makes will carry {@code metadata} (see {@link ObjectStore#put}). */
    public String create(S4Key key, Map<String, String> metadata) throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "");
        Path upload = dir.resolve(id);
        try {
            Files.createDirectory(upload);
            Files.writeString(upload.resolve(KEY_FILE), key.toString(), StandardCharsets.UTF_8);
            FileObjectStore.writeMetadata(upload.resolve(KEY_FILE), metadata);
        } catch (IOException e) {
            TempSpace.deleteTree(upload);
            DiskFull.check(e, dir);
            throw e;
        }
        return id;
    }

    public PartInfo putPart(String uploadId, S4Key key, int number, InputStream data, UploadCheck check)
            throws IOException {
        Path upload = open(uploadId, key);
        if (Files.exists(upload.resolve(DONE_FILE))) {
            throw new NoSuchUploadException(uploadId + " (already completed)");
        }
        try (TempSpace.Entry tmp = store.newTempFile()) {
            var crc = new StreamingChecksum();
            long size = FileObjectStore.receive(data, tmp.path(), crc);
            check.verify(crc.value(), size);
            Path part = upload.resolve(partName(number));
            try {
                FileObjectStore.writeCrc(tmp.path(), crc.value());
                // A part may be uploaded again (client retry); the last one wins, as on S3.
                Files.move(tmp.path(), part, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                DiskFull.check(e, tmp.path());
                throw e;
            }
            return new PartInfo(
                    number, size, crc.value(), Files.getLastModifiedTime(part).toInstant());
        }
    }

    public List<PartInfo> parts(String uploadId, S4Key key) throws IOException {
        Path upload = open(uploadId, key);
        List<PartInfo> parts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(upload, "part-*")) {
            for (Path part : entries) {
                BasicFileAttributes attrs = Files.readAttributes(part, BasicFileAttributes.class);
                int number = Integer.parseInt(part.getFileName().toString().substring(5));
                parts.add(new PartInfo(
                        number,
                        attrs.size(),
                        FileObjectStore.readCrc(part),
                        attrs.lastModifiedTime().toInstant()));
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchUploadException(uploadId);
        }
        parts.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return parts;
    }

    /**
     * Publishes the listed parts, in order, as the key. A repeated call for an upload that completed returns the
     * object it made.
     */
    public StoredObject complete(String uploadId, S4Key key, List<RequestedPart> requested) throws IOException {
        Object lock = completing.computeIfAbsent(uploadId, id -> new Object());
        try {
            synchronized (lock) {
                Path upload = open(uploadId, key);
                Path done = upload.resolve(DONE_FILE);
                if (Files.exists(done)) {
                    String etag = Files.readString(done, StandardCharsets.UTF_8);
                    return store.find(key)
                            .filter(o -> o.etag().equals(etag))
                            .orElseThrow(() -> new NoSuchUploadException(uploadId + " (completed, key since changed)"));
                }
                List<Path> files = checkParts(uploadId, key, requested);
                StoredObject stored =
                        concatenateAndPublish(key, files, FileObjectStore.readMetadata(upload.resolve(KEY_FILE)));
                // The key is published; a marker that cannot be written only loses the idempotent repeat.
                try {
                    Files.writeString(done, stored.etag(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    Files.deleteIfExists(done);
                }
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
                try (DirectoryStream<Path> rest = Files.newDirectoryStream(upload, "part-*")) {
                    for (Path unused : rest) {
                        Files.deleteIfExists(unused);
                    }
                }
                return stored;
            }
        } finally {
            completing.remove(uploadId, lock);
        }
    }

    /** The open (not completed) uploads of {@code bucket} whose key starts with {@code prefix}. */
    public List<OpenUpload> list(String bucket, String prefix) throws IOException {
        List<OpenUpload> open = new ArrayList<>();
        try (DirectoryStream<Path> uploads = Files.newDirectoryStream(dir)) {
            for (Path upload : uploads) {
                try {
                    if (Files.exists(upload.resolve(DONE_FILE))) {
                        continue;
                    }
                    Path keyFile = upload.resolve(KEY_FILE);
                    S4Key key = S4Key.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
                    if (key.bucket().equals(bucket) && key.path().startsWith(prefix)) {
                        open.add(new OpenUpload(
                                key,
                                upload.getFileName().toString(),
                                Files.getLastModifiedTime(keyFile).toInstant()));
                    }
                } catch (IOException | IllegalArgumentException raced) {
                    // aborted, completed or collected meanwhile: not open
                }
            }
        }
        return open;
    }

    private List<Path> checkParts(String uploadId, S4Key key, List<RequestedPart> requested) throws IOException {
        if (requested.isEmpty()) {
            throw new InvalidPartException("CompleteMultipartUpload names no parts", false);
        }
        List<PartInfo> uploaded = parts(uploadId, key);
        List<Path> files = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i < requested.size(); i++) {
            RequestedPart part = requested.get(i);
            if (part.number() <= previous) {
                throw new InvalidPartException(
                        "parts must be listed in ascending order, part " + part.number() + " follows " + previous,
                        true);
            }
            previous = part.number();
            PartInfo info = uploaded.stream()
                    .filter(p -> p.number() == part.number())
                    .findFirst()
                    .orElseThrow(() -> new InvalidPartException("part " + part.number() + " was not uploaded", false));
            if (!unquote(info.etag()).equals(unquote(part.etag()))) {
                throw new InvalidPartException(
                        "part " + part.number() + " has ETag " + info.etag() + ", not " + part.etag(), false);
            }
            if (i < requested.size() - 1 && info.size() < settings.minPartSize()) {
                throw new EntityTooSmallException("part " + part.number() + " has " + info.size()
                        + " bytes; every part but the last needs at least " + settings.minPartSize());
            }
            files.add(dir.resolve(uploadId).resolve(partName(part.number())));
        }
        return files;
    }

    private StoredObject concatenateAndPublish(S4Key key, List<Path> parts, Map<String, String> metadata)
            throws IOException {
        Path target = store.pathOf(key);
        List<Long> partSizes = new ArrayList<>();
        try (TempSpace.Entry tmp = store.newTempFile()) {
            var crc = new StreamingChecksum();
            long size = 0;
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            try (FileChannel out = FileChannel.open(tmp.path(), StandardOpenOption.WRITE)) {
                for (Path part : parts) {
                    try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
                        partSizes.add(in.size());
                        while (in.read(buffer.clear()) >= 0) {
                            buffer.flip();
                            size += buffer.remaining();
                            crc.update(buffer.duplicate());
                            try {
                                while (buffer.hasRemaining()) {
                                    out.write(buffer);
                                }
                            } catch (IOException e) {
                                DiskFull.check(e, tmp.path());
                                throw e;
                            }
                        }
                    }
                }
            }
            return store.publish(key, target, tmp.path(), crc.value(), size, partSizes, metadata);
        }
    }

    public void abort(String uploadId, S4Key key) throws IOException {
        Path upload = open(uploadId, key);
        TempSpace.deleteTree(upload);
    }

    /** Removes uploads and done markers untouched for longer than the max age; returns how many. */
    public int sweep() {
        Instant cutoff = settings.clock().instant().minus(settings.maxAge());
        int removed = 0;
        try (DirectoryStream<Path> uploads = Files.newDirectoryStream(dir)) {
            for (Path upload : uploads) {
                if (Files.getLastModifiedTime(upload).toInstant().isBefore(cutoff)
                        && !completing.containsKey(upload.getFileName().toString())) {
                    TempSpace.deleteTree(upload);
                    removed++;
                }
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }

    private Path open(String uploadId, S4Key key) throws IOException {
        if (!uploadId.matches("[0-9a-f]{32}")) {
            throw new NoSuchUploadException(uploadId);
        }
        Path upload = dir.resolve(uploadId);
        String owner;
        try {
            owner = Files.readString(upload.resolve(KEY_FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchUploadException(uploadId);
        }
        if (!owner.equals(key.toString())) {
            throw new NoSuchUploadException(uploadId + " for " + key);
        }
        return upload;
    }

    private static String partName(int number) {
        return String.format("part-%05d", number);
    }

    private static String unquote(String etag) {
        String e = etag.strip();
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }

    /** An uploaded part; its ETag is its CRC32C. */
    public record PartInfo(int number, long size, long crc32c, Instant lastModified) {

        public String etag() {
            return "\"" + StreamingChecksum.toHex(crc32c) + "\"";
        }
    }

    /** A part as named in CompleteMultipartUpload. */
    public record RequestedPart(int number, String etag) {}
}
