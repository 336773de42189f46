package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.NodeAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Whether every other node answers its liveness probe. Not part of readiness: one dead peer must not drain all. */
final class PeersHealthIndicator implements HealthIndicator {

    static final String LIVENESS_PATH = "/_s4/actuator/health/liveness";

    private final Cluster cluster;
    private final PeerClient peers;
    private final Duration timeout;

    PeersHealthIndicator(Cluster cluster, PeerClient peers, Duration timeout) {
        this.cluster = cluster;
        this.peers = peers;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        List<NodeAddress> others = cluster.peers();
        Map<String, String> states = new LinkedHashMap<>();
        boolean allUp = true;
        for (NodeAddress node : others) {
            String state = probe(node);
            states.put(node.toString(), state);
            allUp &= state.equals("UP");
        }
        return (allUp ? Health.up() : Health.down())
                .withDetail("self", cluster.self().toString())
                .withDetail("peers", states)
                .build();
    }

    private String probe(NodeAddress node) {
        try {
            HttpRequest request =
                    peers.request(node, LIVENESS_PATH).timeout(timeout).GET().build();
            HttpResponse<InputStream> response = peers.send(node, request);
            try (var body = response.body()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            return response.statusCode() == 200 ? "UP" : "DOWN (HTTP " + response.statusCode() + ")";
        } catch (PeerUnavailableException | IOException e) {
            return "DOWN (" + e.getMessage() + ")";
        }
    }
}
