package com.s4bsv.s4.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ordered ring of nodes, identical on every node and client: placement is an index into {@link #nodes()}.
 *
 * @param nodes  ring order
 * @param source where it came from: a file path, or {@code embedded default}
 */
public record ClusterConfig(List<NodeAddress> nodes, String source) {

    public static final String ENV_PATH = "S4_CONF_PATH";
    public static final String HOME_FILE = ".s4.conf";
    public static final NodeAddress EMBEDDED_DEFAULT = new NodeAddress("127.0.0.1", 8080);
    public static final String EMBEDDED_SOURCE = "embedded default";

    public ClusterConfig {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new ConfigException(source + ": no nodes (expected host:port lines)");
        }
    }

    public static ClusterConfig embeddedDefault() {
        return new ClusterConfig(List.of(EMBEDDED_DEFAULT), EMBEDDED_SOURCE);
    }

    public boolean isEmbeddedDefault() {
        return EMBEDDED_SOURCE.equals(source);
    }

    public int size() {
        return nodes.size();
    }

    public NodeAddress node(int index) {
        return nodes.get(index);
    }

    /**
     * The config to use: {@code explicit} (a -c/--conf flag) when given, else {@code S4_CONF_PATH} when set and
     * not empty, else {@code ~/.s4.conf} when it exists, else the embedded default single local node.
     */
    public static ClusterConfig locate(@Nullable Path explicit, Map<String, String> env, Path home) {
        if (explicit != null) {
            return load(explicit);
        }
        String fromEnv = env.get(ENV_PATH);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return load(Path.of(fromEnv));
        }
        Path inHome = home.resolve(HOME_FILE);
        if (Files.exists(inHome)) {
            return load(inHome);
        }
        return embeddedDefault();
    }

    /** Same as {@link #locate(Path, Map, Path)} for this process's environment and home. */
    public static ClusterConfig locate(@Nullable Path explicit) {
        return locate(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static ClusterConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot read cluster config " + file + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
        return parse(text, file.toString());
    }

    /** Parses {@code host:port} (or {@code http://host:port}, {@code https://host:port}) lines; blank lines and lines starting with '#' are skipped. */
    public static ClusterConfig parse(String text, String source) {
        List<NodeAddress> nodes = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            NodeAddress node = parseLine(line, source, i + 1);
            if (nodes.stream().anyMatch(n -> n.authority().equals(node.authority()))) {
                throw new ConfigException(source + " line " + (i + 1) + ": duplicate node " + node);
            }
            nodes.add(node);
        }
        if (nodes.isEmpty()) {
            throw new ConfigException(source + ": no nodes (expected host:port lines)");
        }
        return new ClusterConfig(nodes, source);
    }

    private static NodeAddress parseLine(String text, String source, int number) {
        String where = source + " line " + number + ": ";
        String line = text;
        boolean tls = false;
        int scheme = line.indexOf("://");
        if (scheme >= 0) {
            String name = line.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!name.equals("http") && !name.equals("https")) {
                throw new ConfigException(where + "scheme must be http or https, got '" + text + "'");
            }
            tls = name.equals("https");
            line = line.substring(scheme + 3);
            if (line.endsWith("/")) {
                line = line.substring(0, line.length() - 1);
            }
        }
        String host;
        String port;
        if (line.startsWith("[")) {
            int close = line.indexOf("]:");
            if (close < 0) {
                throw new ConfigException(where + "expected [ipv6]:port, got '" + line + "'");
            }
            host = line.substring(1, close);
            port = line.substring(close + 2);
        } else {
            int colon = line.indexOf(':');
            if (colon < 0 || colon != line.lastIndexOf(':')) {
                throw new ConfigException(where + "expected host:port, got '" + line + "'");
            }
            host = line.substring(0, colon);
            port = line.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '#')) {
            throw new ConfigException(where + "bad host in '" + line + "'");
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ConfigException(where + "bad port in '" + line + "' (expected 1-65535)");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw new ConfigException(where + "bad port in '" + line + "' (expected 1-65535)");
        }
        return new NodeAddress(host, value, tls);
    }

    /** The config file format: one {@code host:port} (or {@code https://host:port}) line per node, in ring order. */
    public String toText() {
        var out = new StringBuilder();
        for (NodeAddress node : nodes) {
            out.append(node).append('\n');
        }
        return out.toString();
    }
}
