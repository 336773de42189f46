package com.s4bsv.s4.config;

/** One node of the ring, as written in the cluster config. */
public record NodeAddress(String host, int port) {

    public NodeAddress {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /** {@code host:port}, with IPv6 literals in brackets, as it appears in a config line. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
