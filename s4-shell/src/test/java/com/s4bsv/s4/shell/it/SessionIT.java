package com.s4bsv.s4.shell.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The interactive session in a real terminal: bin/s4 without arguments under tmux, driven by send-keys. */
@ExtendWith(LocalCluster.class)
class SessionIT {

    @TempDir
    Path dir;

    private final String session = "s4-it-" + ProcessHandle.current().pid();

    @BeforeEach
    void tmux() {
        Assumptions.assumeTrue(tmuxWorks(), "tmux is not installed; skipping the interactive session test");
    }

    @AfterEach
    void kill() throws Exception {
        tmux("kill-session", "-t", session);
    }

    @Test
    void runsCommandsCompletesS4PathsAndQuits() throws Exception {
        String bucket = "session" + ProcessHandle.current().pid();
        S4Process.Result put = S4Process.run(dir, "hello\n".getBytes(StandardCharsets.UTF_8), "cp", "-",
                "s4://" + bucket + "/dir/greeting.txt");
        assertThat(put.code()).as("%s", put).isZero();
        Path history = Files.createDirectories(dir.resolve("home"));

        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", "-c", dir.toString(),
                "env S4_CONF_PATH=" + LocalCluster.conf() + " HOME=" + history + " "
                        + LocalCluster.repoRoot().resolve("bin/s4") + "; echo SESSION-ENDED $?; sleep 60");
        waitFor(screen -> screen.contains("s4>"), Duration.ofSeconds(60));

        send("ls -r s4://" + bucket + "/", "Enter");
        waitFor(screen -> screen.contains(" 6 dir/greeting.txt"), Duration.ofSeconds(20));

        send("cp s4://" + bucket + "/dir/gr", "Tab");
        waitFor(screen -> screen.contains("cp s4://" + bucket + "/dir/greeting.txt"), Duration.ofSeconds(20));
        send(" out.txt", "Enter");
        waitFor(screen -> Files.exists(dir.resolve("out.txt")), Duration.ofSeconds(20));
        assertThat(dir.resolve("out.txt")).hasContent("hello\n");

        send("eval s4://" + bucket + "/dir/greeting.txt 'tr a-z A-Z'", "Enter");
        waitFor(screen -> screen.contains("\nHELLO\n"), Duration.ofSeconds(30));
        send("map s4://" + bucket + "/dir/ s4://" + bucket + "/upper/ 'tr a-z A-Z'", "Enter");
        waitFor(screen -> screen.contains("ok ok ok"), Duration.ofSeconds(30));
        send("cp s4://" + bucket + "/upper/greeting.txt upper.txt", "Enter");
        waitFor(screen -> Files.exists(dir.resolve("upper.txt")), Duration.ofSeconds(20));
        assertThat(dir.resolve("upper.txt")).hasContent("HELLO\n");

        send("eval", "Enter");
        send("cp s4://" + bucket + "/missing -", "Enter");
        waitFor(screen -> screen.contains("no such key: s4://" + bucket + "/missing"), Duration.ofSeconds(20));

        send("exit", "Enter");
        waitFor(screen -> screen.contains("SESSION-ENDED 0"), Duration.ofSeconds(20));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("home", "out.txt", "upper.txt");
        }
    }

    private void send(String... keys) throws Exception {
        String[] args = new String[keys.length + 3];
        args[0] = "send-keys";
        args[1] = "-t";
        args[2] = session;
        System.arraycopy(keys, 0, args, 3, keys.length);
        tmux(args);
    }

    private void waitFor(Predicate<String> condition, Duration normal) throws Exception {
        Duration limit = TestTimeouts.atLeast(normal);
        long deadline = System.nanoTime() + limit.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-t", session, "-S", "-100");
            if (condition.test(screen)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("screen did not show what was expected within " + limit + ":\n" + screen);
    }

    private static boolean tmuxWorks() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String tmux(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }
}
