package com.s4bsv.s4.server;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.server.cluster.Membership;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;

/**
 * {@code s4-server --all-nodes}: every node of a local cluster config in this one JVM, each with its own Spring
 * context, address, port and data folder ({@code DATA_DIR/node-I/s4_data}). The classes are loaded and the code
 * compiled once for all: three nodes need about 1.4x the CPU of one instead of 3x (bench/README.md, "Start-up").
 * The price is one process: a JVM that dies takes every node with it, as {@code bin/s4-cluster --jvm-per-node}
 * would not.
 */
final class AllNodes {

    private final ServerFlags flags;
    private final ClusterConfig config;
    private final Path root;
    private final List<String> shares;
    private final AtomicReferenceArray<RuntimeException> failures;

    private AllNodes(ServerFlags flags, ClusterConfig config) {
        this.flags = flags;
        this.config = config;
        this.root = Path.of(flags.dataDir() == null ? "." : flags.dataDir()).toAbsolutePath();
        // each node's in-process compute may take its share of the heap, not the half one node alone takes
        this.shares =
                List.of("--s4.compute.in-process-memory=" + Runtime.getRuntime().maxMemory() / 2 / config.size() + "B");
        this.failures = new AtomicReferenceArray<>(config.size());
    }

    /** Node {@code index} failed to start; the message names it, the cause says why. */
    static final class NodeStartException extends RuntimeException {

        NodeStartException(int index, NodeAddress node, RuntimeException cause) {
            super("node " + index + " (" + node + ")", cause);
        }
    }

    /**
     * Starts them all, or throws for the first that failed once every start has ended (the JVM's exit then stops
     * those that did start). Node 0 starts on this thread; the others start beside it, each on a thread of its own,
     * as soon as node 0 has set up logging, which Spring does once per JVM here: a later start would reset it while
     * the nodes before it log.
     */
    static void start(ServerFlags flags) {
        ClusterConfig config = ClusterConfig.locate(flags.conf() == null ? null : Path.of(flags.conf()));
        Membership.checkAllLocal(config);
        for (int i = 0; i < config.size(); i++) {
            NodeAddress node = config.node(i);
            try {
                S4ServerApplication.checkPortFree(node.host(), node.port());
            } catch (RuntimeException e) {
                throw new NodeStartException(i, node, e);
            }
        }
        new AllNodes(flags, config).startAll();
    }

    private void startAll() {
        Thread main = Thread.currentThread();
        String mainName = main.getName();
        @Nullable String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
        List<Thread> others = new ArrayList<>();
        ApplicationListener<ApplicationPreparedEvent> startOthers = event -> {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
            for (int i = 1; i < config.size(); i++) {
                int index = i;
                others.add(Thread.ofPlatform().name("node-" + i).start(() -> startNode(index)));
            }
        };
        try {
            // the start-up lines of each node carry its name; its request threads carry its port
            main.setName("node-0");
            startNode(0, startOthers);
        } finally {
            joinAll(others);
            main.setName(mainName);
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }
        for (int i = 0; i < config.size(); i++) {
            RuntimeException failure = failures.get(i);
            if (failure != null) {
                throw new NodeStartException(i, config.node(i), failure);
            }
        }
    }

    private void startNode(int index, ApplicationListener<?>... listeners) {
        NodeAddress node = config.node(index);
        try {
            String dataDir = root.resolve("node-" + index).resolve("s4_data").toString();
            S4ServerApplication.start(
                    flags.springArgs(node.port(), node.host(), index, dataDir, shares),
                    flags,
                    config,
                    index,
                    node.host(),
                    node.port(),
                    listeners);
        } catch (RuntimeException e) {
            failures.set(index, e);
        }
    }

    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
