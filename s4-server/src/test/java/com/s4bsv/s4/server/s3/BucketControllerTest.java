package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

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

    @MockitoBean
    UploadListing uploadListing;

    private static ListingEntry key(String name) {
        return new ListingEntry(name, false, 3, "\"e-1\"", Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void listV2RendersKeysPrefixesAndANextToken() throws Exception {
        when(listing.cluster(any()))
                .thenReturn(new ListingPage(List.of(key("a b+c"), ListingEntry.prefix("dir/")), true));

        mvc.perform(get("/bucket")
                        .param("list-type", "2")
                        .param("delimiter", "/")
                        .param("encoding-type", "url")
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
        verify(listing)
                .cluster(argThat(q -> q.after() != null
                        && q.after().name().equals("a")
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
    void ownerIsInEveryV1KeyAndInV2KeysOnlyWithFetchOwner() throws Exception {
        when(listing.cluster(any())).thenReturn(new ListingPage(List.of(key("a")), false));

        mvc.perform(get("/bucket"))
                .andExpect(xpath("/ListBucketResult/Contents/Owner/ID").string("s4"))
                .andExpect(xpath("/ListBucketResult/Contents/Owner/DisplayName").string("s4"));
        mvc.perform(get("/bucket").param("list-type", "2"))
                .andExpect(xpath("/ListBucketResult/Contents/Key").string("a"))
                .andExpect(xpath("/ListBucketResult/Contents/Owner").doesNotExist());
        mvc.perform(get("/bucket").param("list-type", "2").param("fetch-owner", "true"))
                .andExpect(xpath("/ListBucketResult/Contents/Owner/ID").string("s4"));
    }

    @Test
    void maxKeysZeroIsAnEmptyPageThatIsNotTruncated() throws Exception {
        when(listing.cluster(any())).thenReturn(new ListingPage(List.of(key("a")), true));

        for (String listType : List.of("1", "2")) {
            mvc.perform(get("/bucket").param("list-type", listType).param("max-keys", "0"))
                    .andExpect(status().isOk())
                    .andExpect(xpath("/ListBucketResult/MaxKeys").string("0"))
                    .andExpect(xpath("/ListBucketResult/IsTruncated").string("false"))
                    .andExpect(xpath("/ListBucketResult/Contents").doesNotExist())
                    .andExpect(xpath("/ListBucketResult/NextContinuationToken").doesNotExist())
                    .andExpect(xpath("/ListBucketResult/NextMarker").doesNotExist());
        }
    }

    @Test
    void anEmptyContinuationTokenIsAbsent() throws Exception {
        when(listing.cluster(any())).thenReturn(new ListingPage(List.of(key("a")), false));

        mvc.perform(get("/bucket").param("list-type", "2").param("continuation-token", ""))
                .andExpect(status().isOk())
                .andExpect(xpath("/ListBucketResult/ContinuationToken").doesNotExist())
                .andExpect(xpath("/ListBucketResult/Contents/Key").string("a"));
        verify(listing).cluster(argThat(q -> q.after() == null));
    }

    @Test
    void urlEncodingCoversExactlyTheElementsS3Encodes() throws Exception {
        String token = new Resume("a b/", true).token();
        when(listing.cluster(any()))
                .thenReturn(new ListingPage(List.of(key("a b/c+d"), ListingEntry.prefix("a b/e f/")), true));

        mvc.perform(get("/bucket")
                        .param("list-type", "2")
                        .param("encoding-type", "url")
                        .param("prefix", "a b/")
                        .param("delimiter", " ")
                        .param("start-after", "a b/0 0")
                        .param("continuation-token", token))
                .andExpect(xpath("/ListBucketResult/EncodingType").string("url"))
                .andExpect(xpath("/ListBucketResult/Prefix").string("a%20b/"))
                .andExpect(xpath("/ListBucketResult/Delimiter").string("%20"))
                .andExpect(xpath("/ListBucketResult/StartAfter").string("a%20b/0%200"))
                .andExpect(xpath("/ListBucketResult/Contents/Key").string("a%20b/c%2Bd"))
                .andExpect(xpath("/ListBucketResult/CommonPrefixes/Prefix").string("a%20b/e%20f/"))
                .andExpect(xpath("/ListBucketResult/ContinuationToken").string(token))
                .andExpect(
                        xpath("/ListBucketResult/NextContinuationToken").string(new Resume("a b/e f/", true).token()));
        mvc.perform(get("/bucket")
                        .param("encoding-type", "url")
                        .param("marker", "a b")
                        .param("delimiter", "/"))
                .andExpect(xpath("/ListBucketResult/Marker").string("a%20b"))
                .andExpect(xpath("/ListBucketResult/Contents/Key").string("a%20b/c%2Bd"))
                .andExpect(xpath("/ListBucketResult/NextMarker").string("a%20b/e%20f/"));
    }

    @Test
    void theListingUnderstandsExactlyTheParametersItsQueryParses() throws Exception {
        Understands understands = BucketController.class
                .getDeclaredMethod("list", HttpServletRequest.class, HttpServletResponse.class)
                .getAnnotation(Understands.class);
        assertThat(understands.value()).containsExactlyInAnyOrderElementsOf(ListObjectsQuery.PARAMETERS);
    }

    @Test
    void createBucketAppliesS3NamingRulesAndCreatesNothingOnARefusal() throws Exception {
        for (String name : List.of(
                "ab",
                "a".repeat(64),
                "my.-bucket",
                "my-.bucket",
                "192.168.5.4",
                "xn--abc",
                "sthree-x",
                "amzn-s3-demo-x",
                "abc-s3alias",
                "abc--ol-s3",
                "abc.mrap",
                "abc--x-s3",
                "abc--table-s3",
                "a..b",
                "-abc",
                "abc-",
                "Abc",
                "a_b")) {
            mvc.perform(put("/" + name))
                    .andExpect(status().isBadRequest())
                    .andExpect(xpath("/Error/Code").string("InvalidBucketName"))
                    .andExpect(xpath("/Error/Message").string(containsString(name)));
        }
        verify(fanOut, never()).all(any());
        verify(store, never()).createBucket(any());
        for (String name : List.of("abc", "a".repeat(63), "my.bucket-1", "1.2.3", "192.168.5.4a")) {
            mvc.perform(put("/" + name).header(Wire.LOCAL_ONLY, "1")).andExpect(status().isOk());
            verify(store).createBucket(name);
        }
    }

    @Test
    void deleteObjectsBodyIsCheckedAgainstContentMd5() throws Exception {
        mvc.perform(MockMvcRequestBuilders.post("/bucket?delete")
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

        Mockito.doThrow(new BucketNotEmptyException("bucket")).when(store).deleteBucket("bucket");
        mvc.perform(delete("/bucket").header(Wire.LOCAL_ONLY, "1"))
                .andExpect(status().isConflict())
                .andExpect(xpath("/Error/Code").string("BucketNotEmpty"));
        verify(fanOut, never()).all(any());
    }
}
