package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/s4-server.yaml, passed with --spring.config.additional-location as docs/operations.md says, is what a node reads. */
class ServerSettingsIT {

    private static final Duration START = TestTimeouts.atLeast(Duration.ofMinutes(3));

    @TempDir
    Path work;

    @Test
    void aCopyOfTheSettingsFileWithOneChangeIsAppliedByTheNode() throws Exception {
        Path jar = Repo.requireServerJar();
        // The documented way to change a setting: copy the file, edit one value. Here: turn on the access log.
        String settings = Repo.read(Repo.file("config/s4-server.yaml"));
        assertThat(settings).contains("    s4.access: warn\n");
        Path copy = work.resolve("s4-server.yaml");
        Files.writeString(copy, settings.replace("    s4.access: warn\n", "    s4.access: info\n"));

        int port = Node.freePorts(1);
        Path log = work.resolve("server.log");
        Process node = start(jar, port, log, "--spring.config.additional-location=file:" + copy);
        try {
            awaitReady(node, port, log);
            assertThat(Node.get(port, "/no-such-bucket-here").status()).isEqualTo(404);
            assertThat(Node.get(port, "/_s4/actuator/prometheus").body()).contains("s4_requests_seconds_count");
            awaitLogLine(log, "GET /no-such-bucket-here");
        } finally {
            stop(node);
        }
    }

    @Test
    void aBadValueInTheSettingsFileStopsTheNodeWithOneLine() throws Exception {
        Path jar = Repo.requireServerJar();
        String settings = Repo.read(Repo.file("config/s4-server.yaml"));
        assertThat(settings).contains("    max-io-jobs: 0\n");
        Path copy = work.resolve("s4-server.yaml");
        Files.writeString(copy, settings.replace("    max-io-jobs: 0\n", "    max-io-jobs: -3\n"));

        int port = Node.freePorts(1);
        Path log = work.resolve("server.log");
        Process node = start(jar, port, log, "--spring.config.additional-location=file:" + copy);
        try {
            assertThat(node.waitFor(START.toSeconds(), TimeUnit.SECONDS))
                    .as("node exits")
                    .isTrue();
            assertThat(node.exitValue()).isNotZero();
            assertThat(Repo.read(log)).contains("max-io-jobs").contains("-3");
            assertThat(Node.portFree(port)).isTrue();
        } finally {
            stop(node);
        }
    }

    @Test
    void withNoConfigAPortAloneStartsASingleLocalNodeThere() throws Exception {
        Path jar = Repo.requireServerJar();
        int port = Node.freePorts(1);
        Path log = work.resolve("server.log");
        // No --conf, no S4_CONF_PATH and a home without .s4.conf: nothing but the flag says where the node is.
        Path home = Files.createDirectory(work.resolve("home"));
        ProcessBuilder builder = new ProcessBuilder(
                java(), "-Duser.home=" + home, "-jar", jar.toString(), "--port", String.valueOf(port));
        builder.environment().remove("S4_CONF_PATH");
        builder.environment().put("HOME", home.toString());
        Process node = builder.directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            awaitReady(node, port, log);
            Node.Answer health = Node.get(port, "/_s4/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"").contains("\"self\":\"127.0.0.1:" + port + "\"");
            assertThat(work.resolve("s4_data")).isDirectory();
        } finally {
            stop(node);
        }
    }

    private Process start(Path jar, int port, Path log, String... extra) throws IOException {
        Path conf = work.resolve("s4.conf");
        Files.writeString(conf, "127.0.0.1:" + port + "\n");
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-jar",
                jar.toString(),
                "--port",
                String.valueOf(port),
                "--conf",
                conf.toString(),
                "--data-dir",
                work.resolve("data").toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitReady(Process node, int port, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (Node.get(port, "/_s4/actuator/health/readiness").status() != 200) {
            if (!node.isAlive() || System.nanoTime() > deadline) {
                fail("node on port " + port + " not ready:\n" + Repo.read(log));
            }
            Thread.sleep(200);
        }
    }

    private static void awaitLogLine(Path log, String text) throws InterruptedException {
        long deadline =
                System.nanoTime() + TestTimeouts.atLeast(Duration.ofSeconds(20)).toNanos();
        while (!Repo.read(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("no access log line '" + text + "' with s4.access: info:\n" + Repo.read(log));
            }
            Thread.sleep(100);
        }
    }

    private static void stop(Process node) throws InterruptedException {
        node.destroy();
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor();
        }
    }
}
