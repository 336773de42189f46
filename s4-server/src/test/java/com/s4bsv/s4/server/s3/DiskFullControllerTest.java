package com.s4bsv.s4.server.s3;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath;

import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.Forwarder;
import com.s4bsv.s4.server.storage.InsufficientStorageException;
import com.s4bsv.s4.server.storage.IoSlots;
import com.s4bsv.s4.server.storage.ObjectStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A full data dir is 507 InsufficientStorage, in S3 XML, whatever the store was writing. */
@WebMvcTest(ObjectController.class)
class DiskFullControllerTest {

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

    @BeforeEach
    void localNode() throws Exception {
        when(cluster.isLocal(any())).thenReturn(true);
        when(slots.acquire()).thenAnswer(i -> new IoSlots(1, Duration.ofSeconds(1)).acquire());
    }

    @Test
    void aPutThatFillsTheDiskIs507InsufficientStorage() throws Exception {
        when(store.find(any())).thenReturn(Optional.empty());
        when(store.put(any(), any(), any())).thenThrow(new InsufficientStorageException(
                "no space left in the data dir of this node (No space left on device)",
                new IOException("No space left on device")));

        mvc.perform(put("/bucket/key").content(new byte[1000]))
                .andExpect(status().is(507))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
                .andExpect(xpath("/Error/Code").string("InsufficientStorage"))
                .andExpect(xpath("/Error/Message").string("Your upload exceeds the available storage. No space"
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
