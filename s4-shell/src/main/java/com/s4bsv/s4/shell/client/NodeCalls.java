package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import java.net.URI;
import java.util.Map;

/** What every part of {@link S4Client} shares: the cluster, the settings, the transport, and who owns a key. */
record NodeCalls(ClusterConfig config, S4Client.Settings settings, Http http) {

    NodeAddress owner(S4Key key) {
        return config.node(Placement.nodeIndex(key, config.size()));
    }

    /** The key's URI on the node that owns it. */
    URI objectUri(S4Key key) {
        return objectUri(owner(key), key.bucket(), key.path());
    }

    static URI objectUri(NodeAddress node, String bucket, String path) {
        return Http.uri(node, Http.objectPath(bucket, path), Map.of());
    }

    /** HEAD on the owner: true for 200, false for 404. */
    boolean exists(S4Key key) {
        NodeAddress node = owner(key);
        String what = key.toString();
        try (Exchange exchange =
                Exchange.send(http, node, what, new RequestHead("HEAD", objectUri(key)), settings.responseTimeout())) {
            return switch (exchange.status()) {
                case 200 -> true;
                case 404 -> false;
                default -> throw Http.failure(node, what, exchange.status(), "");
            };
        }
    }
}
