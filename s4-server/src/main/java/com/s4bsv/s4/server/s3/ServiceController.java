package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.storage.BucketEntry;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** ListBuckets: the buckets of every node. */
@RestController
class ServiceController {

    private final ObjectStore store;
    private final ObjectListing listing;

    ServiceController(ObjectStore store, ObjectListing listing) {
        this.store = store;
        this.listing = listing;
    }

    @GetMapping("/")
    @Understands
    void listBuckets(HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3Operation.LIST_BUCKETS.mark(request);
        List<BucketEntry> buckets = request.getHeader(Wire.LOCAL_ONLY) != null ? store.buckets() : listing.buckets();
        response.setContentType(S3Xml.CONTENT_TYPE);
        try (S3Xml xml = S3Xml.start(response.getOutputStream(), "ListAllMyBucketsResult", true)) {
            xml.owner();
            xml.open("Buckets");
            for (BucketEntry bucket : buckets) {
                xml.open("Bucket")
                        .element("Name", bucket.name())
                        .element("CreationDate", S3Xml.timestamp(bucket.created()))
                        .close("Bucket");
            }
            xml.close("Buckets");
        }
    }
}
