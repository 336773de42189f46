package com.s4bsv.bsv.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process runs against the tools run one after another on whole buffers (the harness), and bash's rules. */
class PipelineTest {

    @TempDir
    Path dir;

    private record Run(int status, byte[] out, String err) {

        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private Run run(String command, byte[] stdin, Layout layout) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Pipeline.of(command).run(new ByteArrayInputStream(stdin), out, err, layout, dir);
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String command, String stdin) throws InterruptedException {
        return run(command, stdin.getBytes(StandardCharsets.UTF_8), Layout.DEFAULT);
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(i -> i + "," + (i % 7) + ",x" + i)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void givesWhatTheToolsGiveOneAfterAnother() throws Exception {
        String csv = lines(1, 50_000);
        for (Layout layout : new Layout[] {Layout.DEFAULT, new Layout(4096)}) {
            ToolHarness harness = new ToolHarness(layout, dir);
            byte[] expected = harness.pipe(csv.getBytes(StandardCharsets.UTF_8), "bsv", "bcut 2,1", "bsort", "csv");
            Run run = run("bsv | bcut 2,1 | bsort | csv", csv.getBytes(StandardCharsets.UTF_8), layout);
            assertThat(run.status()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo(expected);
        }
    }

    @Test
    void pipelinesRunningAtOnceOnRecycledBuffersGiveWhatEachGivesAlone() throws Exception {
        List<String> commands = List.of("bsv | bcut 3,1 | csv", "bsv | bsort | csv", "bsv | bcut 2 | bcounteach | csv");
        List<byte[]> inputs = List.of(
                lines(1, 120_000).getBytes(StandardCharsets.UTF_8),
                lines(500, 30_000).getBytes(StandardCharsets.UTF_8));
        ToolHarness harness = new ToolHarness(Layout.DEFAULT, dir);
        byte[][][] expected = new byte[commands.size()][inputs.size()][];
        for (int c = 0; c < commands.size(); c++) {
            for (int i = 0; i < inputs.size(); i++) {
                expected[c][i] = harness.pipe(inputs.get(i), commands.get(c).split(" \\| "));
            }
        }
        List<Callable<Void>> runs = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int first = t;
            runs.add(() -> {
                for (int k = 0; k < 8; k++) {
                    int c = (first + k) % commands.size();
                    int i = (first + k) % inputs.size();
                    Run run = run(commands.get(c), inputs.get(i), Layout.DEFAULT);
                    assertThat(run.err()).isEmpty();
                    assertThat(run.out())
                            .as("%s on input %d", commands.get(c), i)
                            .isEqualTo(expected[c][i]);
                }
                return null;
            });
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(runs.size())) {
            for (Future<Void> done : threads.invokeAll(runs)) {
                done.get();
            }
        }
    }

    @Test
    void statusIsTheLastFailingStageAsWithPipefail() throws Exception {
        Run run = run("bsv | bschema a,a | csv", "1\nx\n");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo(new ToolHarness()
                        .run("bschema", new ToolHarness().bsv("1\nx\n"), "a,a")
                        .errText());
        Run twoFailures = run("bcut 1 -h | bsort -h", "");
        assertThat(twoFailures.status()).isEqualTo(1);
        assertThat(twoFailures.err().lines().count()).isGreaterThan(2);
    }

    @Test
    void anEarlyExitingReaderEndsItsWritersQuietly() throws Exception {
        Run run = run("bsv | bcut 1 | bhead 1 | csv", lines(1, 400_000));
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outText()).isEqualTo("1\n");
    }

    @Test
    void catKilledByAClosedPipeIsSigpipeAsBashReportsIt() throws Exception {
        Layout small = new Layout(4096);
        byte[] bsv = new ToolHarness(small).bsv(lines(1, 100_000));
        Run run = run("cat | bhead 1 | csv", bsv, small);
        assertThat(run.outText()).isEqualTo("1,1,x1\n");
        assertThat(run.status()).isEqualTo(141);
        assertThat(run.err()).isEmpty();
        assertThat(run("cat | bsv | csv", "a,b\n").outText()).isEqualTo("a,b\n");
    }

