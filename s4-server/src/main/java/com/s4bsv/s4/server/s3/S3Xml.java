package com.s4bsv.s4.server.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Streams one S3 XML document; element helpers keep the callers flat. */
public final class S3Xml implements AutoCloseable {

    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    public static final String CONTENT_TYPE = "application/xml";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final XMLStreamWriter writer;

    private S3Xml(XMLStreamWriter writer) {
        this.writer = writer;
    }

    /** Starts a document whose root element is {@code root}, in the S3 namespace unless {@code namespaced} is false. */
    public static S3Xml start(OutputStream out, String root, boolean namespaced) throws IOException {
        try {
            XMLStreamWriter writer = FACTORY.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement(root);
            if (namespaced) {
                writer.writeDefaultNamespace(NAMESPACE);
            }
            return new S3Xml(writer);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    public S3Xml open(String name) throws IOException {
        try {
            writer.writeStartElement(name);
            return this;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    public S3Xml close(String ignoredName) throws IOException {
        try {
            writer.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    public S3Xml element(String name, String text) throws IOException {
        try {
            writer.writeStartElement(name);
            writer.writeCharacters(text);
            writer.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    public S3Xml element(String name, long value) throws IOException {
        return element(name, Long.toString(value));
    }

    /** The Owner element: s4 has one owner, as it has no accounts. */
    public S3Xml owner() throws IOException {
        return open("Owner").element("ID", "s4").element("DisplayName", "s4").close("Owner");
    }

    public S3Xml element(String name, boolean value) throws IOException {
        return element(name, Boolean.toString(value));
    }

    /** Characters XML 1.0 cannot carry (most control characters) become U+FFFD. */
    static String xmlSafe(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0x20 && c <= 0xD7FF)
                    || Character.isSurrogate(c)
                    || (c >= 0xE000 && c <= 0xFFFD);
            out.append(ok ? c : '\uFFFD');
        }
        return out.toString();
    }

    public static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    @Override
    public void close() throws IOException {
        try {
            writer.writeEndDocument();
            writer.flush();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
