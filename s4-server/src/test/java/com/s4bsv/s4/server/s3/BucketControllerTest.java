package com.s4bsv.s4.server.s3;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath;

import com.s4bsv.s4.server.cluster.FanOut;
import com.s4bsv.s4.server.cluster.KeyRouter;
import com.s4bsv.s4.server.cluster.ListingEntry;
import com.s4bsv.s4.server.cluster.ListingPage;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.storage.BucketNotEmptyException;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.wire.Wire;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(BucketController.class)
class BucketControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ObjectStore store;

    @MockitoBean
    KeyRouter router;

    @MockitoBean
    FanOut fanOut;

    @MockitoBean
    PeerClient peers;

    @MockitoBean
    ObjectListing listing;

    private static ListingEntry key(String name) {
        return new ListingEntry(name, false, 3, "\"e-1\"", Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void listV2RendersKeysPrefixesAndANextToken() throws Exception {
        when(listing.cluster(any())).thenReturn(new ListingPage(List.of(key("a b+c"), ListingEntry.prefix("dir/")),
                true));

        mvc.perform(get("/bucket").param("list-type", "2").param("delimiter", "/").param("encoding-type", "url")
                        .param("max-keys", "2"))
                .andExpect(status().isOk())
                .andExpect(xpath("/ListBucketResult/Name").string("bucket"))
                .andExpect(xpath("/ListBucketResult/KeyCount").string("2"))
                .andExpect(xpath("/ListBucketResult/IsTruncated").string("true"))
                .andExpect(xpath("/ListBucketResult/Contents/Key").string("a%20b%2Bc"))
                .andExpect(xpath("/ListBucketResult/Contents/Size").string("3"))
                .andExpect(xpath("/ListBucketResult/Contents/LastModified").string("2026-01-02T03:04:05.000Z"))
                .andExpect(xpath("/ListBucketResult/CommonPrefixes/Prefix").string("dir/"))
                .andExpect(xpath("/ListBucketResult/NextContinuationToken").string(new Resume("dir/", true).token()));
        verify(listing).cluster(argThat(q -> q.maxKeys() == 2 && q.delimiter().equals("/") && q.after() == null));
    }

    @Test
    void listV1TakesAMarkerAndGivesNextMarker() throws Exception {
        when(listing.cluster(any())).thenReturn(new ListingPage(List.of(key("b")), true));

        mvc.perform(get("/bucket").param("marker", "a"))
                .andExpect(status().isOk())
                .andExpect(xpath("/ListBucketResult/Marker").string("a"))
                .andExpect(xpath("/ListBucketResult/NextMarker").string("b"));
        verify(listing).cluster(argThat(q -> q.after() != null && q.after().name().equals("a")
                && !q.after().skipGroup()));
    }

    @Test
    void localOnlyListingAsksOnlyThisNode() throws Exception {
        when(listing.local(any())).thenReturn(null);

        mvc.perform(get("/bucket").param("list-type", "2").header(Wire.LOCAL_ONLY, "1"))
                .andExpect(status().isNotFound())
                .andExpect(xpath("/Error/Code").string("NoSuchBucket"));
        verify(listing, never()).cluster(any());
    }

    @Test
    void badArgumentsAre400() throws Exception {
        mvc.perform(get("/bucket").param("max-keys", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("InvalidArgument"));
        mvc.perform(get("/bucket").param("list-type", "2").param("continuation-token", "!!"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/Not_A_Bucket"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("InvalidBucketName"));
    }

    @Test
    void deleteObjectsBodyIsCheckedAgainstContentMd5() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/bucket?delete")
                        .header("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==")
                        .content("<Delete><Object><Key>k</Key></Object></Delete>"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Error/Code").string("BadDigest"));
        verify(store, never()).delete(any());
    }

    @Test
    void localOnlyCreateAndDeleteTouchOnlyThisNode() throws Exception {
        mvc.perform(put("/bucket").header(Wire.LOCAL_ONLY, "1")).andExpect(status().isOk());
        verify(store).createBucket("bucket");

        org.mockito.Mockito.doThrow(new BucketNotEmptyException("bucket")).when(store).deleteBucket("bucket");
        mvc.perform(delete("/bucket").header(Wire.LOCAL_ONLY, "1"))
                .andExpect(status().isConflict())
                .andExpect(xpath("/Error/Code").string("BucketNotEmpty"));
        verify(fanOut, never()).all(any());
    }
}
