package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.storage.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {

    @TempDir
    Path dir;

    final CommandRunner runner = new CommandRunner(2, Duration.ofSeconds(20));

    record Run(CommandResult result, String stdout) {}

    Run run(CommandRunner with, String cmd, Path stdin, Map<String, String> env) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path stdout = dir.resolve("stdout");
        try (CommandRunner.CpuSlot slot = with.acquire()) {
            CommandResult result = with.run(cmd, new Sandbox(dir, work, stdin, stdout, dir.resolve("stderr"), env));
            return new Run(result, Files.readString(stdout));
        }
    }

    Run run(String cmd, String input) throws Exception {
        Path stdin = dir.resolve("stdin");
        Files.writeString(stdin, input);
        return run(runner, cmd, stdin, Map.of());
    }

    @Test
    void theScriptIsThePreludeAndTheCommandNothingElse() {
        assertThat(CommandRunner.script("tr a-z A-Z")).isEqualTo("set -euo pipefail\ntr a-z A-Z");
    }

    @Test
    void stdinIsTheFileAndStdoutIsCaptured() throws Exception {
        Run run = run("tr a-z A-Z", "hello\n");
        assertThat(run.result().succeeded()).isTrue();
        assertThat(run.stdout()).isEqualTo("HELLO\n");
    }

    @Test
    void hostileNamesInPathsAndEnvironmentStayData() throws Exception {
        Path canary = Files.createDirectories(dir.resolve("canary"));
        Path folder = Files.createDirectories(dir.resolve("$(touch${IFS}" + canary + "/c1)"));
        Path input = folder.resolve("x;touch${IFS}" + canary.getFileName() + "c2`touch${IFS}c3`");
        Files.writeString(input, "data\n");
        String name = "a;touch${IFS}" + canary + "/c4;$(touch${IFS}" + canary + "/c5)";
        Run run = run(
                runner,
                "cat; echo \"$filename\"; echo $filename; eval echo \"${filename%%;*}\"",
                input,
                Map.of("filename", name));
        assertThat(run.result().succeeded()).as(run.result().stderrTail()).isTrue();
        assertThat(run.stdout()).isEqualTo("data\n" + name + "\n" + name + "\na\n");
        try (Stream<Path> files = Files.list(canary)) {
            assertThat(files.toList()).isEmpty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.equals("c3")))
                    .isEmpty();
        }
    }

    /** Keys with spaces and shell text, stored as files under {@code dir/data}, as a node's data dir holds them. */
    List<StoredObject> spacedKeys() throws IOException {
        List<String> paths = List.of(
                "a b", " lead", "trail ", "$(touch canary) y", "x;y", "n\u00a0b", "`touch canary` z/-rf *", "q'\"");
        List<StoredObject> objects = new ArrayList<>();
        for (String path : paths) {
            Path file = dir.resolve("data").resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "<" + path + ">\n");
            objects.add(new StoredObject(new S4Key("b", path), Files.size(file), 0, Instant.EPOCH, file));
        }
        return objects;
    }

    CommandResult runIn(CommandRunner with, String name, String cmd, Sandbox.Stdin stdin) throws Exception {
        Sandbox sandbox = CommandRunner.prepare(
                Files.createDirectories(dir.resolve("runs").resolve(name)), stdin);
        try (CommandRunner.CpuSlot slot = with.acquire()) {
            return with.run(cmd, sandbox);
        }
    }

    String stdoutOf(String name) throws IOException {
        return Files.readString(dir.resolve("runs").resolve(name).resolve("stdout"));
    }

    @Test
    void keysWithSpacesAndShellTextReachCommandsAsDataNeverAsCode() throws Exception {
        List<StoredObject> keys = spacedKeys();
        var inProcess = new CommandRunner(2, Duration.ofSeconds(20), new InProcess(true, 1L << 30, Map.of()));
        int n = 0;
        for (StoredObject key : keys) {
            String name = "key" + n++;
            CommandResult eval = runIn(
                    runner,
                    name,
                    "cat; printf '[%s]\\n' \"$filename\"; echo $filename >/dev/null",
                    new Sandbox.KeyFile(key));
            assertThat(eval.succeeded()).as(eval.stderrTail()).isTrue();
            assertThat(stdoutOf(name))
                    .isEqualTo("<" + key.key().path() + ">\n[" + key.key().basename() + "]\n");
        }
        String all = keys.stream().map(k -> "<" + k.key().path() + ">\n").reduce("", String::concat);
        for (String cmd : List.of("xargs -d '\\n' cat", "while IFS= read -r f; do cat -- \"$f\"; done")) {
            CommandResult bash = runIn(runner, "bash" + n, cmd, new Sandbox.PathList(keys));
            assertThat(bash.succeeded()).as(cmd + ": " + bash.stderrTail()).isTrue();
            assertThat(bash.inProcess()).isFalse();
            assertThat(stdoutOf("bash" + n)).as(cmd).isEqualTo(all);
            n++;
        }
        CommandResult same = runIn(inProcess, "inprocess", "xargs -d '\\n' cat", new Sandbox.PathList(keys));
        assertThat(same.inProcess()).as("xargs -d '\\n' cat runs in-process").isTrue();
        assertThat(same.succeeded()).as(same.stderrTail()).isTrue();
        assertThat(stdoutOf("inprocess")).isEqualTo(all);
        CommandResult split = runIn(runner, "split", "xargs cat", new Sandbox.PathList(keys));
        assertThat(split.succeeded()).as("plain xargs splits names at spaces").isFalse();

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("canary")))
                    .as("no command ran the text of a key")
                    .isEmpty();
        }
    }

    @Test
    void whileReadWorksWithoutTheCatRewrite() throws Exception {
        Run run = run("while read row; do echo \"<$row>\"; done", "a\nb c\n");
        assertThat(run.result().succeeded()).isTrue();
        assertThat(run.stdout()).isEqualTo("<a>\n<b c>\n");
        Run withHead = run("while read row; do echo $(echo $row | head -c4); done", "Abelson\nAb\n");
        assertThat(withHead.stdout()).isEqualTo("Abel\nAb\n");
    }

    @Test
    void errexitNounsetAndPipefailAreOn() throws Exception {
        assertThat(run("false; echo after", "").result().exitCode()).isEqualTo(1);
        assertThat(run("echo $not_set_anywhere", "").result().exitCode()).isNotZero();
        assertThat(run("false | true; echo after", "").result().exitCode()).isEqualTo(1);
        assertThat(run("exit 7", "").result().exitCode()).isEqualTo(7);
    }

    @Test
    void localeIsC() throws Exception {
        Run run = run("echo $LC_ALL; sort", "b\nB\na\n");
        assertThat(run.stdout()).isEqualTo("C\nB\na\nb\n");
    }

    @Test
    void stderrTailKeepsTheLast4KiB() throws Exception {
        Run run = run("head -c 10000 /dev/zero | tr '\\0' x >&2; echo END >&2; exit 3", "");
        assertThat(run.result().exitCode()).isEqualTo(3);
        assertThat(run.result().stderrTail())
                .hasSize(CommandRunner.STDERR_TAIL_BYTES)
                .endsWith("xxEND\n");
    }

    @Test
    void stderrTailDoesNotStartInsideAUtf8Sequence() throws IOException {
        Path stderr = dir.resolve("err");
        Files.write(stderr, ("é".repeat(3000)).getBytes(StandardCharsets.UTF_8));
        String tail = CommandRunner.stderrTail(stderr);
        assertThat(tail).doesNotContain("\uFFFD").matches("é+");
    }

    @Test
    void aTimeoutKillsTheWholeProcessGroup() throws Exception {
        Path canary = dir.resolve("canary");
        var quick = new CommandRunner(1, Duration.ofMillis(500));
        long start = System.nanoTime();
        Run run = run(quick, "(sleep 2; touch " + canary + ") & sleep 30", null, Map.of());
        assertThat(run.result().timedOut()).isTrue();
        assertThat(run.result().exitCode()).isEqualTo(-1);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        Thread.sleep(2500);
        assertThat(canary).doesNotExist();
    }

    @Test
    void interruptingTheCallerKillsTheCommand() throws Exception {
        Path canary = dir.resolve("canary");
        Thread[] worker = new Thread[1];
        CompletableFuture<Run> running = new CompletableFuture<>();
        worker[0] = Thread.ofVirtual().start(() -> {
            try {
                running.complete(run(runner, "(sleep 2; touch " + canary + ") & sleep 30", null, Map.of()));
            } catch (Throwable e) {
                running.completeExceptionally(e);
            }
        });
        Thread.sleep(500);
        worker[0].interrupt();
        assertThatThrownBy(running::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        Thread.sleep(2500);
        assertThat(canary).doesNotExist();
        assertThat(runner.running()).isZero();
    }

    @Test
    void cpuSlotsAreBounded() throws Exception {
        try (CommandRunner.CpuSlot a = runner.acquire();
                CommandRunner.CpuSlot b = runner.acquire()) {
            assertThat(runner.running()).isEqualTo(2);
            Thread waiter = Thread.ofVirtual().start(() -> {
                try (CommandRunner.CpuSlot c = runner.acquire()) {
                    assertThat(c).isNotNull();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(200);
            assertThat(waiter.isAlive()).as("a third command waits for a slot").isTrue();
            a.close();
            waiter.join(5000);
            assertThat(waiter.isAlive()).isFalse();
        }
        assertThat(runner.running()).isZero();
    }

    @Test
    void noInputMeansEmptyStdin() throws Exception {
        assertThat(run(runner, "wc -c", null, Map.of()).stdout().strip()).isEqualTo("0");
    }

    static List<String> lines(String s) {
        return List.of(s.split("\n"));
    }
}
