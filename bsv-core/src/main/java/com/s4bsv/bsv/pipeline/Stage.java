package com.s4bsv.bsv.pipeline;

import java.util.List;

/**
 * One stage of a pipeline.
 *
 * @param kind what runs: a bsv tool, {@code cat} (stdin to stdout) or {@code xargs cat} (the files named on stdin)
 * @param tool the bsv tool's name for {@link Kind#TOOL}; {@code cat} or {@code xargs} otherwise
 * @param args the tool's literal arguments, as bash would pass them
 */
public record Stage(Kind kind, String tool, List<String> args) {

    /** What a stage runs. */
    public enum Kind {
        TOOL,
        CAT,
        XARGS_CAT
    }

    public Stage {
        args = List.copyOf(args);
    }

    /** For {@link Kind#XARGS_CAT}: names one a line, taken literally ({@code xargs -d '\n' cat}). */
    boolean namesByLine() {
        return kind == Kind.XARGS_CAT && args.size() > 1;
    }

    static Stage tool(String name, List<String> args) {
        return new Stage(Kind.TOOL, name, args);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CAT -> "cat";
            case XARGS_CAT -> "xargs " + String.join(" ", args);
            case TOOL -> args.isEmpty() ? tool : tool + " " + String.join(" ", args);
        };
    }
}
