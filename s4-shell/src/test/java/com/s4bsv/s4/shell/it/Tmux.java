package com.s4bsv.s4.shell.it;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A terminal for the interactive session: one detached tmux session, driven by send-keys and read by capture-pane. It
 * runs on a tmux server of its own ({@code -L}), so other tmux users on the machine cannot end it.
 */
final class Tmux implements AutoCloseable {

    /** Every wait on the screen: the test start timeout, as the session starts slowly on a busy machine. */
    static final Duration LIMIT = TestTimeouts.start();

    private final String name;

    private Tmux(String name) {
        this.name = name;
    }

    static boolean works() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs {@code command} in a new 200x50 session in {@code cwd}; the pane stays open a minute after it ends. */
    static Tmux start(String name, Path cwd, String command) throws Exception {
        run(
                name,
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                "200",
                "-y",
                "50",
                "-c",
                cwd.toString(),
                command + "; echo SESSION-ENDED $?; sleep 60");
        return new Tmux(name);
    }

    /** The s4 session with {@code conf}; its history goes under {@code home}, never into the real home. */
    static Tmux s4(String name, Path cwd, Path conf, Path home) throws Exception {
        return s4(name, cwd, conf, home, Map.of());
    }

    /** As {@link #s4(String, Path, Path, Path)}, with {@code env} too (e.g. the cluster's AWS credentials). */
    static Tmux s4(String name, Path cwd, Path conf, Path home, Map<String, String> env) throws Exception {
        var vars = new StringBuilder();
        env.forEach((k, v) -> vars.append(k).append('=').append(v).append(' '));
        return start(
                name,
                cwd,
                "env S4_CONF_PATH=" + conf + " HOME=" + home + " XDG_CONFIG_HOME=" + home.resolve(".config") + " "
                        + vars + LocalCluster.repoRoot().resolve("bin/s4"));
    }

    void send(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", name));
        args.addAll(List.of(keys));
        run(name, args.toArray(String[]::new));
    }

    String screen() throws Exception {
        return run(name, "capture-pane", "-p", "-t", name, "-S", "-100");
    }

    void waitFor(Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = screen();
            if (condition.test(screen)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("screen did not show what was expected within " + LIMIT + ":\n" + screen);
    }

    @Override
    public void close() throws Exception {
        run(name, "kill-server");
    }

    private static String run(String server, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("tmux", "-L", server));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }
}
