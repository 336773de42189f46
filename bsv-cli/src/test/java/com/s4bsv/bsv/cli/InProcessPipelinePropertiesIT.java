package com.s4bsv.bsv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.pipeline.Pipeline;
import com.s4bsv.bsv.tool.Runner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random pipelines of bsv tools, valid and invalid arguments, over random inputs: run in-process and under
 * {@code bash -c 'set -euo pipefail; ...'} with the bin/ launchers (one JVM per tool), they give the same stdout
 * bytes, files, exit status and stderr lines (in any order, as bash's processes may interleave them).
 *
 * <p>Generated pipelines stay where bash itself is deterministic: an early-exiting reader ({@code bhead},
 * {@code btake}, {@code btakeuntil}) or an argument error (which ends a stage at once) only with single-chunk
 * inputs, where every upstream stage has done all its work before its one write; {@code cat} is followed by
 * {@code bsv} and {@code xargs cat} by a tool that reads all it is given.
 */
class InProcessPipelinePropertiesIT {

    private static final List<String> ALWAYS = List.of(
            "bcut 1",
            "bcut 2,1",
            "bcut 1,1,2",
            "bsort",
            "bsort -r",
            "bschema a:i64",
            "bschema '*,a:i64'",
            "bschema i64:a",
            "bschema a,...",
            "bsum i64",
            "bsumeach i64",
            "bcounteach",
            "bcountrows",
            "bdedupe",
            "btail 2",
            "btopn 2",
            "bsplit s",
            "bpartition 3",
            "bpartition 2 p",
            "bcounteach-hash",
            "bdedupe-hash",
            "bsumeach-hash i64",
            "blz4",
            "blz4d",
            "bcombine 1,2",
            "bsort i64",
            "bdropuntil 5",
            "xxh3");
    private static final List<String> SINGLE_CHUNK_ONLY = List.of(
            "bhead 1",
            "bhead 0",
            "btake a",
            "btakeuntil 5",
            "bcut 0",
            "bcut x",
            "bsort i65",
            "bhead -1",
            "bpartition 0",
            "bsum",
            "bcut 1 -h",
            "btail",
            "bschema 'a:i99'",
            "bcombine",
            "bsplit");
    /**
     * What may follow {@code xargs cat}: tools that read all of valid bsv without failing. A stage ending early
     * would make cat's next write fail in-process, where under bash cat has long finished into the pipe's buffer
     * while the tool's JVM was starting.
     */
    private static final List<String> READS_ALL = List.of(
            "bcut 1",
            "bsort",
            "bsort -r",
            "bcountrows",
            "bcounteach",
            "bdedupe",
            "blz4",
            "bsplit s",
            "bpartition 3",
            "xxh3",
            "btail 2");

    private Path root;

    @BeforeProperty
    void makeRoot() throws IOException {
        root = Files.createTempDirectory("inprocess-vs-bash");
    }

    @AfterProperty
    void removeRoot() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    record Case(String command, String csv, boolean xargs, int bufferSize) {}

    private record Outcome(int status, byte[] out, List<String> errLines, Map<String, String> files) {}

    @Property(tries = 30)
    void inProcessGivesWhatBashGives(@ForAll("cases") Case c) throws Exception {
        Outcome bash = run(c, true);
        Outcome inProcess = run(c, false);
        String label = c.command() + "  (BSV_BUFFER_SIZE=" + c.bufferSize() + ", xargs=" + c.xargs() + ")";
        assertThat(inProcess.status())
                .as(label + " status; bash stderr " + bash.errLines())
                .isEqualTo(bash.status());
        assertThat(inProcess.errLines()).as(label + " stderr").isEqualTo(bash.errLines());
        assertThat(inProcess.out()).as(label + " stdout").isEqualTo(bash.out());
        assertThat(inProcess.files()).as(label + " files").isEqualTo(bash.files());
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> csv = Combinators.combine(
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 60),
                        Arbitraries.longs())
                .as(InProcessPipelinePropertiesIT::csv);
        Arbitrary<Integer> buffer = Arbitraries.of(Layout.DEFAULT_BUFFER_SIZE, Layout.DEFAULT_BUFFER_SIZE, 256, 1024);
        return Combinators.combine(csv, buffer, Arbitraries.integers().between(0, 9), Arbitraries.longs())
                .as((text, size, start, seed) -> build(text, size, start, seed));
    }

    private static Case build(String text, int bufferSize, int start, long seed) {
        Random random = new Random(seed);
        boolean singleChunk = bufferSize == Layout.DEFAULT_BUFFER_SIZE;
        List<String> stages = new ArrayList<>();
        boolean xargs = start >= 7;
        if (xargs) {
            // names one a line, spaces kept (keys may hold them): the form the compute docs recommend
            stages.add(start == 9 ? "xargs -d '\\n' cat" : "xargs cat");
            stages.add(READS_ALL.get(random.nextInt(READS_ALL.size())));
        } else if (start == 6 && singleChunk) {
            // CSV text where bsv is expected: corrupt input errors
        } else {
            if (start <= 2) {
                stages.add("cat");
            }
            stages.add("bsv");
        }
        List<String> pool = new ArrayList<>(ALWAYS);
        if (singleChunk) {
            pool.addAll(SINGLE_CHUNK_ONLY);
        }
        int n = 1 + random.nextInt(4);
        boolean writesFiles = false;
        for (int i = 0; i < n; i++) {
            String stage = pool.get(random.nextInt(pool.size()));
            // two stages writing the same files race each other under bash too: the outcome is not defined
            if (writesFiles(stage) && writesFiles) {
                continue;
            }
            writesFiles |= writesFiles(stage);
            stages.add(stage);
        }
        if (random.nextBoolean()) {
            stages.add("csv");
        }
        return new Case(String.join(" | ", stages), text, xargs, bufferSize);
    }

    private static boolean writesFiles(String stage) {
        return stage.startsWith("bpartition") || stage.startsWith("bsplit");
    }

    private static String csv(int columns, int rows, long seed) {
        Random random = new Random(seed);
        String[] values = {"1", "2", "10", "-3", "a", "b", "", "x y", "5", "0", "99999999999"};
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            int width = 1 + random.nextInt(columns);
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(values[random.nextInt(values.length)]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private Outcome run(Case c, boolean bash) throws Exception {
        Path dir = Files.createTempDirectory(root, bash ? "bash" : "inprocess");
        Path work = Files.createDirectory(dir.resolve("work"));
        Path stdin = dir.resolve("stdin");
        Layout layout = new Layout(c.bufferSize());
        if (c.xargs()) {
            boolean byLine = c.command().startsWith("xargs -d");
            List<String> names = new ArrayList<>();
            String[] lines = c.csv().split("\n", -1);
            for (int i = 0; i < 3 && i < lines.length; i++) {
                Path part = work.resolve(byLine ? " in " + i + " " : "in " + i);
                Files.write(part, bsv(lines[i] + "\n", layout));
                names.add(byLine ? part.getFileName().toString() : "'" + part.getFileName() + "'");
            }
            names.add(lines.length % 2 == 0 ? (byLine ? "missing one" : "missing") : "");
            Files.writeString(stdin, String.join("\n", names) + "\n");
        } else {
            Files.writeString(stdin, c.csv());
        }
        int status;
        byte[] out;
        byte[] err;
        if (bash) {
            ProcessBuilder pb =
                    new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + c.command()).directory(work.toFile());
            pb.environment().put("PATH", bin() + ":" + System.getenv("PATH"));
            pb.environment().put("LC_ALL", "C");
            pb.environment().put(Layout.BUFFER_SIZE_ENV, Integer.toString(c.bufferSize()));
            Path outFile = dir.resolve("out");
            Path errFile = dir.resolve("err");
            pb.redirectInput(stdin.toFile()).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + c.command());
            }
            status = p.exitValue();
            out = Files.readAllBytes(outFile);
            err = Files.readAllBytes(errFile);
        } else {
            ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(stdin)) {
                status = Pipeline.of(c.command()).run(in, outBytes, errBytes, layout, work);
            }
            out = outBytes.toByteArray();
            err = errBytes.toByteArray();
        }
        List<String> errLines =
                new String(err, StandardCharsets.ISO_8859_1).lines().sorted().toList();
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(work)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return new Outcome(status, out, errLines, files);
    }

    private static byte[] bsv(String csv, Layout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Runner.run(
                "bsv",
                List.of(),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                out,
                OutputStream.nullOutputStream(),
                layout,
                Path.of(""));
        assertThat(status).isZero();
        return out.toByteArray();
    }

    private static Path bin() {
        return Path.of(System.getProperty("s4.repo.root", ".."))
                .toAbsolutePath()
                .normalize()
                .resolve("bin");
    }
}
