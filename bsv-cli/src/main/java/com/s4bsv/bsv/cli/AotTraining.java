package com.s4bsv.bsv.cli;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.tool.Runner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the bsv tools' ahead-of-time cache (bin/lib/aot.sh, at package time): runs the common tools
 * in one JVM on a small sample, so that every tool's classes are loaded, linked and profiled once. A real run then
 * starts from the cache ({@code -XX:AOTCache}); the figures are in bench/README.md.
 */
public final class AotTraining {

    private static final String[][] STAGES = {
        {"bcut", "3,1"},
        {"bcut", "1"},
        {"bcountrows"},
        {"bsort"},
        {"bhead", "5"},
        {"btail", "5"},
        {"blz4"},
        {"xxh3"},
        {"xxh3", "--stream"},
        {"bcounteach-hash"},
        {"bcounteach"},
        {"bdedupe"},
        {"bdedupe-hash"},
        {"btopn", "3"},
        {"bschema", "*,*,*,*"},
    };

    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        Layout layout = Layout.fromEnv(Map.of());
        Path dir = Files.createTempDirectory("bsv-aot-training");
        try {
            var csv = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                csv.append(i % 97)
                        .append(',')
                        .append(i * 7919L)
                        .append(",word")
                        .append(i % 13)
                        .append(',')
                        .append(i * 0.5)
                        .append('\n');
            }
            byte[] bsv = run(layout, dir, "bsv", List.of(), csv.toString().getBytes(StandardCharsets.UTF_8));
            run(layout, dir, "csv", List.of(), bsv);
            for (String[] stage : STAGES) {
                run(layout, dir, stage[0], List.of(stage).subList(1, stage.length), bsv);
            }
            byte[] ints = run(layout, dir, "bschema", List.of("a:i64"), run(layout, dir, "bcut", List.of("2"), bsv));
            run(layout, dir, "bsum", List.of("i64"), ints);
            run(layout, dir, "bsort", List.of("i64"), ints);
            run(layout, dir, "blz4d", List.of(), run(layout, dir, "blz4", List.of(), bsv));
            run(layout, dir, "bpartition", List.of("4", dir.resolve("part").toString()), bsv);
            run(layout, dir, "bunzip", List.of(dir.resolve("col").toString()), bsv);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static byte[] run(Layout layout, Path dir, String tool, List<String> args, byte[] input) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Runner.run(tool, args, new ByteArrayInputStream(input), out, err, layout, dir);
        if (code != 0) {
            throw new IllegalStateException(tool + " " + args + " failed (" + code + "): " + err);
        }
        return out.toByteArray();
    }
}
