package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.Forwarder;
import com.s4bsv.s4.server.cluster.KeyRouter;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.cluster.SourceChangedException;
import com.s4bsv.s4.server.storage.IoSlots;
import com.s4bsv.s4.server.storage.MultipartUploads;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.server.storage.UploadCheck;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(CopyController.class)
@Import({KeyRouter.class, CopySources.class})
class CopyControllerTest {

    static final S4Key SOURCE = S4Key.parse("s4://src/dir/a.txt");
    static final S4Key DESTINATION = S4Key.parse("s4://dst/b.txt");
    static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");
    static final String CONTENT = "0123456789";
    static final long CRC = crc(CONTENT.getBytes(StandardCharsets.UTF_8));
    static final String ETAG = StoredObject.etagOf(CRC, CONTENT.length());
    static final NodeAddress OWNER = new NodeAddress("127.0.0.1", 9002);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ObjectStore store;

    @MockitoBean
    Cluster cluster;

    @MockitoBean
    Forwarder forwarder;

    @MockitoBean
    PeerClient peers;

    @MockitoBean
    IoSlots slots;

    @MockitoBean
    S3Metrics metrics;

    @TempDir
    Path dir;

    /** What the store published: key to bytes and metadata; only after the upload's check passed. */
    final Map<S4Key, byte[]> published = new ConcurrentHashMap<>();

    final Map<S4Key, Map<String, String>> publishedMetadata = new ConcurrentHashMap<>();

    MultipartUploads multipart = mock(MultipartUploads.class);

    static long crc(byte[] bytes) {
        return new StreamingChecksum().update(bytes, 0, bytes.length).value();
    }

    @BeforeEach
    void localNodeWhoseStoreReadsAndChecksWhatItIsGiven() throws Exception {
        when(cluster.isLocal(any())).thenReturn(true);
        when(slots.acquire())
                .thenAnswer(i -> Optional.of(
                        new IoSlots(1, Duration.ofSeconds(1)).acquire().orElseThrow()));
        when(store.find(any())).thenReturn(Optional.empty());
        when(store.put(any(), any(), any(), any())).thenAnswer(call -> {
            S4Key key = call.getArgument(0);
            byte[] bytes = call.<InputStream>getArgument(1).readAllBytes();
            call.<UploadCheck>getArgument(2).verify(crc(bytes), bytes.length);
            published.put(key, bytes);
            publishedMetadata.put(key, call.getArgument(3));
            return new StoredObject(key, bytes.length, crc(bytes), MODIFIED.plusSeconds(60), dir.resolve("published"));
        });
        when(store.multipart()).thenReturn(multipart);
        when(multipart.putPart(any(), any(), anyInt(), any(), any())).thenAnswer(call -> {
            byte[] bytes = call.<InputStream>getArgument(3).readAllBytes();
            call.<UploadCheck>getArgument(4).verify(crc(bytes), bytes.length);
            published.put(call.getArgument(1), bytes);
            return new MultipartUploads.PartInfo(call.getArgument(2), bytes.length, crc(bytes), MODIFIED);
        });
    }

    /** The source on this node's disk, with {@code bytes} in its file and {@code storedCrc} as its checksum. */
    private void localSource(String bytes, long storedCrc) throws Exception {
        Path file = Files.writeString(dir.resolve("source"), bytes);
        StoredObject source = new StoredObject(SOURCE, bytes.length(), storedCrc, MODIFIED, file);
        when(store.find(SOURCE)).thenReturn(Optional.of(source));
        when(store.metadata(source)).thenReturn(Map.of("Content-Type", "text/csv", "x-amz-meta-origin", "source"));
    }

