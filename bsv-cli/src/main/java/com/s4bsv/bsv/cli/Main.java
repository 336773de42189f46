package com.s4bsv.bsv.cli;

import com.s4bsv.bsv.tool.Tools;

/** Runs a bsv tool by name: {@code java -jar bsv-cli.jar TOOL ARGS...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.println("usage: bsv-cli TOOL [ARGS...]; tools: " + String.join(" ", Tools.NAMES));
            System.exit(2);
        }
        String tool = args[0];
        if (!Tools.NAMES.contains(tool)) {
            System.err.println("fatal: no such bsv tool: " + tool);
            System.exit(2);
        }
        System.err.println("fatal: " + tool + " is not implemented yet");
        System.exit(1);
    }
}
