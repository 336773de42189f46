package com.s4bsv.s4.server;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs external commands (aws, python3) for end-to-end tests, bounded in time. */
final class Commands {

    record Result(int exit, byte[] stdout, String stderr) {

        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + (stdout.length > 2000 ? stdout.length + " bytes" : out())
                    + "\nstderr: " + stderr;
        }
    }

    private Commands() {}

    static boolean available(String... probe) {
        try {
            return run(Path.of("."), Map.of(), null, 60, probe).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(Path dir, Map<String, String> env, byte[] stdin, long timeoutSeconds, String... command)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<byte[]> out = read(process.getInputStream());
        CompletableFuture<byte[]> err = read(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException closedEarly) {
            // the command did not read all of its input; its exit code tells
        }
        try {
            if (!process.waitFor(TestTimeouts.atLeastSeconds(timeoutSeconds), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within "
                        + TestTimeouts.atLeastSeconds(timeoutSeconds) + "s");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(e);
        }
    }

    private static CompletableFuture<byte[]> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
