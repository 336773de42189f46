package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;

/** How a broken exchange on a {@link Connection} is told: the node, what was asked, and why. */
final class Transport {

    private Transport() {}

    static S4ClientException failure(NodeAddress node, String what, IOException error) {
        if (Thread.currentThread().isInterrupted()) {
            return new S4ClientException(
                    "interrupted while talking to node " + node + (what.isEmpty() ? "" : " (" + what + ")"));
        }
        IOException cause = error instanceof SocketTimeoutException
                ? new HttpTimeoutException("timed out waiting for an answer")
                : error;
        return new S4ClientException.NodeUnreachable(node.toString(), what, cause);
    }
}
