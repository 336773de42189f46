package com.s4bsv.s4.shell.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private Tmux tmux;

    @BeforeEach
    void tmux() {
        Assumptions.assumeTrue(Tmux.works(), "tmux is not installed; skipping the interactive session test");
    }

    @AfterEach
    void kill() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
    }

    @Test
    void runsCommandsCompletesS4PathsAndQuits() throws Exception {
        String bucket = "session" + ProcessHandle.current().pid();
        S4Process.Result put = S4Process.run(
                dir, "hello\n".getBytes(StandardCharsets.UTF_8), "cp", "-", "s4://" + bucket + "/dir/greeting.txt");
        assertThat(put.code()).as("%s", put).isZero();
        Path home = Files.createDirectories(dir.resolve("home"));

        tmux = Tmux.s4(session, dir, LocalCluster.conf(), home, LocalCluster.awsEnv());
        tmux.waitFor(screen -> screen.contains("s4>"));
        assertThat(tmux.screen()).contains("s4: cluster " + LocalCluster.conf() + ", 3 nodes");

        tmux.send("ls -r s4://" + bucket + "/", "Enter");
        tmux.waitFor(screen -> screen.contains(" 6 dir/greeting.txt"));

        tmux.send("cp s4://" + bucket + "/dir/gr", "Tab");
        tmux.waitFor(screen -> screen.contains("cp s4://" + bucket + "/dir/greeting.txt"));
        tmux.send(" out.txt", "Enter");
        tmux.waitFor(screen -> Files.exists(dir.resolve("out.txt")));
        assertThat(dir.resolve("out.txt")).hasContent("hello\n");

        tmux.send("eval s4://" + bucket + "/dir/greeting.txt 'tr a-z A-Z'", "Enter");
        tmux.waitFor(screen -> screen.contains("\nHELLO\n"));
        tmux.send("map s4://" + bucket + "/dir/ s4://" + bucket + "/upper/ 'tr a-z A-Z'", "Enter");
        tmux.waitFor(screen -> screen.contains("ok ok ok"));
        tmux.send("cp s4://" + bucket + "/upper/greeting.txt upper.txt", "Enter");
        tmux.waitFor(screen -> Files.exists(dir.resolve("upper.txt")));
        assertThat(dir.resolve("upper.txt")).hasContent("HELLO\n");

        tmux.send("eval", "Enter");
        tmux.send("cp s4://" + bucket + "/missing -", "Enter");
        tmux.waitFor(screen -> screen.contains("no such key: s4://" + bucket + "/missing"));

        tmux.send("exit", "Enter");
        tmux.waitFor(screen -> screen.contains("SESSION-ENDED 0"));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("home", "out.txt", "upper.txt");
        }
        assertThat(home.resolve(".config/s4/history"))
                .as("the history stays in the test's home")
                .isRegularFile();
    }
}
