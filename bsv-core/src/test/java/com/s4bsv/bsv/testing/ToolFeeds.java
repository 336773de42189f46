package com.s4bsv.bsv.testing;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.tool.Runner;
import com.s4bsv.bsv.tool.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * How to hand one bsv stream to each tool of the registry through its real input path (stdin, files named on
 * stdin, files named as arguments), with arguments that make it read every row, and the check that a run on bad
 * input ended the way the tools promise: exit 0, or exit 1 with one error line of a known form, never a stack
 * trace or an internal error.
 */
public final class ToolFeeds {

    /** Where a tool reads its bsv input. */
    public enum Feed {
        STDIN,
        FILES_ON_STDIN,
        FILE_ARGUMENT
    }

    /** One way to run a tool; {@code lz4} when it reads lz4-framed chunks. */
    public record Invocation(String tool, Feed feed, List<String> args, boolean lz4) {

        @Override
        public String toString() {
            return String.join(
                    " ", Stream.concat(Stream.of(tool), args.stream()).toList());
        }

        /**
         * Runs in-process through the CLI's {@link Runner}, with {@code input} as the tool's input and output
         * files under {@code dir}.
         */
        public Outcome run(byte[] input, Layout layout, Path dir, OutputStream out) throws IOException {
            byte[] stdin = input;
            List<String> arguments = new ArrayList<>(args);
            if (feed != Feed.STDIN) {
                Files.write(dir.resolve("in.bsv"), input);
                if (feed == Feed.FILE_ARGUMENT) {
                    arguments.add("in.bsv");
                    stdin = new byte[0];
                } else {
                    Files.write(dir.resolve("in2.bsv"), input);
                    stdin = "in.bsv in2.bsv\n".getBytes(StandardCharsets.UTF_8);
                }
            }
            var err = new ByteArrayOutputStream();
            int exit = Runner.run(tool, arguments, new ByteArrayInputStream(stdin), out, err, layout, dir);
            return new Outcome(exit, err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Exit code and stderr of one run. */
    public record Outcome(int exit, String err) {}

    private static final Pattern ERROR_LINE = Pattern.compile("(fatal: |didnt read enough|usage: )[^\n]*\n?\n?");

    private static final Map<String, List<Invocation>> BY_TOOL = new LinkedHashMap<>();

    static {
        stdin("bcombine", "1,2");
        stdin("bcounteach");
        stdin("bcounteach-hash");
        stdin("bcountrows");
        stdin("bcut", "2,1");
        stdin("bcut", "1");
        stdin("bdedupe");
        stdin("bdedupe-hash");
        stdin("bdropuntil", "m");
        stdin("bdropuntil", "5", "i64");
        stdin("bhead", "3");
        stdin("blz4");
        lz4("blz4d");
        stdin("bpartition", "3", "p");
        stdin("bpartition", "1", "p");
        stdin("bquantile-merge", ".5");
        stdin("bquantile-sketch", "i64");
        stdin("bschema", "*,*");
        stdin("bschema", "a:i64,*", "--filter");
        stdin("bschema", "8,*");
        stdin("bsort");
        stdin("bsort", "-r", "i64");
        stdin("bsplit", "s", "4");
        stdin("bsum", "i64");
        stdin("bsumeach", "i64");
        stdin("bsumeach-hash", "i64");
        stdin("bsv");
        stdin("btail", "3");
        stdin("btake", "k");
        stdin("btakeuntil", "m");
        stdin("btakeuntil", "5", "i64");
        stdin("btopn", "3");
        stdin("btopn", "2", "i64", "-r");
        stdin("bunzip", "col");
        stdin("bunzip", "col", "-l");
        stdin("csv");
        stdin("xxh3");
        stdin("xxh3", "--stream");
        add(new Invocation("bcat", Feed.FILE_ARGUMENT, List.of("--prefix"), false));
        add(new Invocation("bcat", Feed.FILE_ARGUMENT, List.of("-l", "--head", "2"), true));
        add(new Invocation("bmerge", Feed.FILES_ON_STDIN, List.of(), false));
        add(new Invocation("bmerge", Feed.FILES_ON_STDIN, List.of("i64", "-l"), true));
        add(new Invocation("bzip", Feed.FILES_ON_STDIN, List.of(), false));
        add(new Invocation("bzip", Feed.FILES_ON_STDIN, List.of("2", "-l"), true));
    }

    private ToolFeeds() {}

    private static void stdin(String tool, String... args) {
        add(new Invocation(tool, Feed.STDIN, List.of(args), false));
    }

    private static void lz4(String tool, String... args) {
        add(new Invocation(tool, Feed.STDIN, List.of(args), true));
    }

    private static void add(Invocation invocation) {
        BY_TOOL.computeIfAbsent(invocation.tool(), t -> new ArrayList<>()).add(invocation);
    }

    /**
     * Every invocation of every tool in {@link Tools#NAMES}; fails for a registered tool nobody taught this class
     * to feed, so a new tool cannot silently escape the bad-input tests.
     */
    public static List<Invocation> all() {
        List<Invocation> all = new ArrayList<>();
        for (String tool : Tools.NAMES) {
            List<Invocation> ways = BY_TOOL.get(tool);
            if (ways == null) {
                throw new AssertionError("tool " + tool + " is registered but ToolFeeds has no way to feed it");
            }
            all.addAll(ways);
        }
        return all;
    }

    /** Null when {@code outcome} is what a tool may answer to any input; else what is wrong with it. */
    public static @Nullable String violation(Outcome outcome) {
        String err = outcome.err();
        if (err.contains("Exception")
                || err.contains("\tat ")
                || err.contains("internal error")
                || err.contains("out of memory")) {
            return "stack trace or internal error on stderr: " + err;
        }
        if (outcome.exit() == 0) {
            return null;
        }
        if (outcome.exit() != 1) {
            return "exit " + outcome.exit() + ", expected 0 or 1: " + err;
        }
        if (!ERROR_LINE.matcher(err).matches()) {
            return "not one error line of a known form: '" + err + "'";
        }
        return null;
    }

    /** Deletes everything under {@code dir}, keeping {@code dir}. */
    public static void clear(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
