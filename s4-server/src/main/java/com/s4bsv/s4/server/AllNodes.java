package com.s4bsv.s4.server;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.server.cluster.Membership;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.LoggingSystem;

/**
 * {@code s4-server --all-nodes}: every node of a local cluster config in this one JVM, each with its own Spring
 * context, address, port and data folder ({@code DATA_DIR/node-I/s4_data}). The nodes start one after another on
 * the main thread, so all but the first start on classes already loaded and code already compiled: three nodes
 * need about 1.4x the CPU of one instead of 3x (bench/README.md, "Start-up"). The price is one process: a JVM
 * that dies takes every node with it, as {@code bin/s4-cluster --jvm-per-node} would not.
 */
final class AllNodes {

    private AllNodes() {}

    /** Node {@code index} failed to start; the message names it, the cause says why. */
    static final class NodeStartException extends RuntimeException {

        NodeStartException(int index, NodeAddress node, RuntimeException cause) {
            super("node " + index + " (" + node + ")", cause);
        }
    }

    /** Starts them all, or throws once one fails (the JVM's exit then stops those already started). */
    static void start(ServerFlags flags) {
        ClusterConfig config = ClusterConfig.locate(flags.conf() == null ? null : Path.of(flags.conf()));
        Membership.checkAllLocal(config);
        Path root = Path.of(flags.dataDir() == null ? "." : flags.dataDir()).toAbsolutePath();
        for (int i = 0; i < config.size(); i++) {
            NodeAddress node = config.node(i);
            try {
                S4ServerApplication.checkPortFree(node.host(), node.port());
            } catch (RuntimeException e) {
                throw new NodeStartException(i, node, e);
            }
        }
        // each node's in-process compute may take its share of the heap, not the half one node alone takes
        List<String> shares =
                List.of("--s4.compute.in-process-memory=" + Runtime.getRuntime().maxMemory() / 2 / config.size() + "B");
        Thread main = Thread.currentThread();
        String mainName = main.getName();
        @Nullable String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
        try {
            for (int i = 0; i < config.size(); i++) {
                NodeAddress node = config.node(i);
                // the start-up lines of each node carry its name; its request threads carry its port
                main.setName("node-" + i);
                try {
                    String dataDir =
                            root.resolve("node-" + i).resolve("s4_data").toString();
                    S4ServerApplication.start(
                            flags.springArgs(node.port(), node.host(), i, dataDir, shares),
                            flags,
                            config,
                            i,
                            node.host(),
                            node.port());
                } catch (RuntimeException e) {
                    throw new NodeStartException(i, node, e);
                }
                // Logging is set up once, by the first node; each later start would reset it while the nodes
                // before it log.
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
            }
        } finally {
            main.setName(mainName);
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }
    }
}
