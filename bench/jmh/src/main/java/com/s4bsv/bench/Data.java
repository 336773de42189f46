package com.s4bsv.bench;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.tool.Runner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Shared inputs: mixed 8-column CSV rows and their bsv, generated once from a fixed seed. */
final class Data {

    static final int ROWS = 200_000;

    private Data() {}

    static byte[] csv(int rows) {
        Random r = new Random(42);
        String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sb.append('k')
                    .append(r.nextInt(10_000_000))
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(r.nextInt(1000))
                    .append(',')
                    .append(r.nextInt(10000))
                    .append('.')
                    .append(r.nextInt(1000))
                    .append(',')
                    .append(words[r.nextInt(words.length)])
                    .append(',')
                    .append(Long.toHexString(r.nextLong()))
                    .append(',')
                    .append(r.nextInt())
                    .append(",lorem ipsum ")
                    .append(r.nextInt(100000))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs a tool in-process on {@code in}; returns its stdout. */
    static byte[] run(String tool, byte[] in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 1024);
        int exit = Runner.run(
                tool,
                List.of(args),
                new ByteArrayInputStream(in),
                out,
                OutputStream.nullOutputStream(),
                Layout.DEFAULT,
                Path.of(""));
        if (exit != 0) {
            throw new IllegalStateException(tool + " exited " + exit);
        }
        return out.toByteArray();
    }

    /** Runs a tool in-process, discarding output; returns the exit code (for the benchmark to consume). */
    static int sink(String tool, byte[] in, String... args) {
        return Runner.run(
                tool,
                List.of(args),
                new ByteArrayInputStream(in),
                OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream(),
                Layout.DEFAULT,
                Path.of(""));
    }
}
