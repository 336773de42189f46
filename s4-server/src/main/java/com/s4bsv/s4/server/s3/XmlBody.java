package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.checksum.ChecksumAlgorithm;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Small XML request bodies (CompleteMultipartUpload, Delete) as a list of records: one map of child element texts
 * per {@code record} element. Bounded in size; no DTDs or entities.
 */
final class XmlBody {

    static final int MAX_BYTES = 4 << 20;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** Parsed body: the records, and the text of top-level scalar elements (e.g. Quiet). */
    record Parsed(List<Map<String, String>> records, Map<String, String> scalars) {}

    private XmlBody() {}

    /** Reads the body and verifies any checksum header the client sent for it (Content-MD5, x-amz-checksum-*). */
    static byte[] read(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new S3Exception(S3Error.MALFORMED_XML, "request body larger than " + MAX_BYTES + " bytes");
        }
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String expected = request.getHeader(algorithm.header());
            if (expected != null) {
                ChecksumAlgorithm.Digest digest = algorithm.newDigest();
                digest.update(bytes, 0, bytes.length);
                if (!digest.base64().equals(expected.strip())) {
                    throw new S3Exception(S3Error.BAD_DIGEST, algorithm.header() + " does not match the request body");
                }
            }
        }
        return bytes;
    }

    /** Parses a request body whose document element must be {@code root}; anything else is MalformedXML. */
    static Parsed parse(byte[] body, String root, String record) {
        return parse(body, root, record, true);
    }

    /** Parses a body of any document element (answers of other nodes). */
    static Parsed parse(byte[] body, String record) {
        return parse(body, "", record, false);
    }

    private static Parsed parse(byte[] body, String root, String record, boolean checkRoot) {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> scalars = new LinkedHashMap<>();
        try {
            XMLStreamReader xml = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            Map<String, String> current = null;
            int depth = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    if (depth == 1 && checkRoot && !name.equals(root)) {
                        throw new S3Exception(
                                S3Error.MALFORMED_XML,
                                "the document element must be <" + root + ">, not <" + name + ">");
                    }
                    if (name.equals(record)) {
                        current = new LinkedHashMap<>();
                    } else if (current != null) {
                        current.put(name, text(xml));
                        depth--;
                    } else if (depth == 2) {
                        scalars.put(name, text(xml));
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (xml.getLocalName().equals(record) && current != null) {
                        records.add(current);
                        current = null;
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new S3Exception(
                    S3Error.MALFORMED_XML,
                    "request body is not well-formed XML: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
        return new Parsed(records, scalars);
    }

    /** The text directly inside the current element, skipping any child elements; ends on its end tag. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        var text = new StringBuilder();
        int level = 1;
        while (level > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> level++;
                case XMLStreamConstants.END_ELEMENT -> level--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (level == 1) {
                        text.append(xml.getText());
                    }
                }
                default -> {}
            }
        }
        return text.toString();
    }
}
