package com.s4bsv.s4.server.storage;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.key.KeyRules;
import com.s4bsv.s4.key.S4Key;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Objects as plain files {@code <root>/<bucket>/<path>}, mode 0444, with the CRC32C in the extended attribute
 * {@code user.s4.crc32c} of the same inode.
 *
 * <p>Why an xattr and not a sidecar file: it reserves no key name (a user key may end in {@code .xxh}), and the
 * checksum is written to the temp file before publishing, so the one hard link that publishes the data publishes
 * the checksum with it: a key exists exactly when its file exists. Publishing is {@code link(temp, target)},
 * which fails when the target exists, so of racing writers exactly one wins and nothing is overwritten (the
 * s3proxy "create if absent" approach). Internal names start with '_' ({@code _tmp}, {@code _uploads}), which
 * no bucket may.
 */
final class FileObjectStore implements ObjectStore {

    static final String CRC_ATTRIBUTE = "s4.crc32c";
    /** Sizes of the parts of an object a multipart upload made, as runs {@code size*count,...}. */
    static final String PARTS_ATTRIBUTE = "s4.parts";
    /** Part sizes that do not fit one xattr value of every filesystem (ext4: a block) are not kept. */
    private static final int MAX_PARTS_ATTRIBUTE_BYTES = 1024;
    /** Headers kept with the object (Content-Type, x-amz-meta-*, ...) as {@code name NUL value NUL ...}, UTF-8. */
    static final String METADATA_ATTRIBUTE = "s4.meta";

    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
    private static final int BUFFER_BYTES = 1 << 20;
    private static final Object[] MARKER_LOCKS = new Object[64];

    static {
        for (int i = 0; i < MARKER_LOCKS.length; i++) {
            MARKER_LOCKS[i] = new Object();
        }
    }

    private final Path root;
    private final TempSpace temp;
    private final MultipartUploads multipart;
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    FileObjectStore(Path root, TempSpace temp, MultipartUploads.Settings uploads) {
        this.root = root;
        this.temp = temp;
        this.multipart = new MultipartUploads(root.resolve("_uploads"), this, uploads);
    }

