package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.server.storage.BucketEntry;
import com.s4bsv.s4.wire.UriText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** Reads the S3 XML answers of other nodes (and writes the one request body a node sends), with StAX. */
final class PeerXml {

    private static final XMLInputFactory IN = XMLInputFactory.newFactory();
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

    static {
        IN.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        IN.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private PeerXml() {}

    /** The Code and Message of an error document; empty strings where the body is not one. */
    static PeerError error(byte[] body) {
        String code = "";
        String message = "";
        try {
            XMLStreamReader xml = IN.createXMLStreamReader(new ByteArrayInputStream(body), "UTF-8");
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "Code" -> code = xml.getElementText();
                        case "Message" -> message = xml.getElementText();
                        default -> {}
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            // a body that is not XML (or is cut short) says what it said up to there
        }
        return new PeerError(code, message);
    }

    /** A ListBucketResult requested with {@code encoding-type=url}, its entries in key order. */
    static ListingPage listing(InputStream body) throws XMLStreamException {
        XMLStreamReader xml = IN.createXMLStreamReader(body, "UTF-8");
        List<ListingEntry> entries = new ArrayList<>();
        boolean truncated = false;
        String key = null;
        String etag = "";
        long size = 0;
        Instant modified = Instant.EPOCH;
        boolean inPrefixes = false;
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                if (xml.getEventType() == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "Contents" -> {
                            entries.add(new ListingEntry(Objects.requireNonNull(key), false, size, etag, modified));
                            key = null;
                        }
                        case "CommonPrefixes" -> inPrefixes = false;
                        default -> {}
                    }
                }
                continue;
            }
            switch (xml.getLocalName()) {
                case "IsTruncated" -> truncated = Boolean.parseBoolean(xml.getElementText());
                case "CommonPrefixes" -> inPrefixes = true;
                case "Prefix" -> {
                    String text = xml.getElementText();
                    if (inPrefixes) {
                        entries.add(ListingEntry.prefix(UriText.decode(text)));
                    }
                }
                case "Key" -> key = UriText.decode(xml.getElementText());
                case "ETag" -> etag = xml.getElementText();
                case "Size" -> size = Long.parseLong(xml.getElementText());
                case "LastModified" -> modified = Instant.parse(xml.getElementText());
                default -> {}
            }
        }
        entries.sort((a, b) -> KeyOrder.compare(a.name(), b.name()));
        return new ListingPage(entries, truncated);
    }

    /** A ListAllMyBucketsResult. */
    static List<BucketEntry> buckets(InputStream body) throws XMLStreamException {
        XMLStreamReader xml = IN.createXMLStreamReader(body, "UTF-8");
        List<BucketEntry> buckets = new ArrayList<>();
        String name = null;
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "Name" -> name = xml.getElementText();
                    case "CreationDate" ->
                        buckets.add(new BucketEntry(Objects.requireNonNull(name), Instant.parse(xml.getElementText())));
                    default -> {}
                }
            }
        }
        return buckets;
    }

    /** The count of a DeletePrefixResult; 0 when it has none. */
    static long deletedCount(InputStream body) throws XMLStreamException {
        XMLStreamReader xml = IN.createXMLStreamReader(body, "UTF-8");
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT
                    && xml.getLocalName().equals("Deleted")) {
                return Long.parseLong(xml.getElementText().strip());
            }
        }
        return 0;
    }

    /** The body of a DeleteObjects request for {@code keys}. */
    static byte[] deleteRequest(List<String> keys, String namespace) throws IOException {
        var out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = OUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("Delete");
            xml.writeDefaultNamespace(namespace);
            for (String key : keys) {
                xml.writeStartElement("Object");
                xml.writeStartElement("Key");
                xml.writeCharacters(key);
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return out.toByteArray();
    }

    /** The Deleted and Error entries of a DeleteResult, in that order. */
    static List<PeerClient.DeleteOutcome> deleteResult(InputStream body) throws XMLStreamException {
        XMLStreamReader xml = IN.createXMLStreamReader(body, "UTF-8");
        List<PeerClient.DeleteOutcome> deleted = new ArrayList<>();
        List<PeerClient.DeleteOutcome> errors = new ArrayList<>();
        String key = null;
        String code = null;
        String message = "";
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "Deleted", "Error" -> {
                        key = null;
                        code = null;
                        message = "";
                    }
                    case "Key" -> key = xml.getElementText();
                    case "Code" -> code = xml.getElementText();
                    case "Message" -> message = xml.getElementText();
                    default -> {}
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "Deleted" -> deleted.add(new PeerClient.DeleteOutcome(key, null, ""));
                    case "Error" -> errors.add(new PeerClient.DeleteOutcome(key, code, message));
                    default -> {}
                }
            }
        }
        deleted.addAll(errors);
        return deleted;
    }

    /** The error of a peer's answer: its S3 code and message. */
    record PeerError(String code, String message) {}
}
