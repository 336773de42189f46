package com.s4bsv.s4.shell.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and Ctrl-D in the interactive session under tmux: Ctrl-C clears the line at the prompt, and cancels a
 * transfer in flight (against {@link SlowNode}, so it is in flight whatever the machine's speed) without leaving the
 * session or a partial file; Ctrl-D leaves.
 */
class SessionCancelIT {

    @TempDir
    Path dir;

    private SlowNode node;
    private Tmux tmux;
    private Path home;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Tmux.works(), "tmux is not installed; skipping the interactive session test");
        Assumptions.assumeTrue(Files.isExecutable(LocalCluster.repoRoot().resolve("bin/s4")), "no bin/s4 launcher");
        node = new SlowNode();
        Path conf = Files.writeString(dir.resolve("s4.conf"), "127.0.0.1:" + node.port() + "\n");
        home = Files.createDirectories(dir.resolve("home"));
        Path work = Files.createDirectories(dir.resolve("work"));
        tmux = Tmux.s4("s4-cancel-" + ProcessHandle.current().pid(), work, conf, home);
        tmux.waitFor(screen -> screen.contains("s4>"));
    }

    @AfterEach
    void stop() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void ctrlCClearsTheLineAtThePromptAndCtrlDLeaves() throws Exception {
        tmux.send("ls s4://typed-but-not-run/");
        tmux.waitFor(screen -> screen.contains("typed-but-not-run"));
        tmux.send("C-c");
        // type only once the fresh prompt is drawn: keys sent earlier may land on the line being cleared
        tmux.waitFor(
                screen -> screen.lines().filter(line -> line.startsWith("s4>")).count() >= 2);
        tmux.send("config", "Enter");
        tmux.waitFor(screen -> screen.contains("127.0.0.1:" + node.port() + "\n"));

        assertThat(tmux.screen()).doesNotContain("typed-but-not-runconfig").doesNotContain("SESSION-ENDED");
        tmux.send("C-d");
        tmux.waitFor(screen -> screen.contains("SESSION-ENDED 0"));
    }

    @Test
    void ctrlCCancelsADownloadLeavesNoFileAndReturnsToThePrompt() throws Exception {
        tmux.send("cp s4://bucket/big.bin out.bin", "Enter");
        assertThat(node.transferStarted.await(Tmux.LIMIT.toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        tmux.waitFor(screen -> node.bytesMoved.get() > 0);

        tmux.send("C-c");

        tmux.waitFor(screen -> screen.contains("cancelled\n"));
        assertThat(node.clientHungUp.await(Tmux.LIMIT.toSeconds(), TimeUnit.SECONDS))
                .as("the client hung up")
                .isTrue();
        try (var left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("no partial file").isEmpty();
        }
        assertPromptIsBackAndTheSessionGoesOn();
    }

    @Test
    void ctrlCCancelsAnUpload() throws Exception {
        Path big = dir.resolve("work/big.bin");
        try (var file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(64L << 20);
        }
        tmux.send("cp big.bin s4://bucket/big.bin", "Enter");
        assertThat(node.transferStarted.await(Tmux.LIMIT.toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        tmux.waitFor(screen -> node.bytesMoved.get() > 0);

        tmux.send("C-c");

        tmux.waitFor(screen -> screen.contains("cancelled\n"));
        assertThat(node.clientHungUp.await(Tmux.LIMIT.toSeconds(), TimeUnit.SECONDS))
                .as("the client hung up")
                .isTrue();
        assertThat(node.bytesMoved.get())
                .as("the upload stopped before its end")
                .isLessThan(64L << 20);
        assertPromptIsBackAndTheSessionGoesOn();
    }

    private void assertPromptIsBackAndTheSessionGoesOn() throws Exception {
        tmux.send("config", "Enter");
        tmux.waitFor(screen -> screen.contains("127.0.0.1:" + node.port() + "\n"));
        assertThat(tmux.screen()).doesNotContain("SESSION-ENDED");
        tmux.send("exit", "Enter");
        tmux.waitFor(screen -> screen.contains("SESSION-ENDED 0"));
    }
}