    /** Prepares the data root: directories, an xattr probe, temp garbage of a previous run, the counters. */
    void open() {
        try {
            Files.createDirectories(root);
            temp.clearAll();
            multipart.open();
        } catch (IOException e) {
            throw new DataDirException("cannot use data dir " + root + ": " + e.getMessage(), e);
        }
        try (TempSpace.Entry probe = temp.newFile()) {
            writeCrc(probe.path(), 0x12345678L);
            if (readCrc(probe.path()) != 0x12345678L) {
                throw new IOException("read back another value");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new DataDirException(
                    "data dir " + root + " does not support user extended attributes (s4 keeps"
                            + " each object's checksum in one): " + e.getMessage(),
                    e);
        }
        countObjects();
    }

    @Override
    public StoredObject put(S4Key key, InputStream data, UploadCheck check, Map<String, String> metadata)
            throws IOException {
        Path target = pathOf(key);
        refuseExisting(key, target);
        try (TempSpace.Entry tmp = newTempFile()) {
            var crc = new StreamingChecksum();
            long size = receive(data, tmp.path(), crc);
            check.verify(crc.value(), size);
            return publish(key, target, tmp.path(), crc.value(), size, List.of(), metadata);
        }
    }

    /**
     * Streams {@code data} into {@code file}, feeding {@code crc}; returns the byte count. The buffer starts small
     * (most objects are) and grows while reads keep filling it, so large uploads are written in 1 MiB blocks.
     */
    static long receive(InputStream data, Path file, StreamingChecksum crc) throws IOException {
        long size = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = data.readNBytes(buffer, 0, buffer.length)) > 0) {
                crc.update(buffer, 0, n);
                ByteBuffer wrapped = ByteBuffer.wrap(buffer, 0, n);
                try {
                    while (wrapped.hasRemaining()) {
                        out.write(wrapped);
                    }
                } catch (IOException e) {
                    DiskFull.check(e, file);
                    throw e;
                }
                size += n;
                if (n == buffer.length && buffer.length < BUFFER_BYTES) {
                    buffer = new byte[buffer.length * 4];
                }
            }
        }
        return size;
    }

    @Override
    public StoredObject putFile(S4Key key, Path finished) throws IOException {
        Path target = pathOf(key);
        refuseExisting(key, target);
        try (TempSpace.Entry tmp = newTempFile()) {
            try {
                Files.move(finished, tmp.path(), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                DiskFull.check(e, temp.dir());
                throw e;
            }
            var crc = new StreamingChecksum();
            long size = 0;
            try (FileChannel in = FileChannel.open(tmp.path(), StandardOpenOption.READ)) {
                // a map writes one output per key, most of them tiny
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(BUFFER_BYTES, in.size())));
                while (in.read(buffer.clear()) >= 0) {
                    buffer.flip();
                    size += buffer.remaining();
                    crc.update(buffer);
                }
            }
            return publish(key, target, tmp.path(), crc.value(), size, List.of(), Map.of());
        }
    }

    /**
     * Publishes a complete temp file that carries no checksum yet; the caller deletes {@code tmp} afterwards.
     * {@code partSizes} are those of the multipart upload that made it (empty for a plain put).
     */
    StoredObject publish(
            S4Key key,
            Path target,
            Path tmp,
            long crc32c,
            long size,
            List<Long> partSizes,
            Map<String, String> metadata)
            throws IOException {
        try {
            writeCrc(tmp, crc32c);
            writeParts(tmp, partSizes);
            writeMetadata(tmp, metadata);
            Files.setPosixFilePermissions(tmp, READ_ONLY);
        } catch (IOException e) {
            DiskFull.check(e, tmp);
            throw e;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                createParents(key, target);
                Files.createLink(target, tmp);
                break;
            } catch (FileAlreadyExistsException e) {
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new KeyConflictException(key.toString(), "it is a directory of other keys");
                }
                throw new KeyExistsException(key.toString());
            } catch (NoSuchFileException e) {
                // A delete pruned the empty parent between createDirectories and the link; make it again.
                if (attempt >= 5) {
                    throw e;
                }
            } catch (IOException e) {
                DiskFull.check(e, tmp);
                throw e;
            }
        }
        objects.incrementAndGet();
        bytes.addAndGet(size);
        return new StoredObject(
                key, size, crc32c, Files.getLastModifiedTime(target).toInstant(), target);
    }

    /** A temp file for an upload; creating it needs an inode, which a full filesystem may not have. */
    TempSpace.Entry newTempFile() throws IOException {
        try {
            return temp.newFile();
        } catch (IOException e) {
            DiskFull.check(e, temp.dir());
            throw e;
        }
    }

    private void refuseExisting(S4Key key, Path target) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeyConflictException(key.toString(), "it is a directory of other keys");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeyExistsException(key.toString());
        }
    }

    private void createParents(S4Key key, Path target) throws IOException {
        try {
            Files.createDirectories(target.getParent());
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new KeyConflictException(key.toString(), "a key exists where it needs a directory");
        }
    }

    @Override
    public StoredObject get(S4Key key) {
        return find(key).orElseThrow(() -> new NoSuchKeyException(key.toString()));
    }

    @Override
    public Optional<StoredObject> find(S4Key key) {
        Path file = pathOf(key);
        try {
            BasicFileAttributes attrs =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(
                    key, attrs.size(), readCrc(file), attrs.lastModifiedTime().toInstant(), file));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            // No checksum means not committed by us: not a key.
            return Optional.empty();
        }
    }

    @Override
    public Path pathOf(S4Key key) {
        Path bucketDir = root.resolve(key.bucket());
        Path file = bucketDir.resolve(key.path()).normalize();
        if (!file.startsWith(bucketDir) || file.equals(bucketDir)) {
            throw new IllegalArgumentException("key escapes its bucket: " + key);
        }
        return file;
    }

    @Override
    public void delete(S4Key key) throws IOException {
        Path file = pathOf(key);
        StoredObject existing = get(key);
        try {
            Files.delete(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchKeyException(key.toString());
        }
        objects.decrementAndGet();
        bytes.addAndGet(-existing.size());
        pruneEmptyParents(file.getParent(), root.resolve(key.bucket()));
    }

    // Empty directories left by deletes would turn a later put of that name into a conflict.
    private static void pruneEmptyParents(Path dir, Path bucketDir) {
        Path current = dir;
        while (current != null && current.startsWith(bucketDir) && !current.equals(bucketDir)) {
            if (isMarker(current)) {
                return;
            }
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return;
            }
            current = current.getParent();
        }
    }

    @Override
    public StoredObject putMarker(S4Key dir, Map<String, String> metadata) throws IOException {
        Path target = pathOf(dir);
        synchronized (markerLock(target)) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new KeyConflictException(dir + "/", "a key " + dir + " exists where the folder is");
            }
            if (isMarker(target)) {
                throw new KeyExistsException(dir + "/");
            }
            createParents(dir, target);
            try {
                Files.createDirectories(target);
                writeMetadata(target, metadata);
                // The checksum (of no bytes) is written last: it is what makes the directory a marker.
                writeCrc(target, new StreamingChecksum().value());
            } catch (FileAlreadyExistsException e) {
                throw new KeyConflictException(dir + "/", "a key " + dir + " exists where the folder is");
            } catch (IOException e) {
                DiskFull.check(e, target);
                throw e;
            }
            objects.incrementAndGet();
            return marker(dir, target);
        }
    }

    private static Object markerLock(Path dir) {
        return MARKER_LOCKS[Math.floorMod(dir.hashCode(), MARKER_LOCKS.length)];
    }

    @Override
    public Optional<StoredObject> findMarker(S4Key dir) {
        Path target = pathOf(dir);
        return isMarker(target) ? Optional.of(marker(dir, target)) : Optional.empty();
    }

    @Override
    public void deleteMarker(S4Key dir) throws IOException {
        Path target = pathOf(dir);
        synchronized (markerLock(target)) {
            if (!isMarker(target)) {
                throw new NoSuchKeyException(dir + "/");
            }
            UserDefinedFileAttributeView view =
                    Files.getFileAttributeView(target, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            view.delete(CRC_ATTRIBUTE);
            if (view.list().contains(METADATA_ATTRIBUTE)) {
                view.delete(METADATA_ATTRIBUTE);
            }
            objects.decrementAndGet();
            pruneEmptyParents(target, root.resolve(dir.bucket()));
        }
    }

    @Override
    public List<StoredObject> markers(String bucket, String prefix) throws IOException {
        KeyRules.checkBucket("s4://" + bucket, bucket);
        Path bucketDir = root.resolve(bucket);
        List<StoredObject> found = new ArrayList<>();
        if (!Files.isDirectory(bucketDir, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        Files.walkFileTree(bucketDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(bucketDir)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = relative(bucketDir, dir) + "/";
                if (!name.startsWith(prefix) && !prefix.startsWith(name)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (name.startsWith(prefix) && isMarker(dir)) {
                    try {
                        S4Key key = new S4Key(bucket, name.substring(0, name.length() - 1));
                        found.add(marker(key, dir));
                    } catch (IllegalArgumentException notOurs) {
                        // a name s4 would refuse: not a marker
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort((a, b) -> KeyOrder.compare(a.key().path() + "/", b.key().path() + "/"));
        return found;
    }

    private static boolean isMarker(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            readCrc(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static StoredObject marker(S4Key dir, Path target) {
        Instant modified;
        try {
            modified =
                    Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            modified = Instant.EPOCH;
        }
        return new StoredObject(dir, 0, new StreamingChecksum().value(), modified, target);
    }

    @Override
    public int deletePrefix(String bucket, String prefix) throws IOException {
        int deleted = 0;
        for (StoredObject marker : markers(bucket, prefix)) {
            try {
                deleteMarker(marker.key());
                deleted++;
            } catch (NoSuchKeyException raced) {
                // deleted by someone else meanwhile: the outcome is the same
            }
        }
        for (StoredObject object : list(bucket, prefix)) {
            try {
                delete(object.key());
                deleted++;
            } catch (NoSuchKeyException raced) {
                // deleted by someone else meanwhile: the outcome is the same
            }
        }
        return deleted;
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) throws IOException {
        KeyRules.checkBucket("s4://" + bucket, bucket);
        Path bucketDir = root.resolve(bucket);
        int cut = prefix.lastIndexOf('/');
        Path start = cut < 0
                ? bucketDir
                : bucketDir.resolve(prefix.substring(0, cut)).normalize();
        List<StoredObject> found = new ArrayList<>();
        if (!start.startsWith(bucketDir) || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(start)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(bucketDir, dir) + "/";
                return rel.startsWith(prefix) || prefix.startsWith(rel)
                        ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(bucketDir, file);
                if (rel.startsWith(prefix)) {
                    try {
                        found.add(new StoredObject(
                                new S4Key(bucket, rel),
                                attrs.size(),
                                readCrc(file),
                                attrs.lastModifiedTime().toInstant(),
                                file));
                    } catch (IOException | IllegalArgumentException notOurs) {
                        // no checksum, or a name s4 would refuse: not a key
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort((a, b) -> KeyOrder.compare(a.key().path(), b.key().path()));
        return found;
    }

    private static String relative(Path base, Path path) {
        String rel = base.relativize(path).toString();
        return path.getFileSystem().getSeparator().equals("/")
                ? rel
                : rel.replace(path.getFileSystem().getSeparator(), "/");
    }

    @Override
    public List<BucketEntry> buckets() throws IOException {
        List<BucketEntry> buckets = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith("_") || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                buckets.add(new BucketEntry(name, attrs.creationTime().toInstant()));
            }
        }
        buckets.sort((a, b) -> KeyOrder.compare(a.name(), b.name()));
        return buckets;
    }

    @Override
    public boolean bucketExists(String bucket) {
        return !bucket.startsWith("_") && Files.isDirectory(root.resolve(bucket), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void createBucket(String bucket) throws IOException {
        KeyRules.checkBucket("s4://" + bucket, bucket);
        Files.createDirectories(root.resolve(bucket));
    }

    @Override
    public void deleteBucket(String bucket) throws IOException {
        if (!bucketExists(bucket)) {
            throw new NoSuchBucketException(bucket);
        }
        if (!list(bucket, "").isEmpty() || !markers(bucket, "").isEmpty()) {
            throw new BucketNotEmptyException(bucket);
        }
        TempSpace.deleteTree(root.resolve(bucket));
    }

    @Override
    public TempSpace temp() {
        return temp;
    }

    @Override
    public MultipartUploads multipart() {
        return multipart;
    }

    @Override
    public long objectCount() {
        return objects.get();
    }

    @Override
    public long byteCount() {
        return bytes.get();
    }

    private void countObjects() {
        try {
            for (BucketEntry bucket : buckets()) {
                for (StoredObject object : list(bucket.name(), "")) {
                    objects.incrementAndGet();
                    bytes.addAndGet(object.size());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // gauges only; a data dir with foreign content still serves its keys
        }
    }

    static void writeCrc(Path file, long crc32c) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            throw new UnsupportedOperationException("no user-defined file attributes on this filesystem");
        }
        view.write(CRC_ATTRIBUTE, StandardCharsets.US_ASCII.encode(StreamingChecksum.toHex(crc32c)));
    }

    private static void writeParts(Path file, List<Long> sizes) throws IOException {
        if (sizes.isEmpty()) {
            return;
        }
        var runs = new StringBuilder();
        int i = 0;
        while (i < sizes.size()) {
            int j = i;
            while (j < sizes.size() && sizes.get(j).equals(sizes.get(i))) {
                j++;
            }
            runs.append(runs.isEmpty() ? "" : ",")
                    .append(sizes.get(i))
                    .append('*')
                    .append(j - i);
            i = j;
        }
        if (runs.length() <= MAX_PARTS_ATTRIBUTE_BYTES) {
            Files.getFileAttributeView(file, UserDefinedFileAttributeView.class)
                    .write(PARTS_ATTRIBUTE, StandardCharsets.US_ASCII.encode(runs.toString()));
        }
    }

    static void writeMetadata(Path file, Map<String, String> metadata) throws IOException {
        if (metadata.isEmpty()) {
            return;
        }
        var text = new StringBuilder();
        metadata.forEach(
                (name, value) -> text.append(name).append('\0').append(value).append('\0'));
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
        if (bytes.remaining() > ObjectStore.MAX_METADATA_BYTES) {
            throw new IllegalArgumentException(
                    "metadata of " + bytes.remaining() + " bytes, more than " + ObjectStore.MAX_METADATA_BYTES);
        }
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).write(METADATA_ATTRIBUTE, bytes);
    }

    @Override
    public Map<String, String> metadata(StoredObject object) throws IOException {
        return readMetadata(object.file());
    }

    static Map<String, String> readMetadata(Path file) throws IOException {
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        // most objects have no user metadata: asking for the names is one call, where reading an absent attribute
        // throws (and fills in a deep stack trace) on every GET and HEAD
        ByteBuffer buffer;
        try {
            if (!view.list().contains(METADATA_ATTRIBUTE)) {
                return Map.of();
            }
            buffer = ByteBuffer.allocate(ObjectStore.MAX_METADATA_BYTES);
            view.read(METADATA_ATTRIBUTE, buffer);
        } catch (FileSystemException absent) {
            return Map.of();
        }
        String[] fields =
                StandardCharsets.UTF_8.decode(buffer.flip()).toString().split("\0", -1);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            metadata.put(fields[i], fields[i + 1]);
        }
        return metadata;
    }

    @Override
    public List<Long> partSizes(StoredObject object) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(
                object.file(), UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        ByteBuffer buffer = ByteBuffer.allocate(MAX_PARTS_ATTRIBUTE_BYTES);
        try {
            view.read(PARTS_ATTRIBUTE, buffer);
        } catch (FileSystemException absent) {
            return List.of();
        }
        List<Long> sizes = new ArrayList<>();
        for (String run :
                StandardCharsets.US_ASCII.decode(buffer.flip()).toString().split(",")) {
            int star = run.indexOf('*');
            long size = Long.parseLong(run.substring(0, star));
            for (int n = Integer.parseInt(run.substring(star + 1)); n > 0; n--) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    static long readCrc(Path file) throws IOException {
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            throw new FileSystemException(file.toString(), null, "no user-defined file attributes");
        }
        ByteBuffer buffer = ByteBuffer.allocate(16);
        int n = view.read(CRC_ATTRIBUTE, buffer);
        if (n != 8) {
            throw new FileSystemException(file.toString(), null, "bad checksum attribute");
        }
        buffer.flip();
        try {
            return StreamingChecksum.fromHex(
                    StandardCharsets.US_ASCII.decode(buffer).toString());
        } catch (IllegalArgumentException e) {
            throw new FileSystemException(file.toString(), null, "bad checksum attribute");
        }
    }
}
