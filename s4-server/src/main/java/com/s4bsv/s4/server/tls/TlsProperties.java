package com.s4bsv.s4.server.tls;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TLS of a node ({@code s4.tls.*}, or {@code --tls-cert}, {@code --tls-key}, {@code --tls-ca}); PEM files.
 *
 * @param cert the node's certificate (chain); empty: the node serves plain http
 * @param key  the private key of {@code cert} (PKCS#8 or PKCS#1/SEC1, unencrypted)
 * @param ca   certificates the node trusts when it calls other https nodes; empty: the JDK's trust store
 */
@ConfigurationProperties("s4.tls")
public record TlsProperties(String cert, String key, String ca) {

    public TlsProperties {
        cert = cert == null ? "" : cert.strip();
        key = key == null ? "" : key.strip();
        ca = ca == null ? "" : ca.strip();
    }

    public boolean enabled() {
        return !cert.isEmpty();
    }

    /** A file as a location the PEM loader reads (a bare path would be looked up on the class path). */
    static String location(String file) {
        return Path.of(file).toAbsolutePath().toUri().toString();
    }
}