    /** The source on another node, which answers a HEAD with these headers and a GET with {@code bytes}. */
    private void remoteSource(String bytes) throws Exception {
        when(cluster.isLocal(SOURCE)).thenReturn(false);
        when(cluster.owner(SOURCE)).thenReturn(OWNER);
        HttpHeaders headers = HttpHeaders.of(
                Map.of(
                        "ETag", List.of(ETAG),
                        "Last-Modified", List.of("Fri, 2 Jan 2026 03:04:05 GMT"),
                        "Content-Length", List.of(Integer.toString(CONTENT.length())),
                        "x-amz-checksum-crc32c", List.of(StreamingChecksum.toBase64(CRC)),
                        "Content-Type", List.of("text/csv"),
                        "x-amz-meta-origin", List.of("=?UTF-8?B?w6l0w6k=?=")),
                (name, value) -> true);
        when(peers.objectHeaders(OWNER, "/src/dir/a.txt")).thenReturn(headers);
        when(peers.objectBytes(eq(OWNER), eq("/src/dir/a.txt"), eq(ETAG), any()))
                .thenAnswer(call -> {
                    String range = call.getArgument(3);
                    if (range == null) {
                        return new ByteArrayInputStream(bytes.getBytes(StandardCharsets.UTF_8));
                    }
                    String[] ends = range.substring(6).split("-");
                    return new ByteArrayInputStream(
                            bytes.substring(Integer.parseInt(ends[0]), Integer.parseInt(ends[1]) + 1)
                                    .getBytes(StandardCharsets.UTF_8));
                });
    }

    private static MockHttpServletRequestBuilder copy(String source) {
        return put("/dst/b.txt").header("x-amz-copy-source", source);
    }

    @Test
    void copiesALocalSourceWithItsMetadataAndAnswersCopyObjectResult() throws Exception {
        localSource(CONTENT, CRC);

        mvc.perform(copy("/src/dir/a.txt").header("Content-Type", "text/plain"))
                .andExpect(status().isOk())
                .andExpect(xpath("/CopyObjectResult/ETag").string(ETAG))
                .andExpect(xpath("/CopyObjectResult/LastModified").string("2026-01-02T03:05:05.000Z"))
                .andExpect(xpath("/CopyObjectResult/ChecksumCRC32C").string(StreamingChecksum.toBase64(CRC)));

        assertThat(published.get(DESTINATION)).asString().isEqualTo(CONTENT);
        assertThat(publishedMetadata.get(DESTINATION))
                .isEqualTo(Map.of("Content-Type", "text/csv", "x-amz-meta-origin", "source"));
    }

    @Test
    void replaceTakesTheMetadataOfTheRequest() throws Exception {
        localSource(CONTENT, CRC);

        mvc.perform(copy("src/dir%2Fa.txt")
                        .header("x-amz-metadata-directive", "REPLACE")
                        .header("Content-Type", "image/png")
                        .header("x-amz-meta-Fresh", "yes"))
                .andExpect(status().isOk());

        // MockMvc adds a charset to the Content-Type it sends.
        assertThat(publishedMetadata.get(DESTINATION))
                .containsOnlyKeys("Content-Type", "x-amz-meta-fresh")
                .containsEntry("x-amz-meta-fresh", "yes");
        assertThat(publishedMetadata.get(DESTINATION).get("Content-Type")).startsWith("image/png");
    }

