package com.s4bsv.s4.shell.command;

import java.util.Optional;

/** The commands of the s4 client, with what their command lines accept; shared by one-shot runs and the session. */
public enum Verb {
    RM("rm", "delete data from s4", "Transfer", "PREFIX", 1, 1, true),
    EVAL("eval", "eval a bash cmd with key data as stdin", "Compute", "KEY CMD", 2, 2, false),
    LS("ls", "list keys", "Transfer", "[PREFIX]", 0, 1, true),
    CP("cp", "copy data to or from s4", "Transfer", "SRC DST", 2, 2, true),
    MAP("map", "process data", "Compute", "INDIR OUTDIR CMD", 3, 3, false),
    MAP_TO_N("map-to-n", "shuffle data", "Compute", "INDIR OUTDIR CMD", 3, 3, false),
    MAP_FROM_N("map-from-n", "merge shuffled data", "Compute", "INDIR OUTDIR CMD", 3, 3, false),
    CONFIG("config", "list the server addresses", "Cluster", "", 0, 0, false),
    HEALTH("health", "health check every server", "Cluster", "", 0, 0, false);

    static final String RECURSIVE_HELP = "work on every key under the prefix";
    static final String CONF_HELP = "cluster config (default: $S4_CONF_PATH, else ~/.s4.conf, else 127.0.0.1:8080)";

    private final String command;
    private final String description;
    private final String group;
    private final String arguments;
    private final int minArgs;
    private final int maxArgs;
    private final boolean recursive;

    Verb(
            String command,
            String description,
            String group,
            String arguments,
            int minArgs,
            int maxArgs,
            boolean recursive) {
        this.command = command;
        this.description = description;
        this.group = group;
        this.arguments = arguments;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.recursive = recursive;
    }

    public static Optional<Verb> byName(String name) {
        for (Verb v : values()) {
            if (v.command.equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public String command() {
        return command;
    }

    public String description() {
        return description;
    }

    /** The heading the session's built-in help lists the command under. */
    public String group() {
        return group;
    }

    /** Whether the command takes paths (so the session completes its words). */
    public boolean takesPaths() {
        return !arguments.isEmpty();
    }

    public int minArgs() {
        return minArgs;
    }

    public int maxArgs() {
        return maxArgs;
    }

    /** Whether it is a map-family job, which prints {@code ok } per node. */
    public boolean isJob() {
        return this == MAP || this == MAP_TO_N || this == MAP_FROM_N;
    }

    /** Whether {@code -r/--recursive} applies. */
    public boolean takesRecursive() {
        return recursive;
    }

    /** {@code usage: s4 cp SRC DST [-r] [-c conf]} */
    public String usageLine() {
        return "usage: s4 " + command + (arguments.isEmpty() ? "" : " " + arguments) + (recursive ? " [-r]" : "")
                + " [-c conf]";
    }

    /** The text of {@code s4 COMMAND -h}. */
    public String help() {
        var out = new StringBuilder();
        out.append(usageLine())
                .append("\n\n")
                .append(VerbHelp.explanation(this))
                .append("\n\n");
        if (recursive) {
            out.append("  -r, --recursive   ").append(RECURSIVE_HELP).append('\n');
        }
        out.append("  -c, --conf PATH   ").append(CONF_HELP).append('\n');
        out.append("  -h, --help        show this help\n\nexamples:\n");
        VerbHelp.examples(this)
                .lines()
                .forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }

    /** The top-level usage: each command is 4 spaces, its name padded to 20 columns, its description. */
    public static String topUsage() {
        var out = new StringBuilder("usage: s4 {rm,eval,ls,cp,map,map-to-n,map-from-n,config,health}\n\n");
        for (Verb v : values()) {
            out.append("    ").append(v.command);
            out.append(" ".repeat(Math.max(1, 20 - v.command.length())));
            out.append(v.description).append('\n');
        }
        out.append("\nWithout arguments, s4 opens an interactive session. 's4 COMMAND -h' describes a command.\n");
        return out.toString();
    }
}
