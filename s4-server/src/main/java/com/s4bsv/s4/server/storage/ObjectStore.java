package com.s4bsv.s4.server.storage;

import com.s4bsv.s4.key.S4Key;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects of this node. Keys are immutable: a put never replaces an existing key, and of racing puts of one
 * new key exactly one wins. Nothing half-written is ever visible. Knows nothing of HTTP or of other nodes.
 */
public interface ObjectStore {

    /** Bytes of metadata one object can keep (encoded); S3 limits user metadata to 2 KiB within it. */
    int MAX_METADATA_BYTES = 3 * 1024;

    /**
     * Streams {@code data} to a temp file while computing its CRC32C, runs {@code check}, then publishes.
     *
     * @throws KeyExistsException   the key exists (checked before and at publish)
     * @throws KeyConflictException the key collides with a directory of other keys, or the reverse
     */
    default StoredObject put(S4Key key, InputStream data, UploadCheck check) throws IOException {
        return put(key, data, check, Map.of());
    }

    /**
     * As {@link #put(S4Key, InputStream, UploadCheck)}, keeping {@code metadata} (header name to value, as the
     * S3 front chose them) with the object, published with it.
     */
    StoredObject put(S4Key key, InputStream data, UploadCheck check, Map<String, String> metadata) throws IOException;

    /** The metadata kept with the object, in the order it was given; empty when none. */
    Map<String, String> metadata(StoredObject object) throws IOException;

    /**
     * Publishes a finished local file as {@code key} (computing its CRC32C); the file is moved in, so it must not
     * be used afterwards. Best from {@link #temp()} (same filesystem: a link, no copy).
     */
    StoredObject putFile(S4Key key, Path finished) throws IOException;

    /** @throws NoSuchKeyException when the key is not committed */
    StoredObject get(S4Key key);

    Optional<StoredObject> find(S4Key key);

    /** Where the key's file is (or would be): for reading only. */
    Path pathOf(S4Key key);

    /** Sizes of the parts of the multipart upload that made the object, in order; empty for a plain put. */
    List<Long> partSizes(StoredObject object) throws IOException;

    /** @throws NoSuchKeyException when the key is not there */
    void delete(S4Key key) throws IOException;

    /**
     * Stores the folder marker {@code dir.path() + "/"}: a zero-byte key beside the keys under it (the AWS console,
     * Hadoop and sync tools make them). Kept on the directory itself, so no key name is reserved.
     *
     * @throws KeyExistsException   the marker exists
     * @throws KeyConflictException a key {@code dir} is a file
     */
    StoredObject putMarker(S4Key dir, Map<String, String> metadata) throws IOException;

    /** The folder marker {@code dir.path() + "/"}, as an empty object whose key is {@code dir}. */
    Optional<StoredObject> findMarker(S4Key dir);

    /** @throws NoSuchKeyException when the marker is not there */
    void deleteMarker(S4Key dir) throws IOException;

    /** The folder markers of the bucket whose name ({@code path + "/"}) starts with {@code prefix}, in key order. */
    List<StoredObject> markers(String bucket, String prefix) throws IOException;

    /** Deletes every local key of the bucket whose path starts with {@code prefix}; returns how many. */
    int deletePrefix(String bucket, String prefix) throws IOException;

    /** Local keys of the bucket whose path starts with {@code prefix}, in S3 key order (UTF-8 bytes). */
    List<StoredObject> list(String bucket, String prefix) throws IOException;

    List<BucketEntry> buckets() throws IOException;

    boolean bucketExists(String bucket);

    void createBucket(String bucket) throws IOException;

    /** @throws BucketNotEmptyException when it holds keys; {@link NoSuchBucketException} when absent */
    void deleteBucket(String bucket) throws IOException;

    TempSpace temp();

    MultipartUploads multipart();

    /** Objects and bytes committed on this node (for gauges). */
    long objectCount();

    long byteCount();
}
