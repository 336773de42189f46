package com.s4bsv.s4.shell.it;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/s4} launcher in a working folder with the cluster's conf and key, as a user's script
 * would.
 */
final class S4Process {

    record Result(int code, byte[] out, String err) {
        String stdout() {
            return new String(out, StandardCharsets.UTF_8);
        }

        /** Output lines with trailing whitespace stripped, as spec 10.1 compares them. */
        List<String> lines() {
            String text = stdout().strip();
            return text.isEmpty()
                    ? List.of()
                    : text.lines().map(String::stripTrailing).toList();
        }

        /**
         * The name column of every ls row, kept as printed: everything after date, time and size, or after
         * {@code PRE} (a key may hold spaces, even leading and trailing ones, so this is not awk's {@code $NF}).
         */
        List<String> lastColumn() {
            return stdout().lines()
                    .filter(l -> !l.isEmpty())
                    .map(l -> l.startsWith("  PRE ") ? l.substring(6) : l.split(" ", 4)[3])
                    .toList();
        }

        @Override
        public String toString() {
            return "exit " + code + ", stdout [" + stdout() + "], stderr [" + err + "]";
        }
    }

    private S4Process() {}

    static Result run(Path cwd, String... args) {
        return run(cwd, new byte[0], args);
    }

    static Result run(Path cwd, byte[] stdin, String... args) {
        return run(cwd, Map.of(), stdin, args);
    }

    /**
     * With {@code env} over the cluster's environment (its S4_CONF_PATH and credentials): another cluster, other
     * keys.
     */
    static Result run(Path cwd, Map<String, String> env, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(LocalCluster.repoRoot().resolve("bin/s4").toString());
        command.addAll(List.of(args));
        try {
            var builder = new ProcessBuilder(command).directory(cwd.toFile());
            if (LocalCluster.started()) {
                builder.environment().put("S4_CONF_PATH", LocalCluster.conf().toString());
                builder.environment().putAll(LocalCluster.awsEnv());
            }
            builder.environment().putAll(env);
            // a node slow to answer on a busy machine is still up: wait for it as long as for anything else
            builder.environment()
                    .putIfAbsent(
                            "S4_HEALTH_TIMEOUT",
                            TestTimeouts.atLeast(Duration.ofSeconds(30)).toSeconds() + "s");
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // the command may not read its stdin
            }
            if (!process.waitFor(TestTimeouts.atLeastSeconds(120), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("s4 " + String.join(" ", args) + " did not finish in "
                        + TestTimeouts.atLeastSeconds(120) + " s");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
