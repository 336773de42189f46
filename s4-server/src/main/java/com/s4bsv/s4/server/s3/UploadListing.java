package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.FanOut;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.MultipartUploads.OpenUpload;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.springframework.stereotype.Component;

/**
 * The open multipart uploads of a bucket on every node: each node lists its own (the same request with
 * {@link Wire#LOCAL_ONLY}, every upload under the prefix: open uploads are few), this node merges them in key
 * order, then upload order, and pages.
 */
@Component
class UploadListing {

    static final Comparator<OpenUpload> ORDER = Comparator.<OpenUpload, String>comparing(
                    u -> u.key().path(), KeyOrder.CODE_POINTS)
            .thenComparing(OpenUpload::initiated)
            .thenComparing(OpenUpload::uploadId);

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final ObjectStore store;
    private final FanOut fanOut;
    private final PeerClient peers;

    UploadListing(ObjectStore store, FanOut fanOut, PeerClient peers) {
        this.store = store;
        this.fanOut = fanOut;
        this.peers = peers;
    }

    /** This node's open uploads of the bucket under the prefix, in order. */
    List<OpenUpload> local(String bucket, String prefix) throws IOException {
        List<OpenUpload> uploads = new ArrayList<>(store.multipart().list(bucket, prefix));
        uploads.sort(ORDER);
        return uploads;
    }

    /** Every node's, merged in order. */
    List<OpenUpload> cluster(String bucket, String prefix) {
        List<OpenUpload> all = new ArrayList<>();
        fanOut.all((node, isSelf) -> isSelf ? local(bucket, prefix) : remote(node, bucket, prefix))
                .forEach(all::addAll);
        all.sort(ORDER);
        return all;
    }

    private List<OpenUpload> remote(NodeAddress node, String bucket, String prefix)
            throws IOException, XMLStreamException {
        String uri =
                "/" + S3Url.encode(bucket, false) + "?uploads&encoding-type=url&prefix=" + S3Url.encode(prefix, false);
        HttpRequest request =
                peers.request(node, uri).header(Wire.LOCAL_ONLY, "1").GET().build();
        HttpResponse<InputStream> response = peers.send(node, request);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                body.transferTo(OutputStream.nullOutputStream());
                throw new S3Exception(
                        S3Error.SERVICE_UNAVAILABLE,
                        "node " + node + " failed to list uploads: HTTP " + response.statusCode());
            }
            return parse(bucket, body);
        }
    }

    private static List<OpenUpload> parse(String bucket, InputStream body) throws XMLStreamException {
        XMLStreamReader xml = XML.createXMLStreamReader(body, "UTF-8");
        List<OpenUpload> uploads = new ArrayList<>();
        String key = null;
        String id = null;
        Instant initiated = Instant.EPOCH;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "Key" -> key = S3Target.decode(xml.getElementText());
                    case "UploadId" -> id = xml.getElementText();
                    case "Initiated" -> initiated = Instant.parse(xml.getElementText());
                    default -> {}
                }
            } else if (event == XMLStreamConstants.END_ELEMENT
                    && xml.getLocalName().equals("Upload")) {
                uploads.add(new OpenUpload(
                        new S4Key(bucket, Objects.requireNonNull(key)), Objects.requireNonNull(id), initiated));
            }
        }
        return uploads;
    }
}
