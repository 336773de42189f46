package com.s4bsv.s4.server.tls;

import javax.net.ssl.SSLContext;

/** The TLS context of this node's calls to https nodes: trusts {@code s4.tls.ca}, else the JDK's trust store. */
@FunctionalInterface
public interface PeerTrust {

    SSLContext sslContext();
}