    @Test
    void xargsCatConcatenatesTheNamedFilesAndReportsLikeGnu() throws Exception {
        Files.writeString(dir.resolve("a"), "1\n");
        Files.writeString(dir.resolve("b c"), "2\n");
        Files.createDirectory(dir.resolve("d"));
        assertThat(run("xargs cat | bsv | csv", "a\n'b c'\n").outText()).isEqualTo("1\n2\n");
        Run missing = run("xargs cat | bsv | csv", "a\nb c\nd\n" + dir.resolve("a") + "\n");
        assertThat(missing.status()).isEqualTo(123);
        assertThat(missing.err())
                .isEqualTo(
                        "cat: b: No such file or directory\ncat: c: No such file or directory\ncat: d: Is a directory\n");
        assertThat(missing.outText()).isEqualTo("1\n1\n");
        Run unmatched = run("xargs cat", "a\n'b\n");
        assertThat(unmatched.status()).isEqualTo(1);
        assertThat(unmatched.outText()).isEqualTo("1\n");
        assertThat(unmatched.err()).startsWith("xargs: unmatched single quote;");
        assertThat(run("xargs cat", "").status()).isZero();
    }

    @Test
    void xargsWithNewlineDelimitersTakesEachLineAsOneNameLiterally() throws Exception {
        Files.writeString(dir.resolve("a b"), "1\n");
        Files.writeString(dir.resolve(" lead"), "2\n");
        Files.writeString(dir.resolve("trail "), "3\n");
        Files.writeString(dir.resolve("'q\\"), "4\n");
        for (String command : List.of("xargs -d '\\n' cat | bsv | csv", "xargs -d'\\n' cat | bsv | csv")) {
            Run run = run(command, "a b\n lead\ntrail \n'q\\");
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.outText()).isEqualTo("1\n2\n3\n4\n");
        }
        Run empty = run("xargs -d '\\n' cat", "a b\n\nmissing one\n");
        assertThat(empty.status()).isEqualTo(123);
        assertThat(empty.err())
                .isEqualTo("cat: '': No such file or directory\ncat: 'missing one': No such file or directory\n");
        assertThat(empty.outText()).isEqualTo("1\n");
        assertThat(run("xargs -d '\\n' cat", "").status()).isZero();
        Run split = run("xargs cat", "a b\n");
        assertThat(split.status()).as("plain xargs splits at the space").isEqualTo(123);
    }

    @Test
    void filesLandInTheWorkingDirectory() throws Exception {
        Run run = run("bsv | bpartition 4 part", lines(1, 1000));
        assertThat(run.status()).isZero();
        for (String name : run.outText().split("\n")) {
            assertThat(dir.resolve(name)).isRegularFile();
        }
        assertThat(run.outText()).startsWith("part_");
    }

    @Test
    void cancellingARunThatEndedLeavesTheNextRunsOnItsThreadsAlone() throws Exception {
        Execution ended = Pipeline.of("bsv | csv")
                .start(
                        new ByteArrayInputStream("1,a\n".getBytes(StandardCharsets.UTF_8)),
                        OutputStream.nullOutputStream(),
                        OutputStream.nullOutputStream(),
                        Layout.DEFAULT,
                        dir);
        assertThat(ended.await()).isZero();
        String csv = lines(1, 2_000);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private final InputStream data = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                return data.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                reading.countDown();
                try {
                    // the stage threads (the pool's, as the ended run's were) are busy with this run when the
                    // ended run is cancelled
                    cancelled.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted");
                }
                return data.read(b, off, len);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Execution next = Pipeline.of("bsv | csv").start(slow, out, err, Layout.DEFAULT, dir);
        reading.await();
        ended.cancel();
        cancelled.countDown();
        assertThat(next.await()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(csv);
    }

    @Test
    void cancelStopsARunPromptly() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return '1';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    b[i] = (byte) (i % 3 == 0 ? '\n' : '7');
                }
                return len;
            }
        };
        Execution execution = Pipeline.of("bsv | bsort | csv")
                .start(
                        endless,
                        OutputStream.nullOutputStream(),
                        OutputStream.nullOutputStream(),
                        new Layout(1 << 16),
                        dir);
        assertThat(execution.await(Duration.ofMillis(200))).isFalse();
        execution.cancel();
        assertThat(execution.await(Duration.ofSeconds(10))).isTrue();
        assertThat(execution.isCancelled()).isTrue();
    }

    @Test
    void refusesWhatIsNotAPipeline() {
        assertThatThrownBy(() -> Pipeline.of("bcut 1; touch x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Pipeline.parse("bcut \"$x\"")).isEmpty();
    }
}
