package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.NodeAddress;

/** Another node of the ring could not be reached; the message names it. */
public final class PeerUnavailableException extends RuntimeException {

    private final NodeAddress node;

    public PeerUnavailableException(NodeAddress node, Throwable cause) {
        super("node " + node + " is not reachable: " + describe(cause), cause);
        this.node = node;
    }

    public NodeAddress node() {
        return node;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }
}
