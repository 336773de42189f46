package com.s4bsv.s4.shell.command;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.shell.client.HealthState;
import com.s4bsv.s4.shell.client.Parallel;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.client.S4ClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** config and health (spec 4.7, 4.8 with the better behaviour of section 12). */
public final class Cluster {

    private final S4Client client;
    private final Io io;

    public Cluster(S4Client client, Io io) {
        this.client = client;
        this.io = io;
    }

    /** One {@code host:port} line per node, in ring order. */
    public void config() {
        var out = new StringBuilder();
        for (NodeAddress node : client.config().nodes()) {
            out.append(node).append('\n');
        }
        write(out.toString());
    }

    /** Checks every node at once; prints {@code healthy:   host:port} or {@code unhealthy: host:port} per node. */
    public void health() {
        List<NodeAddress> nodes = client.config().nodes();
        HealthState[] states = new HealthState[nodes.size()];
        List<Runnable> checks = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            checks.add(() -> states[index] =
                    client.health(nodes.get(index), client.settings().healthTimeout()));
        }
        Parallel.runAll(checks, nodes.size());
        var out = new StringBuilder();
        boolean allHealthy = true;
        for (HealthState state : states) {
            out.append(state.healthy() ? "healthy:   " : "unhealthy: ")
                    .append(state.node())
                    .append('\n');
            allHealthy &= state.healthy();
        }
        write(out.toString());
        if (!allHealthy) {
            throw new QuietFailure("unhealthy nodes");
        }
    }

    private void write(String text) {
        try {
            io.out().write(text.getBytes(StandardCharsets.UTF_8));
            io.out().flush();
        } catch (IOException e) {
            throw S4ClientException.writeFailed("output", e);
        }
    }
}
