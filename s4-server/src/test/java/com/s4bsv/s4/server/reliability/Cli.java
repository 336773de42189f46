package com.s4bsv.s4.server.reliability;

import com.s4bsv.s4.sigv4.Credentials;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command line run to its end (aws CLI, python3 with boto3, bin/s4), with the given AWS credentials (dummy ones
 * for nodes without keys) and no retries.
 */
record Cli(int exit, String out, String err) {

    static boolean hasAws(Path work) throws InterruptedException {
        return run(work, List.of("aws", "--version")).exit() == 0;
    }

    static boolean hasBoto3(Path work) throws InterruptedException {
        return run(work, List.of("python3", "-c", "import boto3")).exit() == 0;
    }

    static final Credentials ANONYMOUS = new Credentials("s4", "s4");

    static Cli run(Path work, List<String> command) throws InterruptedException {
        return run(work, ANONYMOUS, command);
    }

    static Cli run(Path work, Credentials credentials, List<String> command) throws InterruptedException {
        return run(work, credentials, command, new byte[0]);
    }

    static Cli run(Path work, Credentials credentials, List<String> command, byte[] stdin) throws InterruptedException {
        try {
            var builder = new ProcessBuilder(command).directory(work.toFile());
            builder.environment().put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            builder.environment().put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
            builder.environment().put("AWS_MAX_ATTEMPTS", "1");
            builder.environment()
                    .put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
            builder.environment()
                    .put(
                            "AWS_SHARED_CREDENTIALS_FILE",
                            work.resolve("no-aws-credentials").toString());
            Process p = builder.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes());
                } catch (IOException e) {
                    return e.toString();
                }
            });
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes());
                } catch (IOException e) {
                    return e.toString();
                }
            });
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException notRead) {
                // the command may not read its stdin
            }
            if (!p.waitFor(TestTimeouts.atLeastSeconds(120), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in 120 s");
            }
            return new Cli(p.exitValue(), out.join(), err.join());
        } catch (IOException missing) {
            return new Cli(127, "", missing.toString());
        }
    }
}
