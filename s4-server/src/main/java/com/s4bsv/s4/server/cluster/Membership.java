package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds this node in the cluster config: the entries whose host is one of this machine's addresses, narrowed by
 * the port flag and the bind address, must leave exactly one.
 */
public final class Membership {

    private Membership() {}

    /**
     * The config this node runs with: the one found, or, when none is (the embedded default), the single local
     * node at the {@code --port} and {@code --bind} flags, so that {@code --port P} alone starts a node on P.
     *
     * @param port the {@code --port} flag, or null for the default port
     * @param bind the {@code --bind} flag, or null
     */
    public static ClusterConfig orLocalNode(ClusterConfig config, @Nullable Integer port, @Nullable String bind) {
        if (!config.isEmbeddedDefault()) {
            return config;
        }
        return new ClusterConfig(List.of(localNode(port, bind)), config.source());
    }

    /** This machine's entry for the flags: the bind address unless it is a wildcard, else loopback. */
    static NodeAddress localNode(@Nullable Integer port, @Nullable String bind) {
        @Nullable InetAddress bindAddress = bind == null ? null : resolve(bind);
        String host =
                bindAddress == null || bindAddress.isAnyLocalAddress() ? ClusterConfig.EMBEDDED_DEFAULT.host() : bind;
        return new NodeAddress(host, port == null ? ClusterConfig.EMBEDDED_DEFAULT.port() : port);
    }

    /**
     * Checks that this node's config line names the scheme it serves: the other nodes and the clients call it as
     * the line says, so an http line for a TLS node (or the reverse) would fail every call to it.
     *
     * @throws MembershipException naming the line and what to write instead
     */
    public static void checkScheme(ClusterConfig config, int self, boolean servesTls) {
        NodeAddress me = config.node(self);
        if (config.isEmbeddedDefault() || me.tls() == servesTls) {
            return;
        }
        throw new MembershipException(config.source() + ": this node's line is '" + me + "' but it serves "
                + (servesTls
                        ? "https (--tls-cert): write https://" + me.authority()
                        : "plain http: give it --tls-cert and --tls-key, or write " + me.authority()));
    }

    /**
     * @param port the {@code --port} flag, or null
     * @param bind the {@code --bind} flag, or null
     * @throws MembershipException naming the config and what matched
     */
    public static int findSelf(ClusterConfig config, @Nullable Integer port, @Nullable String bind) {
        if (config.size() == 1 && (port == null || config.node(0).port() == port)) {
            return 0;
        }
        Set<InetAddress> local = localAddresses();
        @Nullable InetAddress bindAddress = bind == null ? null : resolve(bind);
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < config.size(); i++) {
            NodeAddress node = config.node(i);
            if (port != null && node.port() != port) {
                continue;
            }
            InetAddress address = resolve(node.host());
            if (!isLocal(address, local)) {
                continue;
            }
            if (bindAddress != null && !bindAddress.isAnyLocalAddress() && !bindAddress.equals(address)) {
                continue;
            }
            matches.add(i);
        }
        String narrowed = (port == null ? "" : " with port " + port) + (bind == null ? "" : " and address " + bind);
        if (matches.isEmpty()) {
            throw new MembershipException("this node is not in the cluster config " + config.source() + ": no entry"
                    + narrowed + " is a local address of this machine; " + howToAdd(config, port, bind));
        }
        if (matches.size() > 1) {
            List<String> names =
                    matches.stream().map(i -> config.node(i).toString()).toList();
            throw new MembershipException("cannot tell which entry of " + config.source() + " is this node: " + names
                    + " are all local" + narrowed + "; pick one with --port and/or --bind");
        }
        return matches.get(0);
    }

    /**
     * Checks that every node of the config has an address of this machine, as {@code --all-nodes} needs to serve
     * them all here.
     *
     * @throws MembershipException naming the first one that is not
     */
    public static void checkAllLocal(ClusterConfig config) {
        Set<InetAddress> local = localAddresses();
        for (NodeAddress node : config.nodes()) {
            if (!isLocal(resolve(node.host()), local)) {
                throw new MembershipException("--all-nodes serves every node of " + config.source()
                        + " in this JVM, but " + node + " is not an address of this machine");
            }
        }
    }

    /** The fix for a node missing from its config: the line to add, or a single node of its own. */
    private static String howToAdd(ClusterConfig config, @Nullable Integer port, @Nullable String bind) {
        if (port == null) {
            return "start it with --port P of one of its entries, or add this node's line (e.g. "
                    + localNode(null, bind) + ") to " + config.source();
        }
        return "add the line " + localNode(port, bind) + " to " + config.source()
                + ", or start a single local node with bin/s4-cluster 1 --port " + port;
    }

    /** Whether {@code address} is one of this machine's ({@code local}, loopback, or the wildcard). */
    private static boolean isLocal(@Nullable InetAddress address, Set<InetAddress> local) {
        return address != null
                && (local.contains(address) || address.isLoopbackAddress() || address.isAnyLocalAddress());
    }

    private static @Nullable InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Set<InetAddress> localAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // loopback still counts
        }
        try {
            addresses.add(InetAddress.getLocalHost());
        } catch (UnknownHostException e) {
            // no resolvable hostname: interface addresses are enough
        }
        return addresses;
    }

    /** This node cannot be found in the config; the message is one line. */
    public static final class MembershipException extends RuntimeException {

        MembershipException(String message) {
            super(message);
        }
    }
}
