package com.s4bsv.s4.server;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.ConfigException;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.server.cluster.Membership;
import com.s4bsv.s4.server.storage.DataDirException;
import com.s4bsv.s4.server.tls.TlsConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationListener;

/**
 * Entry point of an s4 node: reads the s4 flags ({@link ServerFlags}), finds this node in the cluster config, then
 * starts Spring with the matching properties. Any
 * start-up failure is one line on stderr and exit 1; bad usage exits 2.
 */
@SpringBootApplication
public class S4ServerApplication {

    // set while process-aot runs the application at build time to learn its bean definitions
    private static final String AOT_PROCESSING = "spring.aot.processing";

    static final String USAGE = """
            usage: s4-server [--port N] [--conf PATH] [--data-dir DIR] [--bind ADDRESS] [--all-nodes]
                             [--keys-file PATH] [--allow-anonymous]
                             [--tls-cert FILE --tls-key FILE] [--tls-ca FILE]
                             [--max-io-jobs N] [--max-cpu-jobs N] [--command-timeout DURATION] [--help]

            An s4 node: S3-compatible API (path style) on http://ADDRESS:N/ (https with --tls-cert), compute under /_s4/,
            Actuator under /_s4/actuator (health, prometheus).

              --port N          port to listen on; also picks this node's entry in the config
                                (default: the port of the one config entry that is a local address)
              --conf PATH       cluster config, one host:port per line in ring order
                                (default: $S4_CONF_PATH, else ~/.s4.conf, else none: a single local node
                                on --bind and --port, 127.0.0.1:8080 when they are not given)
              --data-dir DIR    data root (default ./s4_data)
              --bind ADDRESS    address to listen on (default: 127.0.0.1 for a single local node, the node's
                                own loopback address when every node is on loopback, else 0.0.0.0)
              --all-nodes       serve every node of the config in this one JVM (a local cluster, as bin/s4-cluster
                                starts it): each on its own address and port, with its data in
                                DIR/node-I/s4_data; instead of --port and --bind
              --keys-file PATH  access keys, one 'ACCESS_KEY_ID SECRET ROLE' a line (role read, write, compute
                                or cluster); every request must then be signed (AWS SigV4). The file is read
                                again when it changes and on SIGHUP. Without keys the node serves only loopback.
              --allow-anonymous serve without keys on an address beyond loopback (logs a warning)
              --tls-cert FILE   serve https with this PEM certificate (chain); --tls-key FILE is its PEM key.
                                Write the nodes as https://host:port in the cluster config
              --tls-ca FILE     PEM certificates trusted when calling other https nodes (default: the JDK's)
              --max-io-jobs N   concurrent object transfers (default cores x 4)
              --max-cpu-jobs N  concurrent compute commands (default cores + 2)
              --command-timeout DURATION
                                longest a compute command may run before its process group is killed
                                (default 5m; e.g. 30s, 10m, PT1H)
              --help            print this and exit
            Any --spring.property=value is passed to Spring Boot as it is.
            """;

    public static void main(String[] args) {
        useGeneratedBeanDefinitions();
        int status = run(args, System.out, System.err);
        if (status != 0 || isHelp(args)) {
            System.exit(status);
        }
    }

    /**
     * Spring AOT: a jar built by {@code package} holds the bean definitions worked out at build time
     * ({@code process-aot}), which spares a start the scanning, condition evaluation and reflection behind them.
     * {@code -Dspring.aot.enabled=false} starts without them; class folders without them (tests) are unaffected.
     */
    static void useGeneratedBeanDefinitions() {
        boolean generated = S4ServerApplication.class.getResource(
                        S4ServerApplication.class.getSimpleName() + "__ApplicationContextInitializer.class")
                != null;
        if (generated && System.getProperty(AotDetector.AOT_ENABLED) == null && !Boolean.getBoolean(AOT_PROCESSING)) {
            System.setProperty(AotDetector.AOT_ENABLED, "true");
        }
    }

    private static boolean isHelp(String[] args) {
        return List.of(args).stream().anyMatch(ServerFlags::isHelp);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ServerFlags flags;
        try {
            flags = ServerFlags.parse(args);
        } catch (ServerFlags.UsageException e) {
            err.println("s4-server: " + e.getMessage());
            return 2;
        }
        if (flags.help()) {
            out.print(USAGE);
            return 0;
        }
        try {
            if (flags.allNodes()) {
                AllNodes.start(flags);
                return 0;
            }
            Integer port = flags.namedPort();
            // The build's run (process-aot) only learns the bean definitions, which no cluster config changes: it
            // must not depend on a ~/.s4.conf or on a node already listening on the default port.
            boolean buildTime = Boolean.getBoolean(AOT_PROCESSING);
            ClusterConfig config = buildTime
                    ? ClusterConfig.embeddedDefault()
                    : Membership.orLocalNode(
                            ClusterConfig.locate(flags.conf() == null ? null : Path.of(flags.conf())),
                            port,
                            flags.bind());
            int self = buildTime ? 0 : Membership.findSelf(config, port, flags.bind());
            NodeAddress me = config.node(self);
            int listenPort = port != null ? port : me.port();
            String bind = flags.bind() != null ? flags.bind() : defaultBind(config, me);
            if (!buildTime) {
                checkPortFree(bind, listenPort);
            }
            start(flags.springArgs(listenPort, bind, self), flags, config, self, bind, listenPort);
            return 0;
        } catch (SpringApplication.AbandonedRunException e) {
            // Spring AOT's build-time processing ends the run this way once the bean definitions are known
            throw e;
        } catch (RuntimeException e) {
            err.println("s4-server: " + describe(e));
            return 1;
        }
    }

    /**
     * Starts Spring for node {@code self} of {@code config}, then says where it listens.
     *
     * @param listeners told of the start's events, such as its context being prepared
     */
    static void start(
            List<String> springArgs,
            ServerFlags flags,
            ClusterConfig config,
            int self,
            String bind,
            int listenPort,
            ApplicationListener<?>... listeners) {
        SpringApplication application = new SpringApplication(S4ServerApplication.class);
        // whoever calls (AotTraining's main too), the build-time bean definitions are this class's
        application.setMainApplicationClass(S4ServerApplication.class);
        application.addListeners(listeners);
        application.run(springArgs.toArray(String[]::new));
        LoggerFactory.getLogger(S4ServerApplication.class)
                .info(
                        "s4-server {} listening on {}://{}:{}, node {} of {} ({})",
                        config.node(self),
                        flags.tlsCert() != null ? "https" : "http",
                        bind,
                        listenPort,
                        self,
                        config.size(),
                        config.source());
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

    static void checkPortFree(String bind, int port) {
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
                case TlsConfigException t -> {
                    return t.getMessage();
                }
                case PortInUseException p -> {
                    return "port " + p.getPort() + " is already in use";
                }
                case AllNodes.NodeStartException n -> {
                    return n.getMessage() + ": " + describe(n.getCause());
                }
                default -> {}
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        @Nullable String message = cause.getMessage();
        return message == null
                ? cause.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }
}
