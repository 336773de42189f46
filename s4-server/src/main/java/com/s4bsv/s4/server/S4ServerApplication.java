package com.s4bsv.s4.server;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.ConfigException;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.server.cluster.Membership;
import com.s4bsv.s4.server.storage.DataDirException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.web.server.PortInUseException;

/**
 * Entry point of an s4 node: reads the s4 flags (single- or double-dash, as the original server's tests use
 * {@code -port}), finds this node in the cluster config, then starts Spring with the matching properties. Any
 * start-up failure is one line on stderr and exit 1; bad usage exits 2.
 */
@SpringBootApplication
public class S4ServerApplication {

    static final String USAGE = """
            usage: s4-server [--port N] [--conf PATH] [--data-dir DIR] [--bind ADDRESS]
                             [--keys-file PATH] [--allow-anonymous]
                             [--max-io-jobs N] [--max-cpu-jobs N] [--command-timeout DURATION] [--help]

            An s4 node: S3-compatible API (path style) on http://ADDRESS:N/, compute under /_s4/,
            Actuator under /_s4/actuator (health, prometheus).

              --port N          port to listen on; also picks this node's entry in the config
                                (default: the port of the one config entry that is a local address)
              --conf PATH       cluster config, one host:port per line in ring order
                                (default: $S4_CONF_PATH, else ~/.s4.conf, else the single node 127.0.0.1:8080)
              --data-dir DIR    data root (default ./s4_data)
              --bind ADDRESS    address to listen on (default: 127.0.0.1 for a single local node, the node's
                                own loopback address when every node is on loopback, else 0.0.0.0)
              --keys-file PATH  access keys, one 'ACCESS_KEY_ID SECRET ROLE' a line (role read, write, compute
                                or cluster); every request must then be signed (AWS SigV4). The file is read
                                again when it changes and on SIGHUP. Without keys the node serves only loopback.
              --allow-anonymous serve without keys on an address beyond loopback (logs a warning)
              --max-io-jobs N   concurrent object transfers (default cores x 4)
              --max-cpu-jobs N  concurrent compute commands (default cores + 2)
              --command-timeout DURATION
                                longest a compute command may run before its process group is killed
                                (default 5m; e.g. 30s, 10m, PT1H)
              --help            print this and exit
            Any --spring.property=value is passed to Spring Boot as it is.
            """;

    private static final Map<String, String> FLAGS = Map.of(
            "port", "port", "conf", "conf", "data-dir", "data-dir", "bind", "bind",
            "max-io-jobs", "max-io-jobs", "max-cpu-jobs", "max-cpu-jobs", "command-timeout", "command-timeout",
            "keys-file", "keys-file");

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0 || isHelp(args)) {
            System.exit(status);
        }
    }

    private static boolean isHelp(String[] args) {
        return List.of(args).stream().anyMatch(a -> a.equals("-h") || a.equals("-help") || a.equals("--help"));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> passThrough = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("-help") || arg.equals("--help")) {
                out.print(USAGE);
                return 0;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : null;
            if (name == null) {
                err.println("s4-server: unexpected argument '" + arg + "' (see --help)");
                return 2;
            }
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("allow-anonymous") && value == null) {
                flags.put(name, "true");
            } else if (FLAGS.containsKey(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        err.println("s4-server: flag --" + name + " needs a value (see --help)");
                        return 2;
                    }
                    value = args[++i];
                }
                flags.put(name, value);
            } else if (arg.startsWith("--") && name.contains(".") && value != null) {
                passThrough.add(arg);
            } else {
                err.println("s4-server: unknown flag '" + arg + "' (see --help)");
                return 2;
            }
        }
        Integer port;
        try {
            port = flags.containsKey("port") ? positive("port", flags.get("port")) : null;
            for (String jobs : List.of("max-io-jobs", "max-cpu-jobs")) {
                if (flags.containsKey(jobs)) {
                    positive(jobs, flags.get(jobs));
                }
            }
            if (flags.containsKey("command-timeout")) {
                duration("command-timeout", flags.get("command-timeout"));
            }
        } catch (IllegalArgumentException e) {
            err.println("s4-server: " + e.getMessage());
            return 2;
        }
        try {
            String confFlag = flags.get("conf");
            ClusterConfig config = ClusterConfig.locate(confFlag == null ? null : Path.of(confFlag));
            String bindFlag = flags.get("bind");
            int self = Membership.findSelf(config, port == null || port == 0 ? null : port, bindFlag);
            NodeAddress me = config.node(self);
            int listenPort = port != null && port != 0 ? port : me.port();
            String bind = bindFlag != null ? bindFlag : defaultBind(config, me);
            checkPortFree(bind, listenPort);
            List<String> springArgs = new ArrayList<>(List.of(
                    "--server.port=" + listenPort,
                    "--server.address=" + bind,
                    "--s4.cluster.self-index=" + self,
                    "--s4.cluster.conf=" + (confFlag == null ? "" : confFlag),
                    "--s4.storage.data-dir=" + flags.getOrDefault("data-dir", "s4_data")));
            if (flags.containsKey("max-io-jobs")) {
                springArgs.add("--s4.storage.max-io-jobs=" + flags.get("max-io-jobs"));
            }
            if (flags.containsKey("max-cpu-jobs")) {
                springArgs.add("--s4.compute.max-cpu-jobs=" + flags.get("max-cpu-jobs"));
            }
            if (flags.containsKey("command-timeout")) {
                springArgs.add("--s4.compute.command-timeout=" + flags.get("command-timeout"));
            }
            if (flags.containsKey("keys-file")) {
                springArgs.add("--s4.auth.keys-file=" + flags.get("keys-file"));
            }
            if (flags.containsKey("allow-anonymous")) {
                springArgs.add("--s4.auth.allow-anonymous=true");
            }
            springArgs.addAll(passThrough);
            SpringApplication application = new SpringApplication(S4ServerApplication.class);
            application.run(springArgs.toArray(String[]::new));
            LoggerFactory.getLogger(S4ServerApplication.class).info("s4-server {} listening on {}:{}, node {} of {} ({})",
                    me, bind, listenPort, self, config.size(), config.source());
            return 0;
        } catch (RuntimeException e) {
            err.println("s4-server: " + describe(e));
            return 1;
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
            throw new IllegalArgumentException("--" + flag + " needs a positive duration such as 30s, 5m or PT1H, got '"
                    + value + "'");
        }
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || (flag.equals("port") && n > 65535) || (!flag.equals("port") && n == 0)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " needs a " + (flag.equals("port") ? "port 0-65535"
                    : "positive number") + ", got '" + value + "'");
        }
    }

    private static String defaultBind(ClusterConfig config, NodeAddress me) {
        if (config.isEmbeddedDefault()) {
            return "127.0.0.1";
        }
        boolean allLoopback = config.nodes().stream().allMatch(n -> isLoopback(n.host()));
        return allLoopback ? me.host() : "0.0.0.0";
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkPortFree(String bind, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
    }

    /** One line for a start-up failure: the message of the cause that says what is wrong. */
    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            switch (cause) {
                case ConfigException c -> {
                    return c.getMessage();
                }
                case Membership.MembershipException m -> {
                    return m.getMessage();
                }
                case DataDirException d -> {
                    return d.getMessage();
                }
                case PortInUseException p -> {
                    return "port " + p.getPort() + " is already in use";
                }
                default -> { }
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        @Nullable String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