    @Test
    void anUnknownMetadataDirectiveIsRefused() throws Exception {
        localSource(CONTENT, CRC);

        mvc.perform(copy("/src/dir/a.txt").header("x-amz-metadata-directive", "MERGE"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("InvalidArgument"));
        assertThat(published).isEmpty();
    }

    @Test
    void anExistingDestinationIs409AndNothingIsRead() throws Exception {
        localSource(CONTENT, CRC);
        when(store.find(DESTINATION)).thenReturn(Optional.of(new StoredObject(DESTINATION, 1, 1, MODIFIED, dir)));

        mvc.perform(copy("/src/dir/a.txt"))
                .andExpect(status().isConflict())
                .andExpect(xpath("/Error/Code").string("KeyAlreadyExists"));
        verify(store, never()).put(any(), any(), any(), any());
    }

    @Test
    void aMissingSourceIsNoSuchKey() throws Exception {
        mvc.perform(copy("/src/dir/a.txt"))
                .andExpect(status().isNotFound())
                .andExpect(xpath("/Error/Code").string("NoSuchKey"));
        assertThat(published).isEmpty();
    }

    @Test
    void aSourceWithoutKeyOrWithAVersionIsRefused() throws Exception {
        localSource(CONTENT, CRC);

        mvc.perform(copy("/src"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("InvalidArgument"));
        mvc.perform(copy("/src/dir/a.txt?versionId=3HL4kqtJlcpXroDTDmJ"))
                .andExpect(status().isNotImplemented())
                .andExpect(xpath("/Error/Code").string("NotImplemented"));
        assertThat(published).isEmpty();
        mvc.perform(copy("/src/dir/a.txt?versionId=null")).andExpect(status().isOk());
    }

    static Stream<Arguments> conditions() {
        String before = "Thu, 01 Jan 2026 00:00:00 GMT";
        String after = "Sat, 03 Jan 2026 00:00:00 GMT";
        return Stream.of(
                Arguments.of(Map.of("x-amz-copy-source-if-match", ETAG), 200),
                Arguments.of(Map.of("x-amz-copy-source-if-match", "\"other\""), 412),
                Arguments.of(Map.of("x-amz-copy-source-if-none-match", "\"other\""), 200),
                Arguments.of(Map.of("x-amz-copy-source-if-none-match", ETAG), 412),
                Arguments.of(Map.of("x-amz-copy-source-if-modified-since", before), 200),
                Arguments.of(Map.of("x-amz-copy-source-if-modified-since", after), 412),
                Arguments.of(Map.of("x-amz-copy-source-if-unmodified-since", after), 200),
                Arguments.of(Map.of("x-amz-copy-source-if-unmodified-since", before), 412),
                // S3: a matching If-Match wins over a failing If-Unmodified-Since ...
                Arguments.of(
                        Map.of("x-amz-copy-source-if-match", ETAG, "x-amz-copy-source-if-unmodified-since", before),
                        200),
                // ... and a matching If-None-Match fails even when the source was modified since.
                Arguments.of(
                        Map.of("x-amz-copy-source-if-none-match", ETAG, "x-amz-copy-source-if-modified-since", before),
                        412));
    }

    @ParameterizedTest
    @MethodSource("conditions")
    void copySourceConditionsHoldOrFailWith412(Map<String, String> headers, int expected) throws Exception {
        localSource(CONTENT, CRC);
        MockHttpServletRequestBuilder request = copy("/src/dir/a.txt");
        headers.forEach(request::header);

        mvc.perform(request).andExpect(status().is(expected));

        if (expected == 412) {
            assertThat(published).isEmpty();
        } else {
            assertThat(published).containsKey(DESTINATION);
        }
    }

    @Test
    void aLocalSourceWhoseBytesNoLongerMatchItsChecksumIsNotCopied() throws Exception {
        localSource("0123456789", CRC ^ 1);

        mvc.perform(copy("/src/dir/a.txt"))
                .andExpect(status().isInternalServerError())
                .andExpect(xpath("/Error/Code").string("InternalError"));
        assertThat(published).isEmpty();
        verify(metrics).checksumFailure();
    }

    @Test
    void aCopyNamingASubresourceIsRefusedBeforeAnythingIsRead() throws Exception {
        localSource(CONTENT, CRC);

        for (String parameter : List.of("tagging", "acl", "versionId", "partNumber")) {
            mvc.perform(copy("/src/dir/a.txt").queryParam(parameter, "1"))
                    .andExpect(status().isNotImplemented())
                    .andExpect(xpath("/Error/Code").string("NotImplemented"));
        }
        mvc.perform(partCopy("bytes=0-1").queryParam("tagging", "")).andExpect(status().isNotImplemented());
        assertThat(published).isEmpty();
        verify(store, never()).find(SOURCE);
    }

    @Test
    void aRemoteSourceIsStreamedFromItsOwnerOnlyWhileItsEtagHolds() throws Exception {
        remoteSource(CONTENT);

        mvc.perform(copy("/src/dir/a.txt"))
                .andExpect(status().isOk())
                .andExpect(xpath("/CopyObjectResult/ETag").string(ETAG));

        verify(peers).objectBytes(eq(OWNER), eq("/src/dir/a.txt"), eq(ETAG), isNull());
        assertThat(published.get(DESTINATION)).asString().isEqualTo(CONTENT);
        assertThat(publishedMetadata.get(DESTINATION))
                .isEqualTo(Map.of("Content-Type", "text/csv", "x-amz-meta-origin", "été"));
    }

    @Test
    void aRemoteSourceCorruptedOnTheWayIsNotCopied() throws Exception {
        remoteSource("0123456780");

        mvc.perform(copy("/src/dir/a.txt"))
                .andExpect(status().isInternalServerError())
                .andExpect(xpath("/Error/Code").string("InternalError"));
        assertThat(published).isEmpty();
    }

    @Test
    void aRemoteSourceReplacedDuringTheCopyIsRetryable() throws Exception {
        remoteSource(CONTENT);
        when(peers.objectBytes(any(), any(), any(), any()))
                .thenThrow(new SourceChangedException("/src/dir/a.txt", ETAG, "PreconditionFailed"));

        mvc.perform(copy("/src/dir/a.txt"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(xpath("/Error/Code").string("ServiceUnavailable"));
        assertThat(published).isEmpty();
    }

    @Test
    void aRemoteSourceThatIsNotThereIsNoSuchKey() throws Exception {
        remoteSource(CONTENT);
        when(peers.objectHeaders(OWNER, "/src/dir/a.txt")).thenReturn(null);

        mvc.perform(copy("/src/dir/a.txt"))
                .andExpect(status().isNotFound())
                .andExpect(xpath("/Error/Code").string("NoSuchKey"));
    }

    @Test
    void aRemoteDestinationIsForwardedToItsOwner() throws Exception {
        when(cluster.isLocal(DESTINATION)).thenReturn(false);
        when(cluster.owner(DESTINATION)).thenReturn(OWNER);

        mvc.perform(copy("/src/dir/a.txt"));

        verify(forwarder).forward(eq(OWNER), any(), any());
        verify(store, never()).find(any());
    }

    @Test
    void aFolderMarkerCanOnlyBeCopiedFromAnEmptySource() throws Exception {
        localSource(CONTENT, CRC);

        mvc.perform(put("/dst/folder/").header("x-amz-copy-source", "/src/dir/a.txt"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("InvalidArgument"));
        verify(store, never()).putMarker(any(), any());
    }

    private static MockHttpServletRequestBuilder partCopy(String range) {
        MockHttpServletRequestBuilder request = put("/dst/b.txt")
                .queryParam("partNumber", "2")
                .queryParam("uploadId", "up1")
                .header("x-amz-copy-source", "/src/dir/a.txt");
        return range == null ? request : request.header("x-amz-copy-source-range", range);
    }

    @Test
    void uploadPartCopyCopiesARangeOfALocalSource() throws Exception {
        localSource(CONTENT, CRC);
        String part = CONTENT.substring(2, 6);

        mvc.perform(partCopy("bytes=2-5"))
                .andExpect(status().isOk())
                .andExpect(xpath("/CopyPartResult/ETag")
                        .string(new MultipartUploads.PartInfo(2, 4, crc(part.getBytes()), MODIFIED).etag()))
                .andExpect(xpath("/CopyPartResult/ChecksumCRC32C")
                        .string(StreamingChecksum.toBase64(crc(part.getBytes()))));

        verify(multipart).putPart(eq("up1"), eq(DESTINATION), eq(2), any(), any());
        assertThat(published.get(DESTINATION)).asString().isEqualTo(part);
    }

    @Test
    void uploadPartCopyCopiesARangeOfARemoteSource() throws Exception {
        remoteSource(CONTENT);

        mvc.perform(partCopy("bytes=5-9")).andExpect(status().isOk());

        verify(peers).objectBytes(OWNER, "/src/dir/a.txt", ETAG, "bytes=5-9");
        assertThat(published.get(DESTINATION)).asString().isEqualTo("56789");
    }

    @Test
    void uploadPartCopyWithoutARangeCopiesTheWholeVerifiedSource() throws Exception {
        localSource(CONTENT, CRC ^ 1);

        mvc.perform(partCopy(null)).andExpect(status().isInternalServerError());
        assertThat(published).isEmpty();
    }

    @Test
    void aRangeOutsideTheSourceOrNotBothEndsIsInvalidArgument() throws Exception {
        localSource(CONTENT, CRC);

        for (String range : List.of("bytes=5-10", "bytes=5-", "bytes=-3", "bytes=6-5", "5-6", "bytes=1-2,4-5")) {
            mvc.perform(partCopy(range))
                    .andExpect(status().isBadRequest())
                    .andExpect(xpath("/Error/Code").string("InvalidArgument"));
        }
        assertThat(published).isEmpty();
    }

    @Test
    void uploadPartCopyChecksTheSourceConditions() throws Exception {
        localSource(CONTENT, CRC);

        mvc.perform(partCopy("bytes=0-1").header("x-amz-copy-source-if-match", "\"other\""))
                .andExpect(status().isPreconditionFailed());
        assertThat(published).isEmpty();
    }
}
