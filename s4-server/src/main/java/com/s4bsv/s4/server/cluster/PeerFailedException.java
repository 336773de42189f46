package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.NodeAddress;

/** Another node answered, but not as asked (an unexpected status); the message names it and what it said. */
public final class PeerFailedException extends RuntimeException {

    private final NodeAddress node;

    PeerFailedException(NodeAddress node, String message) {
        super(message);
        this.node = node;
    }

    public NodeAddress node() {
        return node;
    }
}
