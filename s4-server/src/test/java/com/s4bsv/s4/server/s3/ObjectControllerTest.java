package com.s4bsv.s4.server.s3;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.Forwarder;
import com.s4bsv.s4.server.cluster.KeyRouter;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.InsufficientStorageException;
import com.s4bsv.s4.server.storage.IoSlots;
import com.s4bsv.s4.server.storage.KeyConflictException;
import com.s4bsv.s4.server.storage.KeyExistsException;
import com.s4bsv.s4.server.storage.NoSuchKeyException;
import com.s4bsv.s4.server.storage.NoSuchUploadException;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StorageException;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.server.storage.UploadCheck;
import com.s4bsv.s4.wire.UriText;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ObjectController.class)
@Import(KeyRouter.class)
class ObjectControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ObjectStore store;

    @MockitoBean
    Cluster cluster;

    @MockitoBean
    Forwarder forwarder;

    @MockitoBean
    IoSlots slots;

    @MockitoBean
    S3Metrics metrics;

    @TempDir
    Path dir;

    @BeforeEach
    void localNode() throws Exception {
        when(cluster.isLocal(any())).thenReturn(true);
        when(slots.acquire()).thenAnswer(i -> Optional.of(realSlot()));
    }

    private static IoSlots.Slot realSlot() throws InterruptedException {
        return new IoSlots(1, Duration.ofSeconds(1)).acquire().orElseThrow();
    }

    private StoredObject object(String key, String content) throws Exception {
        Path file = dir.resolve("object");
        Files.writeString(file, content);
        return new StoredObject(
                S4Key.parse("s4://" + key), content.length(), 0x12345678L, Instant.parse("2026-01-02T03:04:05Z"), file);
    }

    @Test
    void getReturnsBytesEtagAndStoredChecksum() throws Exception {
        when(store.get(S4Key.parse("s4://bucket/dir/a.txt"))).thenReturn(object("bucket/dir/a.txt", "hello"));

        mvc.perform(get("/bucket/dir/a.txt"))
                .andExpect(status().isOk())
                .andExpect(content().string("hello"))
                .andExpect(header().string("ETag", StoredObject.etagOf(0x12345678L, 5)))
                .andExpect(header().string("x-amz-checksum-crc32c", "EjRWeA=="))
                .andExpect(header().string("Last-Modified", "Fri, 2 Jan 2026 03:04:05 GMT"))
                .andExpect(header().longValue("Content-Length", 5));
    }

    @Test
    void rangeGetIs206WithContentRangeAndNoWholeObjectChecksum() throws Exception {
        when(store.get(any())).thenReturn(object("bucket/r", "0123456789"));

        mvc.perform(get("/bucket/r").header("Range", "bytes=2-4"))
                .andExpect(status().isPartialContent())
                .andExpect(content().string("234"))
                .andExpect(header().string("Content-Range", "bytes 2-4/10"))
                .andExpect(header().doesNotExist("x-amz-checksum-crc32c"));
        mvc.perform(get("/bucket/r").header("Range", "bytes=10-"))
                .andExpect(status().isRequestedRangeNotSatisfiable())
                .andExpect(xpath("/Error/Code").string("InvalidRange"));
    }

    @Test
    void missingKeyIs404NoSuchKeyAndHeadHasNoBody() throws Exception {
        when(store.get(any())).thenThrow(new NoSuchKeyException("s4://bucket/missing"));

        mvc.perform(get("/bucket/missing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
                .andExpect(xpath("/Error/Code").string("NoSuchKey"))
                .andExpect(xpath("/Error/Resource").string("/bucket/missing"));
        mvc.perform(head("/bucket/missing"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(""));
    }

    @Test
    void putOnExistingKeyIs409BeforeTheBodyIsRead() throws Exception {
        when(store.find(any())).thenReturn(Optional.of(object("bucket/k", "old")));

        mvc.perform(put("/bucket/k").content("new"))
                .andExpect(status().isConflict())
                .andExpect(xpath("/Error/Code").string("KeyAlreadyExists"));
        verify(store, never()).put(any(), any(), any(), any());
    }

    @Test
    void putStoresAndAnswersEtagAndChecksum() throws Exception {
        when(store.find(any())).thenReturn(Optional.empty());
        when(store.put(eq(S4Key.parse("s4://bucket/new")), any(), any(UploadCheck.class), any()))
                .thenReturn(object("bucket/new", "data"));

        mvc.perform(put("/bucket/new").content("data"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", StoredObject.etagOf(0x12345678L, 4)))
                .andExpect(header().string("x-amz-checksum-crc32c", "EjRWeA=="));
    }

    @Test
    void invalidKeysAre400BeforeAnythingIsStored() throws Exception {
        mvc.perform(put(URI.create("/bucket/has%09tab")).content("x"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("InvalidArgument"))
                .andExpect(xpath("/Error/Message").string(containsString("control character")));
        mvc.perform(put(URI.create("/bucket/a/%2e%2e/b")).content("x")).andExpect(status().isBadRequest());
        mvc.perform(put("/Bad_Bucket/k").content("x"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("InvalidBucketName"));
        mvc.perform(put("/bucket/" + "k".repeat(1025)).content("x"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("KeyTooLongError"));
        verify(store, never()).put(any(), any(), any(), any());
    }

    @Test
    void keysWithSpacesAreStoredAsS3Does() throws Exception {
        when(store.find(any())).thenReturn(Optional.empty());
        for (String path : List.of("a b", " lead", "trail ", "x y/ z ", "n\u00a0b")) {
            S4Key key = new S4Key("bucket", path);
            when(store.put(eq(key), any(), any(UploadCheck.class), any())).thenReturn(object("bucket/" + path, "x"));
            mvc.perform(put(URI.create("/bucket/" + UriText.encode(path, true))).content("x"))
                    .andExpect(status().isOk());
            verify(store).put(eq(key), any(), any(UploadCheck.class), any());
        }
    }

    @Test
    void keysOfAnotherNodeAreForwarded() throws Exception {
        when(cluster.isLocal(any())).thenReturn(false);
        NodeAddress owner = new NodeAddress("127.0.0.1", 9002);
        when(cluster.owner(any())).thenReturn(owner);

        mvc.perform(get("/bucket/elsewhere")).andExpect(status().isOk());
        verify(forwarder).forward(eq(owner), any(), any());
        verify(store, never()).get(any());
    }

    @ParameterizedTest
    @EnumSource(S3Error.class)
    void everyS3ErrorRendersItsStatusCodeAndXml(S3Error error) throws Exception {
        when(store.get(any())).thenThrow(new S3Exception(error, "because"));

        mvc.perform(get("/bucket/key"))
                .andExpect(status().is(error.status()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
                .andExpect(xpath("/Error/Code").string(error.code()))
                .andExpect(xpath("/Error/Message").string("because"));
    }

    static Stream<Object[]> storageErrors() {
        return Stream.of(
                new Object[] {new KeyExistsException("k"), 409, "KeyAlreadyExists"},
                new Object[] {new KeyConflictException("k", "dir"), 409, "KeyPathConflict"},
                new Object[] {new NoSuchUploadException("u"), 404, "NoSuchUpload"},
                new Object[] {new NoSuchKeyException("k"), 404, "NoSuchKey"});
    }

    @ParameterizedTest
    @MethodSource("storageErrors")
    void storageExceptionsMapToS3Errors(StorageException e, int status, String code) throws Exception {
        when(store.get(any())).thenThrow(e);

        mvc.perform(get("/bucket/key"))
                .andExpect(status().is(status))
                .andExpect(xpath("/Error/Code").string(code));
    }

    @Test
    void unknownFailureIsInternalError() throws Exception {
        when(store.get(any())).thenThrow(new IllegalStateException("boom"));

        mvc.perform(get("/bucket/key"))
                .andExpect(status().isInternalServerError())
                .andExpect(xpath("/Error/Code").string("InternalError"));
    }

    // A full data dir is 507 InsufficientStorage, in S3 XML, whatever the store was writing.

    @Test
    void aPutThatFillsTheDiskIs507InsufficientStorage() throws Exception {
        when(store.find(any())).thenReturn(Optional.empty());
        when(store.put(any(), any(), any(), any()))
                .thenThrow(new InsufficientStorageException(
                        "no space left in the data dir of this node (No space left on device)",
                        new IOException("No space left on device")));

        mvc.perform(put("/bucket/key").content(new byte[1000]))
                .andExpect(status().is(507))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
                .andExpect(xpath("/Error/Code").string("InsufficientStorage"))
                .andExpect(xpath("/Error/Message")
                        .string("Your upload exceeds the available storage. No space"
                                + " left in the data dir of this node (No space left on device)."))
                .andExpect(xpath("/Error/Resource").string("/bucket/key"));
    }

    @Test
    void theEnumEntryIs507WithAwsStyleMessage() throws Exception {
        when(store.get(any())).thenThrow(new S3Exception(S3Error.INSUFFICIENT_STORAGE));

        mvc.perform(get("/bucket/key"))
                .andExpect(status().is(507))
                .andExpect(xpath("/Error/Code").string("InsufficientStorage"))
                .andExpect(xpath("/Error/Message").string("Your upload exceeds the available storage."));
    }
}
