package com.s4bsv.s4.server.reliability;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A small tmpfs as one node's data dir. As root it is mounted on the dir (and unmounted by {@link #close()});
 * otherwise the node runs in its own user and mount namespace ({@code unshare -Urm}) that mounts it first, so the
 * mount dies with the node, and the test sees the dir through {@code /proc/PID/root}. Never fills a real disk.
 */
final class SmallDisk implements AutoCloseable {

    enum Mode {
        MOUNT,
        NAMESPACE
    }

    private final Path dir;
    private final String size;
    private final Mode mode;
    private boolean mounted;

    private SmallDisk(Path dir, String size, Mode mode) {
        this.dir = dir;
        this.size = size;
        this.mode = mode;
    }

    /** A small disk on {@code dir}, or null with {@code why} filled in when this machine cannot make one. */
    static @Nullable SmallDisk on(Path dir, String size, StringBuilder why) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // -Ds4.faults.small-disk=namespace tries the unprivileged way even as root.
        if (!"namespace".equals(System.getProperty("s4.faults.small-disk")) && isRoot()) {
            Result mount = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
            if (mount.exit() == 0) {
                var disk = new SmallDisk(dir, size, Mode.MOUNT);
                disk.mounted = true;
                return disk;
            }
            why.append("mount -t tmpfs failed as root (")
                    .append(mount.output().strip())
                    .append("); ");
        }
        Path probe = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-probe"));
        Result unshare = run(
                "unshare",
                "-Urm",
                "sh",
                "-c",
                "mount -t tmpfs -o size=1m tmpfs \"$0\" && touch \"$0/x\"",
                probe.toString());
        Files.deleteIfExists(probe);
        if (unshare.exit() == 0) {
            return new SmallDisk(dir, size, Mode.NAMESPACE);
        }
        why.append("unshare -Urm cannot mount a tmpfs (")
                .append(unshare.output().strip())
                .append(")");
        return null;
    }

    Mode mode() {
        return mode;
    }

    /** The command that starts a node with this disk as its data dir. */
    List<String> wrap(List<String> command) {
        if (mode == Mode.MOUNT) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(
                "unshare",
                "-Urm",
                "sh",
                "-c",
                "mount -t tmpfs -o size=" + size + " tmpfs \"$0\" && exec \"$@\"",
                dir.toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Where the test sees the node's data dir. */
    Path view(ProcessHandle node) {
        return mode == Mode.MOUNT ? dir : Path.of("/proc/" + node.pid() + "/root" + dir.toAbsolutePath());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!mounted) {
            return;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            if (run("umount", dir.toString()).exit() == 0) {
                mounted = false;
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException("could not unmount the test tmpfs on " + dir);
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        return run("id", "-u").output().strip().equals("0");
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            return new Result(127, command[0] + ": " + missing.getMessage());
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(TestTimeouts.atLeastSeconds(20), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, command[0] + " timed out");
        }
        return new Result(p.exitValue(), output);
    }
}
