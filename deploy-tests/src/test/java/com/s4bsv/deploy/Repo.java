package com.s4bsv.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Where the files under test are: the repo root ({@code s4.repo.root}, set by the root pom) and the tree whose
 * s4-server is used ({@code s4.server.root}, default the repo root; point it at another clone to test these files
 * against a server built elsewhere).
 */
final class Repo {

    private Repo() {}

    static Path root() {
        String root = System.getProperty("s4.repo.root");
        if (root == null || root.isBlank()) {
            // Run outside Maven: the module folder is the working directory.
            return Path.of("..").toAbsolutePath().normalize();
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static Path serverRoot() {
        String root = System.getProperty("s4.server.root");
        return root == null || root.isBlank()
                ? root()
                : Path.of(root).toAbsolutePath().normalize();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path serverDefaults() {
        return serverRoot().resolve("s4-server/src/main/resources/application.yaml");
    }

    /** The server's built-in settings; skips the test while s4-server is not the real server yet. */
    static Path requireServerDefaults() {
        Path file = serverDefaults();
        assumeTrue(
                Files.isRegularFile(file) && read(file).contains("/_s4/actuator"),
                "skipped: " + file
                        + " is missing or has no Actuator under /_s4/actuator (s4-server not built out yet)");
        return file;
    }

    static Path serverJar() {
        return serverRoot().resolve("s4-server/target/s4-server.jar");
    }

    /**
     * The built server jar; skips the test when it is missing or is not the real server (a Spring Boot jar whose
     * settings put Actuator under /_s4/actuator).
     */
    static Path requireServerJar() {
        Path jar = serverJar();
        assumeTrue(
                Files.isRegularFile(jar),
                "skipped: " + jar + " is missing; build it first: ./mvnw -B -DskipTests -pl s4-server -am package");
        assumeTrue(
                isRealServer(jar),
                "skipped: " + jar
                        + " is not the real s4 server yet (no BOOT-INF/classes/application.yaml with /_s4/actuator)");
        return jar;
    }

    private static boolean isRealServer(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry("BOOT-INF/classes/application.yaml");
            if (entry == null) {
                return false;
            }
            try (InputStream in = file.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("/_s4/actuator");
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code bin/s4-cluster}'s own start timeout, as long as the tests' ({@link TestTimeouts#start()}). */
    static ProcessBuilder withStartTimeout(ProcessBuilder builder) {
        builder.environment()
                .put(
                        "S4_CLUSTER_START_TIMEOUT",
                        String.valueOf(TestTimeouts.start().toSeconds()));
        return builder;
    }
}
