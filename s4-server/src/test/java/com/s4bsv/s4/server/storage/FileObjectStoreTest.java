package com.s4bsv.s4.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.key.S4Key;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileObjectStoreTest {

    @TempDir
    Path root;

    FileObjectStore store;

    @BeforeEach
    void open() {
        store = newStore();
    }

    private FileObjectStore newStore() {
        return newStore(0);
    }

    private FileObjectStore newStore(long minPartSize) {
        var s = new FileObjectStore(
                root,
                new TempSpace(root.resolve("_tmp"), Duration.ofMinutes(10), Clock.systemUTC()),
                new MultipartUploads.Settings(Duration.ofHours(1), Clock.systemUTC(), minPartSize));
        s.open();
        return s;
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long crc(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new StreamingChecksum().update(b, 0, b.length).value();
    }

    @Test
    void storesPlainReadOnlyFileWithChecksum() throws IOException {
        S4Key key = S4Key.parse("s4://bucket/dir/file.txt");
        StoredObject stored = store.put(key, bytes("hello"), UploadCheck.NONE);

        Path file = root.resolve("bucket/dir/file.txt");
        assertThat(stored.file()).isEqualTo(file);
        assertThat(Files.readString(file)).isEqualTo("hello");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("r--r--r--");
        assertThat(stored.crc32c()).isEqualTo(crc("hello"));
        assertThat(store.get(key).crc32c()).isEqualTo(crc("hello"));
        assertThat(store.get(key).size()).isEqualTo(5);
        assertThat(tempEntries()).isEmpty();
    }

    @Test
    void refusesToOverwriteAnExistingKey() throws IOException {
        S4Key key = S4Key.parse("s4://bucket/k");
        store.put(key, bytes("first"), UploadCheck.NONE);

        assertThatThrownBy(() -> store.put(key, bytes("second"), UploadCheck.NONE))
                .isInstanceOf(KeyExistsException.class);
        assertThat(Files.readString(store.pathOf(key))).isEqualTo("first");
        assertThat(tempEntries()).isEmpty();
    }

    @Test
    void failedCheckStoresNothing() throws IOException {
        S4Key key = S4Key.parse("s4://bucket/k");
        assertThatThrownBy(() -> store.put(key, bytes("data"), (crc, size) -> {
                    throw new IllegalStateException("bad digest");
                }))
                .hasMessage("bad digest");

        assertThat(store.find(key)).isEmpty();
        assertThat(Files.exists(store.pathOf(key))).isFalse();
        assertThat(tempEntries()).isEmpty();
    }

    @Test
    void keyEndingInXxhIsStoredAndListed() throws IOException {
        store.put(S4Key.parse("s4://bucket/a"), bytes("a"), UploadCheck.NONE);
        store.put(S4Key.parse("s4://bucket/a.xxh"), bytes("b"), UploadCheck.NONE);

        assertThat(store.list("bucket", "").stream().map(o -> o.key().path())).containsExactly("a", "a.xxh");
    }

    @Test
    void exactlyOneOfTwentyConcurrentWritersWinsAndTheBytesAreItsOwn() throws Exception {
        S4Key key = S4Key.parse("s4://bucket/race");
        var start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                String body = "writer-" + i + "-" + "x".repeat(10_000 + i);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.put(key, bytes(body), UploadCheck.NONE);
                        return body;
                    } catch (KeyExistsException lost) {
                        return null;
                    }
                }));
            }
            start.countDown();
        }
        List<String> winners = new ArrayList<>();
        for (Future<String> result : results) {
            if (result.get() != null) {
                winners.add(result.get());
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(Files.readString(store.pathOf(key))).isEqualTo(winners.get(0));
        assertThat(store.get(key).crc32c()).isEqualTo(crc(winners.get(0)));
        assertThat(tempEntries()).isEmpty();
    }

    @Test
    void keyCollidingWithDirectoryIsRefusedEitherWay() throws IOException {
        store.put(S4Key.parse("s4://bucket/a/b/c"), bytes("c"), UploadCheck.NONE);
        assertThatThrownBy(() -> store.put(S4Key.parse("s4://bucket/a/b"), bytes("x"), UploadCheck.NONE))
                .isInstanceOf(KeyConflictException.class);

        store.put(S4Key.parse("s4://bucket/x/y"), bytes("y"), UploadCheck.NONE);
        assertThatThrownBy(() -> store.put(S4Key.parse("s4://bucket/x/y/z"), bytes("z"), UploadCheck.NONE))
                .isInstanceOf(KeyConflictException.class);
        assertThat(tempEntries()).isEmpty();
    }

    @Test
    void deleteRemovesKeyAndEmptyParentsSoTheNameCanBeUsedAgain() throws IOException {
        S4Key deep = S4Key.parse("s4://bucket/a/b/c");
        store.put(deep, bytes("c"), UploadCheck.NONE);
        store.delete(deep);

        assertThat(store.find(deep)).isEmpty();
        assertThat(Files.exists(root.resolve("bucket/a"))).isFalse();
        assertThat(Files.isDirectory(root.resolve("bucket"))).isTrue();
        store.put(S4Key.parse("s4://bucket/a"), bytes("now a file"), UploadCheck.NONE);
        assertThatThrownBy(() -> store.delete(deep)).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void listsByPrefixInKeyOrder() throws IOException {
        for (String path : List.of("b/2", "a.b", "a/b", "a/a/x", "ab", "c")) {
            store.put(new S4Key("bucket", path), bytes(path), UploadCheck.NONE);
        }
        assertThat(store.list("bucket", "").stream().map(o -> o.key().path()))
                .containsExactly("a.b", "a/a/x", "a/b", "ab", "b/2", "c");
        assertThat(store.list("bucket", "a/").stream().map(o -> o.key().path())).containsExactly("a/a/x", "a/b");
        assertThat(store.list("bucket", "a").stream().map(o -> o.key().path()))
                .containsExactly("a.b", "a/a/x", "a/b", "ab");
        assertThat(store.list("bucket", "a/a/").stream().map(o -> o.key().path()))
                .containsExactly("a/a/x");
        assertThat(store.list("bucket", "zz")).isEmpty();
        assertThat(store.list("other", "")).isEmpty();
        assertThat(store.deletePrefix("bucket", "a/")).isEqualTo(2);
        assertThat(store.list("bucket", "").stream().map(o -> o.key().path())).containsExactly("a.b", "ab", "b/2", "c");
    }

    @Test
    void fileWithoutChecksumIsNotAKey() throws IOException {
        Files.createDirectories(root.resolve("bucket"));
        Files.writeString(root.resolve("bucket/foreign"), "dropped in by hand");

        assertThat(store.find(S4Key.parse("s4://bucket/foreign"))).isEmpty();
        assertThat(store.list("bucket", "")).isEmpty();
    }

    @Test
    void putFileMovesAFinishedFileIn() throws IOException {
        Path out;
        try (TempSpace.Entry dir = store.temp().newDir()) {
            out = dir.path().resolve("output");
            Files.writeString(out, "result");
            StoredObject stored = store.putFile(S4Key.parse("s4://bucket/out/1"), out);
            assertThat(stored.crc32c()).isEqualTo(crc("result"));
        }
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.readString(root.resolve("bucket/out/1"))).isEqualTo("result");
        assertThat(tempEntries()).isEmpty();
    }

    @Test
    void tempGarbageOfDeadRequestsIsRemovedAtStartAndWhenOld() throws IOException {
        Files.writeString(root.resolve("_tmp/f-dead"), "half an upload");
        Files.createDirectories(root.resolve("_tmp/d-dead/sub"));
        newStore();
        assertThat(tempEntries()).isEmpty();

        var temp = new TempSpace(root.resolve("_tmp"), Duration.ofMinutes(10), Clock.systemUTC());
        Path stale = root.resolve("_tmp/f-stale");
        Files.writeString(stale, "x");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        try (TempSpace.Entry live = temp.newFile()) {
            Files.setLastModifiedTime(live.path(), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            Path fresh = root.resolve("_tmp/f-fresh");
            Files.writeString(fresh, "y");

            assertThat(temp.sweep()).isEqualTo(1);
            assertThat(tempEntries()).containsExactlyInAnyOrder(live.path(), fresh);
        }
    }

    @Test
    void bucketsAreTopLevelDirectoriesWithoutUnderscore() throws IOException {
        store.createBucket("empty");
        store.put(S4Key.parse("s4://full/k"), bytes("k"), UploadCheck.NONE);

        assertThat(store.buckets().stream().map(BucketEntry::name)).containsExactly("empty", "full");
        assertThatThrownBy(() -> store.deleteBucket("full")).isInstanceOf(BucketNotEmptyException.class);
        store.deleteBucket("empty");
        assertThatThrownBy(() -> store.deleteBucket("empty")).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void countsObjectsAndBytes() throws IOException {
        store.put(S4Key.parse("s4://b/one"), bytes("12345"), UploadCheck.NONE);
        store.put(S4Key.parse("s4://b/two"), bytes("123"), UploadCheck.NONE);
        store.delete(S4Key.parse("s4://b/one"));

        assertThat(store.objectCount()).isEqualTo(1);
        assertThat(store.byteCount()).isEqualTo(3);
        FileObjectStore reopened = newStore();
        assertThat(reopened.objectCount()).isEqualTo(1);
        assertThat(reopened.byteCount()).isEqualTo(3);
    }

    @Test
    void metadataAndPartSizesTravelWithTheFileAndNothingLiesBesideIt() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("Content-Type", "text/plain; charset=utf-8");
        metadata.put("x-amz-meta-name", "caf\u00e9 \u263a");
        metadata.put("x-amz-meta-empty", "");
        S4Key plain = S4Key.parse("s4://bucket/plain");
        StoredObject stored = store.put(plain, bytes("data"), UploadCheck.NONE, metadata);
        assertThat(store.metadata(stored)).containsExactlyEntriesOf(metadata);
        assertThat(store.metadata(store.get(plain))).containsExactlyEntriesOf(metadata);
        assertThat(store.partSizes(stored)).isEmpty();

        S4Key multi = S4Key.parse("s4://bucket/multi");
        String id = store.multipart().create(multi, Map.of("Content-Type", "image/png"));
        List<MultipartUploads.RequestedPart> parts = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            var part = store.multipart().putPart(id, multi, n, bytes(n == 4 ? "z" : "abc"), UploadCheck.NONE);
            parts.add(new MultipartUploads.RequestedPart(n, part.etag()));
        }
        StoredObject completed = store.multipart().complete(id, multi, parts);
        assertThat(store.metadata(completed)).containsExactlyEntriesOf(Map.of("Content-Type", "image/png"));
        assertThat(store.partSizes(completed)).containsExactly(3L, 3L, 3L, 1L);

        try (Stream<Path> files = Files.list(root.resolve("bucket"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plain", "multi");
        }
    }

    @Test
    void aFolderMarkerSitsBesideTheKeysUnderItAndOutlivesThem() throws IOException {
        S4Key dir = S4Key.parse("s4://bucket/dir");
        store.putMarker(dir, Map.of("Content-Type", "application/x-directory"));
        store.put(S4Key.parse("s4://bucket/dir/a"), bytes("a"), UploadCheck.NONE);
        assertThatThrownBy(() -> store.putMarker(dir, Map.of())).isInstanceOf(KeyExistsException.class);

        assertThat(store.findMarker(dir)).get().satisfies(m -> {
            assertThat(m.size()).isZero();
            assertThat(m.etag()).isEqualTo(StoredObject.etagOf(crc(""), 0));
        });
        assertThat(store.metadata(store.findMarker(dir).orElseThrow()))
                .containsEntry("Content-Type", "application/x-directory");
        assertThat(store.list("bucket", "")).extracting(o -> o.key().path()).containsExactly("dir/a");
        assertThat(store.markers("bucket", "")).extracting(o -> o.key().path()).containsExactly("dir");
        assertThat(store.markers("bucket", "dir/")).hasSize(1);
        assertThat(store.markers("bucket", "dir/a")).isEmpty();

        store.delete(S4Key.parse("s4://bucket/dir/a"));
        assertThat(store.findMarker(dir)).isPresent();
        assertThatThrownBy(() -> store.deleteBucket("bucket")).isInstanceOf(BucketNotEmptyException.class);
        store.deleteMarker(dir);
        assertThat(store.findMarker(dir)).isEmpty();
        assertThat(Files.exists(root.resolve("bucket/dir"))).isFalse();
        assertThatThrownBy(() -> store.deleteMarker(dir)).isInstanceOf(NoSuchKeyException.class);

        store.put(S4Key.parse("s4://bucket/file"), bytes("f"), UploadCheck.NONE);
        assertThatThrownBy(() -> store.putMarker(S4Key.parse("s4://bucket/file"), Map.of()))
                .isInstanceOf(KeyConflictException.class);
        store.putMarker(S4Key.parse("s4://bucket/p/q"), Map.of());
        assertThat(store.deletePrefix("bucket", "p/")).isEqualTo(1);
        assertThat(store.markers("bucket", "")).isEmpty();
    }

    @Test
    void everyPartButTheLastMustReachTheMinimumSize() throws IOException {
        store = newStore(4);
        S4Key key = S4Key.parse("s4://bucket/small");
        String id = store.multipart().create(key);
        var small = store.multipart().putPart(id, key, 1, bytes("abc"), UploadCheck.NONE);
        var enough = store.multipart().putPart(id, key, 2, bytes("abcd"), UploadCheck.NONE);
        assertThatThrownBy(() -> store.multipart()
                        .complete(
                                id,
                                key,
                                List.of(
                                        new MultipartUploads.RequestedPart(1, small.etag()),
                                        new MultipartUploads.RequestedPart(2, enough.etag()))))
                .isInstanceOf(EntityTooSmallException.class);
        assertThat(store.find(key)).isEmpty();
        assertThat(store.multipart().list("bucket", "sm"))
                .extracting(MultipartUploads.OpenUpload::uploadId)
                .containsExactly(id);
        // the last part may be smaller: here the only one
        store.multipart().complete(id, key, List.of(new MultipartUploads.RequestedPart(1, small.etag())));
        assertThat(store.multipart().list("bucket", "")).isEmpty();
    }

    @Test
    void multipartKeyAppearsOnlyAtCompleteAndCompleteCanBeRepeated() throws IOException {
        S4Key key = S4Key.parse("s4://bucket/multi");
        MultipartUploads uploads = store.multipart();
        String id = uploads.create(key);
        var p1 = uploads.putPart(id, key, 1, bytes("hello "), UploadCheck.NONE);
        var p2 = uploads.putPart(id, key, 2, bytes("world"), UploadCheck.NONE);
        assertThat(store.find(key)).isEmpty();
        assertThat(uploads.parts(id, key))
                .extracting(MultipartUploads.PartInfo::number)
                .containsExactly(1, 2);

        List<MultipartUploads.RequestedPart> parts = List.of(
                new MultipartUploads.RequestedPart(1, p1.etag()), new MultipartUploads.RequestedPart(2, p2.etag()));
        StoredObject first = uploads.complete(id, key, parts);
        StoredObject again = uploads.complete(id, key, parts);

        assertThat(Files.readString(store.pathOf(key))).isEqualTo("hello world");
        assertThat(first.crc32c()).isEqualTo(crc("hello world"));
        assertThat(again.etag()).isEqualTo(first.etag());
        assertThat(tempEntries()).isEmpty();
    }

    @Test
    void multipartRefusesUnknownPartsWrongEtagsAndOrder() throws IOException {
        S4Key key = S4Key.parse("s4://bucket/multi");
        MultipartUploads uploads = store.multipart();
        String id = uploads.create(key);
        var p1 = uploads.putPart(id, key, 1, bytes("a"), UploadCheck.NONE);
        var p2 = uploads.putPart(id, key, 2, bytes("b"), UploadCheck.NONE);

        assertThatThrownBy(() -> uploads.complete(id, key, List.of(new MultipartUploads.RequestedPart(3, p1.etag()))))
                .isInstanceOf(InvalidPartException.class);
        assertThatThrownBy(() -> uploads.complete(id, key, List.of(new MultipartUploads.RequestedPart(1, "\"x\""))))
                .isInstanceOf(InvalidPartException.class);
        assertThatThrownBy(() -> uploads.complete(
                        id,
                        key,
                        List.of(
                                new MultipartUploads.RequestedPart(2, p2.etag()),
                                new MultipartUploads.RequestedPart(1, p1.etag()))))
                .isInstanceOfSatisfying(
                        InvalidPartException.class,
                        e -> assertThat(e.isOrderProblem()).isTrue());
        assertThatThrownBy(() -> uploads.parts(id, S4Key.parse("s4://bucket/other")))
                .isInstanceOf(NoSuchUploadException.class);
        uploads.abort(id, key);
        assertThatThrownBy(() -> uploads.parts(id, key)).isInstanceOf(NoSuchUploadException.class);
        assertThat(store.find(key)).isEmpty();
    }

    private List<Path> tempEntries() throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve("_tmp"))) {
            return entries.toList();
        }
    }
}
