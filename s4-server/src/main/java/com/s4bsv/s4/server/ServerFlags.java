package com.s4bsv.s4.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * The s4 flags of a node, single- or double-dash as the original server's tests use {@code -port}: parsed and
 * checked before Spring starts, then handed to it as properties. A flag not given leaves the default of
 * {@code application.yaml}.
 *
 * @param passThrough {@code --spring.property=value} arguments, passed to Spring as they are
 */
record ServerFlags(
        boolean help,
        @Nullable Integer port,
        @Nullable String conf,
        @Nullable String dataDir,
        @Nullable String bind,
        @Nullable Integer maxIoJobs,
        @Nullable Integer maxCpuJobs,
        @Nullable Duration commandTimeout,
        @Nullable String keysFile,
        boolean allowAnonymous,
        @Nullable String tlsCert,
        @Nullable String tlsKey,
        @Nullable String tlsCa,
        boolean allNodes,
        List<String> passThrough) {

    private static final List<String> NAMES = List.of(
            "port",
            "conf",
            "data-dir",
            "bind",
            "max-io-jobs",
            "max-cpu-jobs",
            "command-timeout",
            "keys-file",
            "tls-cert",
            "tls-key",
            "tls-ca");

    /** Bad usage: the message is one line for stderr. */
    static final class UsageException extends Exception {

        UsageException(String message) {
            super(message);
        }
    }

    /** @throws UsageException for an unknown flag, a flag without its value, or a value out of range */
    static ServerFlags parse(String[] args) throws UsageException {
        var flags = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (isHelp(arg)) {
                return new ServerFlags(
                        true, null, null, null, null, null, null, null, null, false, null, null, null, false,
                        List.of());
            }
            String name = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : null;
            if (name == null) {
                throw new UsageException("unexpected argument '" + arg + "' (see --help)");
            }
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if ((name.equals("allow-anonymous") || name.equals("all-nodes")) && value == null) {
                flags.set(name, "true");
            } else if (NAMES.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("flag --" + name + " needs a value (see --help)");
                    }
                    value = args[++i];
                }
                flags.set(name, value);
            } else if (arg.startsWith("--") && name.contains(".") && value != null) {
                flags.passThrough.add(arg);
            } else {
                throw new UsageException("unknown flag '" + arg + "' (see --help)");
            }
        }
        return flags.check();
    }

    static boolean isHelp(String arg) {
        return arg.equals("-h") || arg.equals("-help") || arg.equals("--help");
    }

    /** The {@code --port} flag when it names a port; null when absent or 0, which leave it to the config. */
    @Nullable Integer namedPort() {
        return port == null || port == 0 ? null : port;
    }

    /** The Spring arguments of these flags, for the node found in the config: its port, address and index. */
    List<String> springArgs(int listenPort, String listenAddress, int selfIndex) {
        return args(listenPort, listenAddress, selfIndex, dataDir);
    }

    /**
     * The Spring arguments of one node of several in this JVM: its own data folder, and the defaults it must not
     * take alone (each {@code --name=value} unless the flags already set that property).
     */
    List<String> springArgs(
            int listenPort, String listenAddress, int selfIndex, String nodeDataDir, List<String> shareDefaults) {
        List<String> spring = args(listenPort, listenAddress, selfIndex, nodeDataDir);
        for (String share : shareDefaults) {
            String property = share.substring(0, share.indexOf('=') + 1);
            if (passThrough.stream().noneMatch(arg -> arg.startsWith(property))) {
                spring.add(share);
            }
        }
        return spring;
    }

    private List<String> args(int listenPort, String listenAddress, int selfIndex, @Nullable String dataDir) {
        List<String> spring = new ArrayList<>(List.of(
                "--server.port=" + listenPort,
                "--server.address=" + listenAddress,
                "--s4.cluster.self-index=" + selfIndex,
                "--s4.cluster.conf=" + (conf == null ? "" : conf)));
        if (dataDir != null) {
            spring.add("--s4.storage.data-dir=" + dataDir);
        }
        if (maxIoJobs != null) {
            spring.add("--s4.storage.max-io-jobs=" + maxIoJobs);
        }
        if (maxCpuJobs != null) {
            spring.add("--s4.compute.max-cpu-jobs=" + maxCpuJobs);
        }
        if (commandTimeout != null) {
            spring.add("--s4.compute.command-timeout=" + commandTimeout);
        }
        if (keysFile != null) {
            spring.add("--s4.auth.keys-file=" + keysFile);
        }
        if (allowAnonymous) {
            spring.add("--s4.auth.allow-anonymous=true");
        }
        if (tlsCert != null) {
            spring.add("--s4.tls.cert=" + tlsCert);
        }
        if (tlsKey != null) {
            spring.add("--s4.tls.key=" + tlsKey);
        }
        if (tlsCa != null) {
            spring.add("--s4.tls.ca=" + tlsCa);
        }
        spring.addAll(passThrough);
        return spring;
    }

    /** The flags as given, last one wins; checked once all are read, as the usage line promises. */
    private static final class Builder {

        private final Map<String, String> values = new LinkedHashMap<>();
        private final List<String> passThrough = new ArrayList<>();

        void set(String name, String value) {
            values.put(name, value);
        }

        private boolean allNodes() {
            if (!values.containsKey("all-nodes")) {
                return false;
            }
            for (String placing : List.of("port", "bind")) {
                if (values.containsKey(placing)) {
                    throw new IllegalArgumentException("--all-nodes serves every node of the config at its own"
                            + " address and port: drop --" + placing + " (see --help)");
                }
            }
            return true;
        }

        ServerFlags check() throws UsageException {
            try {
                Integer port = values.containsKey("port") ? number("port", values.get("port")) : null;
                Integer io =
                        values.containsKey("max-io-jobs") ? number("max-io-jobs", values.get("max-io-jobs")) : null;
                Integer cpu =
                        values.containsKey("max-cpu-jobs") ? number("max-cpu-jobs", values.get("max-cpu-jobs")) : null;
                Duration timeout = values.containsKey("command-timeout")
                        ? duration("command-timeout", values.get("command-timeout"))
                        : null;
                return new ServerFlags(
                        false,
                        port,
                        values.get("conf"),
                        values.get("data-dir"),
                        values.get("bind"),
                        io,
                        cpu,
                        timeout,
                        values.get("keys-file"),
                        values.containsKey("allow-anonymous"),
                        values.get("tls-cert"),
                        values.get("tls-key"),
                        values.get("tls-ca"),
                        allNodes(),
                        List.copyOf(passThrough));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    private static Duration duration(String flag, String value) {
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException();
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--" + flag + " needs a positive duration such as 30s, 5m or PT1H, got '" + value + "'");
        }
    }

    private static int number(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || (flag.equals("port") && n > 65535) || (!flag.equals("port") && n == 0)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " needs a "
                    + (flag.equals("port") ? "port 0-65535" : "positive number") + ", got '" + value + "'");
        }
    }
}
