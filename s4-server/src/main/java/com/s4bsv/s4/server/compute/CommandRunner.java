package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.server.storage.TempSpace;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs user commands as {@code bash -c 'set -euo pipefail; CMD'} with {@code LC_ALL=C}, at most
 * {@code max-cpu-jobs} at once. Each command leads its own process group (via {@code setsid}), so a timeout or a
 * cancelled job kills everything it started, not just bash. A command that is only a pipeline of bsv tools runs
 * {@link InProcess in-process} instead, in the same slot, files and timeout.
 */
final class CommandRunner {

    static final int STDERR_TAIL_BYTES = 4096;
    static final String PRELUDE = "set -euo pipefail\n";
    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
    private static final Duration TERM_GRACE = Duration.ofSeconds(1);

    private final Semaphore cpu;
    private final int cpuSlots;
    private final Duration timeout;
    private final boolean setsid;
    private final InProcess inProcess;

    CommandRunner(int cpuSlots, Duration timeout) {
        this(cpuSlots, timeout, InProcess.disabled());
    }

    CommandRunner(int cpuSlots, Duration timeout, InProcess inProcess) {
        this.inProcess = inProcess;
        this.cpu = new Semaphore(cpuSlots, true);
        this.cpuSlots = cpuSlots;
        this.timeout = timeout;
        this.setsid = Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"));
    }

    Duration timeout() {
        return timeout;
    }

    InProcess inProcess() {
        return inProcess;
    }

    int running() {
        return cpuSlots - cpu.availablePermits();
    }

    /** The whole bash script: nothing from the request but the command itself ends up in it. */
    static String script(String cmd) {
        return PRELUDE + cmd;
    }

    /** Waits for one of the {@code max-cpu-jobs} slots; hold it around preparing and running a command. */
    CpuSlot acquire() throws InterruptedException {
        cpu.acquire();
        return new CpuSlot();
    }

    /** Lays out a sandbox in the empty directory {@code dir}: work/, tmp/, the stdout and stderr files, stdin. */
    static Sandbox prepare(Path dir, Sandbox.Stdin stdin) throws IOException {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Map<String, String> env = new HashMap<>();
        env.put("TMPDIR", tmp.toString());
        Path input = switch (stdin) {
            case Sandbox.KeyFile k -> {
                env.put("filename", k.input().key().basename());
                yield k.input().file();
            }
            case Sandbox.PathList l -> {
                var list = new StringBuilder();
                for (StoredObject object : l.inputs()) {
                    list.append(object.file().toAbsolutePath()).append('\n');
                }
                yield Files.writeString(dir.resolve("inputs"), list, StandardCharsets.UTF_8);
            }
        };
        return new Sandbox(dir, work, input, dir.resolve("stdout"), dir.resolve("stderr"), Map.copyOf(env));
    }

    /** A command that ran in its own temp dir; closing removes the dir (and what the command left in it). */
    record Ran(TempSpace.Entry dir, Sandbox sandbox, CommandResult result) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            dir.close();
        }
    }

    /**
     * Waits for a cpu slot, then prepares a sandbox in a new temp dir and runs {@code cmd} there; the caller reads
     * the outputs and closes the answer. When the command cannot run at all, the dir is removed before this throws.
     */
    Ran runInTempDir(String cmd, TempSpace temp, Sandbox.Stdin stdin) throws IOException, InterruptedException {
        try (CpuSlot slot = acquire()) {
            TempSpace.Entry dir = temp.newDir();
            try {
                Sandbox sandbox = prepare(dir.path(), stdin);
                return new Ran(dir, sandbox, run(cmd, sandbox));
            } catch (IOException | InterruptedException | RuntimeException e) {
                dir.close();
                throw e;
            }
        }
    }

    /**
     * Runs {@code cmd} in the sandbox and waits for it (at most the timeout); the caller holds a {@link CpuSlot}.
     * Interrupting the caller kills the command's process group and rethrows.
     */
    CommandResult run(String cmd, Sandbox sandbox) throws IOException, InterruptedException {
        InProcess.Reservation pipeline = inProcess.reserve(cmd, sandbox);
        if (pipeline != null) {
            return inProcess.run(pipeline, sandbox, timeout);
        }
        List<String> argv = new ArrayList<>();
        if (setsid) {
            argv.add("setsid");
        }
        argv.addAll(List.of("bash", "-c", script(cmd)));
        ProcessBuilder builder =
                new ProcessBuilder(argv).directory(sandbox.work().toFile());
        Map<String, String> env = builder.environment();
        // A BASH_ENV from the server's environment would run before every command.
        env.remove("BASH_ENV");
        env.remove("ENV");
        env.put("LC_ALL", "C");
        env.putAll(sandbox.env());
        builder.redirectInput(
                sandbox.stdin() == null
                        ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                        : ProcessBuilder.Redirect.from(sandbox.stdin().toFile()));
        builder.redirectOutput(sandbox.stdout().toFile());
        builder.redirectError(sandbox.stderr().toFile());
        Process process = builder.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killGroup(process);
            throw e;
        }
        if (!finished) {
            killGroup(process);
            return new CommandResult(-1, true, stderrTail(sandbox.stderr()), false);
        }
        int exit = process.exitValue();
        return new CommandResult(exit, false, exit == 0 ? "" : stderrTail(sandbox.stderr()), false);
    }

    /** TERM to the group, a short grace, then KILL to whatever is left of it. */
    private void killGroup(Process process) {
        long pid = process.pid();
        if (setsid) {
            signalGroup("TERM", pid);
            try {
                process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            signalGroup("KILL", pid);
        } else {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void signalGroup(String signal, long pgid) {
        boolean interrupted = Thread.interrupted();
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            log.warn("cannot signal process group {}: {}", pgid, e.toString());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String stderrTail(Path stderr) {
        try (RandomAccessFile file = new RandomAccessFile(stderr.toFile(), "r")) {
            long length = file.length();
            int n = (int) Math.min(length, STDERR_TAIL_BYTES);
            byte[] tail = new byte[n];
            file.seek(length - n);
            file.readFully(tail);
            int start = 0;
            // Do not begin in the middle of a UTF-8 sequence.
            while (start < n && start < 4 && length > n && (tail[start] & 0xC0) == 0x80) {
                start++;
            }
            return new String(tail, start, n - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A held cpu slot; closing gives it back (once). */
    final class CpuSlot implements AutoCloseable {

        private boolean released;

        private CpuSlot() {}

        @Override
        public void close() {
            if (!released) {
                released = true;
                cpu.release();
            }
        }
    }
}
