package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import java.util.ArrayList;
import java.util.List;

/** The ring as this node sees it: who it is, who the others are, whose key is which. */
public final class Cluster {

    private final ClusterConfig config;
    private final int selfIndex;

    public Cluster(ClusterConfig config, int selfIndex) {
        if (selfIndex < 0 || selfIndex >= config.size()) {
            throw new IllegalArgumentException("self index " + selfIndex + " outside the " + config.size() + " nodes");
        }
        this.config = config;
        this.selfIndex = selfIndex;
    }

    public ClusterConfig config() {
        return config;
    }

    public NodeAddress self() {
        return config.node(selfIndex);
    }

    public List<NodeAddress> nodes() {
        return config.nodes();
    }

    /** Every node but this one, in ring order. */
    public List<NodeAddress> peers() {
        List<NodeAddress> peers = new ArrayList<>(config.nodes());
        peers.remove(selfIndex);
        return peers;
    }

    public NodeAddress owner(S4Key key) {
        return config.node(Placement.nodeIndex(key, config.size()));
    }

    public boolean isLocal(S4Key key) {
        return Placement.nodeIndex(key, config.size()) == selfIndex;
    }

    public boolean isSingleNode() {
        return config.size() == 1;
    }
}
