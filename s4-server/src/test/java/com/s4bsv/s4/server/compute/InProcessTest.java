package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's side of in-process pipelines: which commands, the memory budget, timeouts, the runner's switch. */
class InProcessTest {

    @TempDir
    Path dir;

    /** A command and the sandbox it runs in. */
    record Command(String script, Sandbox sandbox) {}

    Command command(String cmd, String input) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path stdin = dir.resolve("stdin");
        Files.writeString(stdin, input);
        return new Command(
                cmd,
                new Sandbox(dir, work, stdin, dir.resolve("stdout"), dir.resolve("stderr"), Map.of("filename", "x")));
    }

    static CommandResult run(CommandRunner runner, Command command) throws Exception {
        return runner.run(command.script(), command.sandbox());
    }

    static InProcess.Reservation reserve(InProcess inProcess, Command command) throws Exception {
        return inProcess.reserve(command.script(), command.sandbox());
    }

    static String csv(int rows) {
        return IntStream.range(0, rows)
                .mapToObj(i -> (rows - i) + ",v" + i)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void runsPipelinesOfBsvToolsInProcessAndTheRestUnderBash() throws Exception {
        var runner = new CommandRunner(2, Duration.ofSeconds(60), new InProcess(true, 1L << 30, Map.of()));
        try (CommandRunner.CpuSlot slot = runner.acquire()) {
            CommandResult sorted = run(runner, command("bsv | bcut 1,2 | bsort | csv", "3,c\n1,a\n2,b\n"));
            assertThat(sorted.inProcess()).isTrue();
            assertThat(sorted.succeeded()).isTrue();
            assertThat(Files.readString(dir.resolve("stdout"))).isEqualTo("1,a\n2,b\n3,c\n");

            CommandResult failed = run(runner, command("bsv | bsort i65", "1\n"));
            assertThat(failed.inProcess()).isTrue();
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.stderrTail()).isEqualTo("fatal: bad type i65\n");

            CommandResult hostile = run(runner, command("cat; touch pwned", "a\n"));
            assertThat(hostile.inProcess()).isFalse();
            assertThat(dir.resolve("work/pwned")).exists();
            assertThat(run(runner, command("cat | tr a b", "a\n")).inProcess()).isFalse();
            assertThat(runner.inProcess().ran()).isEqualTo(2);
        }
    }

    @Test
    void offMeansBash() throws Exception {
        var runner = new CommandRunner(1, Duration.ofSeconds(60), new InProcess(false, 1L << 30, Map.of()));
        try (CommandRunner.CpuSlot slot = runner.acquire()) {
            CommandResult result = run(runner, command("cat", "a\n"));
            assertThat(result.inProcess()).isFalse();
            assertThat(Files.readString(dir.resolve("stdout"))).isEqualTo("a\n");
        }
    }

    @Test
    void aCommandPastTheMemoryBudgetRunsUnderBash() throws Exception {
        var inProcess = new InProcess(true, 2L << 20, Map.of("BSV_BUFFER_SIZE", "65536"));
        assertThat(reserve(inProcess, command("bsv | csv", csv(10)))).isNotNull();
        assertThat(reserve(inProcess, command("bsv | csv", csv(100_000)))).isNull();
        assertThat(inProcess.overBudget()).isEqualTo(1);
        // each reservation holds its share until its run ends: 2 MiB are 7 of these
        for (int i = 0; i < 6; i++) {
            assertThat(reserve(inProcess, command("bsv | csv", csv(10)))).isNotNull();
        }
        assertThat(reserve(inProcess, command("bsv | csv", csv(10)))).isNull();
    }

    @Test
    void aBadBufferSizeLeavesEverythingToBashWhichReportsIt() throws Exception {
        var inProcess = new InProcess(true, 1L << 30, Map.of("BSV_BUFFER_SIZE", "lots"));
        assertThat(reserve(inProcess, command("bsv | csv", "a\n"))).isNull();
    }

    @Test
    void aTimeoutStopsThePipelinePromptly() throws Exception {
        var runner = new CommandRunner(1, Duration.ofMillis(300), new InProcess(true, 1L << 30, Map.of()));
        Command slow = command("bsv | bsort | bsort -r | bsort | csv", csv(2_000_000));
        long start = System.nanoTime();
        CommandResult result;
        try (CommandRunner.CpuSlot slot = runner.acquire()) {
            result = run(runner, slow);
        }
        assertThat(result.timedOut()).isTrue();
        assertThat(result.inProcess()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
