package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Serve here or forward: a key is served by its owner, and a request another node forwarded is never forwarded. */
public final class KeyRouter {

    private final Cluster cluster;
    private final Forwarder forwarder;

    KeyRouter(Cluster cluster, Forwarder forwarder) {
        this.cluster = cluster;
        this.forwarder = forwarder;
    }

    /** Whether this node serves {@code key} for this request. */
    public boolean servesHere(S4Key key, HttpServletRequest request) {
        return cluster.isLocal(key) || Forwarder.isForwarded(request);
    }

    /** Whether this node owns {@code key}, whatever the request: where a key another request names is read. */
    public boolean isLocal(S4Key key) {
        return cluster.isLocal(key);
    }

    public NodeAddress owner(S4Key key) {
        return cluster.owner(key);
    }

    /** Streams the request to the key's owner when that is another node; true when it did (the answer is sent). */
    public boolean forwardIfRemote(S4Key key, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return forwardIfRemote(key, request, null, response);
    }

    /** As {@link #forwardIfRemote(S4Key, HttpServletRequest, HttpServletResponse)}, for a body already read. */
    public boolean forwardIfRemote(
            S4Key key, HttpServletRequest request, byte @Nullable [] readBody, HttpServletResponse response)
            throws IOException {
        if (servesHere(key, request)) {
            return false;
        }
        if (readBody == null) {
            forwarder.forward(cluster.owner(key), request, response);
        } else {
            forwarder.forward(cluster.owner(key), request, readBody, response);
        }
        return true;
    }
}
