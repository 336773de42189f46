package com.s4bsv.bsv.cli;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.tool.Runner;
import com.s4bsv.bsv.tool.Tools;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a bsv tool by name: {@code java -jar bsv-cli.jar TOOL ARGS...}; without arguments it lists
 * the tools. The standard streams are used unbuffered: tools write whole chunks or blocks.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        if (args.length == 0) {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            out.println("usage: bsv-cli TOOL [ARGS...]  (TOOL -h for help)");
            out.println("tools: " + String.join(" ", Tools.NAMES));
            return 0;
        }
        Layout layout;
        try {
            layout = Layout.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("fatal: " + e.getMessage());
            return 1;
        }
        return Runner.run(
                args[0],
                Arrays.asList(args).subList(1, args.length),
                new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out),
                err,
                layout,
                Path.of(""));
    }
}
