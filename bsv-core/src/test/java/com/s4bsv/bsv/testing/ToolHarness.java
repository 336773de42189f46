package com.s4bsv.bsv.testing;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.tool.Runner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a tool in-process exactly as the CLI does (same {@link Runner}: -h, -v, fatal errors, exit
 * codes), on given stdin bytes, with a chosen chunk size and working directory.
 */
public final class ToolHarness {

    private final Layout layout;
    private final Path dir;

    public ToolHarness(Layout layout, Path dir) {
        this.layout = layout;
        this.dir = dir;
    }

    public ToolHarness(Layout layout) {
        this(layout, Path.of(""));
    }

    public ToolHarness() {
        this(Layout.DEFAULT);
    }

    /** What a run produced. */
    public record Result(int exit, byte[] out, byte[] err) {

        public String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        public String errText() {
            return new String(err, StandardCharsets.UTF_8);
        }

        /** Stdout, failing with the stderr text unless the exit code was 0. */
        public byte[] ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + ": " + errText());
            }
            return out;
        }
    }

    public Result run(String tool, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Runner.run(tool, List.of(args), new ByteArrayInputStream(stdin), out, err, layout, dir);
        return new Result(exit, out.toByteArray(), err.toByteArray());
    }

    public Result run(String tool, String stdin, String... args) {
        return run(tool, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Pipes {@code stdin} through each stage ({@code "bcut 1,2"}: split on spaces); fails on a non-zero exit. */
    public byte[] pipe(byte[] stdin, String... stages) {
        byte[] data = stdin;
        for (String stage : stages) {
            String[] words = stage.split(" ");
            String[] args = Arrays.copyOfRange(words, 1, words.length);
            data = run(words[0], data, args).ok();
        }
        return data;
    }

    public String pipe(String stdin, String... stages) {
        return new String(pipe(stdin.getBytes(StandardCharsets.UTF_8), stages), StandardCharsets.UTF_8);
    }

    /** CSV text to bsv with the real {@code bsv} tool. */
    public byte[] bsv(String csv) {
        return run("bsv", csv).ok();
    }

    /** bsv to CSV text with the real {@code csv} tool. */
    public String csv(byte[] bsv) {
        return run("csv", bsv).outText();
    }

    public Layout layout() {
        return layout;
    }
}
