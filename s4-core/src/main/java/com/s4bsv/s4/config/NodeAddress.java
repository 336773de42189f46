package com.s4bsv.s4.config;

/**
 * One node of the ring, as written in the cluster config: {@code host:port}, or {@code https://host:port} for a
 * node that serves TLS.
 *
 * @param tls whether the node is reached over https
 */
public record NodeAddress(String host, int port, boolean tls) {

    public NodeAddress {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /** A plain-http node. */
    public NodeAddress(String host, int port) {
        this(host, port, false);
    }

    public String scheme() {
        return tls ? "https" : "http";
    }

    /** {@code host:port}, with IPv6 literals in brackets: the authority of a URI and of a Host header. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code http://host:port} or {@code https://host:port}, without a trailing slash. */
    public String baseUri() {
        return scheme() + "://" + authority();
    }

    /** As it appears in a config line: the authority, with {@code https://} in front for a TLS node. */
    @Override
    public String toString() {
        return tls ? baseUri() : authority();
    }
}
