package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.NodeAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one call per node in parallel and returns the answers in ring order; a failing node fails the whole. */
public final class FanOut {

    /** One node's part of a fanned-out request. */
    @FunctionalInterface
    public interface Call<T> {
        T call(NodeAddress node, boolean isSelf) throws Exception;
    }

    private final Cluster cluster;

    FanOut(Cluster cluster) {
        this.cluster = cluster;
    }

    public <T> List<T> all(Call<T> call) {
        List<NodeAddress> nodes = cluster.nodes();
        NodeAddress self = cluster.self();
        if (nodes.size() == 1) {
            return Collections.singletonList(run(call, self, true));
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (NodeAddress node : nodes) {
                futures.add(executor.submit(() -> call.call(node, node.equals(self))));
            }
            List<T> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), nodes.get(i)));
            }
            return results;
        }
    }

    private static <T> T run(Call<T> call, NodeAddress node, boolean isSelf) {
        try {
            return call.call(node, isSelf);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PeerUnavailableException(node, e);
        }
    }

    private static <T> T await(Future<T> future, NodeAddress node) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(node, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new PeerUnavailableException(node, e.getCause());
        }
    }
}
