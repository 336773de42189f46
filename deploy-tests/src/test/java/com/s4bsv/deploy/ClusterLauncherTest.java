package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bin/s4-cluster's refusals, which come before any node starts, and its help against docs/operations.md. */
class ClusterLauncherTest {

    private static final Path LAUNCHER = Repo.file("bin/s4-cluster");

    @TempDir
    Path work;

    private Command.Result launch(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = LAUNCHER.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return Command.run(work, Duration.ofSeconds(60), command);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|N must be 1-64, got 0",
                "65|N must be 1-64, got 65",
                "three|N must be a number, got 'three'",
                "3 --bogus|unknown flag '--bogus'",
                "3 --port|--port needs a value",
                "3 --port x|--port needs a number, got 'x'",
                "3 --port 65534|ports 65534..65536 are not all in 1-65535",
                "3 --ips --port 0|--port must be 1-65535, got 0"
            })
    void badUsageIsOneLineAndExit2(String args, String message) {
        Command.Result result = launch(args.split(" "));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().toList()).containsExactly("s4-cluster: " + message + " (see --help)");
        assertThat(work.resolve("s4_cluster")).doesNotExist();
    }

    @Test
    void refusesAPortInUseBeforeStartingAnything() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Command.Result result = launch("1", "--port", String.valueOf(port), "--dir", "c");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("127.0.0.1:" + port + " is already in use");
            assertThat(work.resolve("c/s4.conf")).doesNotExist();
        }
    }

    @Test
    void refusesAFolderThatHoldsAnotherClustersData() throws IOException {
        Path dir = Files.createDirectories(work.resolve("old"));
        Files.writeString(dir.resolve("s4.conf"), "127.0.0.1:9000\n127.0.0.1:9001\n");
        Command.Result result = launch("3", "--port", String.valueOf(Node.freePorts(3)), "--dir", "old");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("holds a different cluster", "remove it or pick another --dir");
        assertThat(Files.readString(dir.resolve("s4.conf"))).isEqualTo("127.0.0.1:9000\n127.0.0.1:9001\n");
    }

    @Test
    void helpAndOperationsGuideNameTheSameOptions() {
        Command.Result help = launch("--help");
        assertThat(help.exitCode()).isZero();
        String guide = Repo.read(Repo.file("docs/operations.md"));
        Matcher usage = Pattern.compile("usage: s4-cluster .*").matcher(help.out());
        assertThat(usage.find()).isTrue();
        assertThat(guide).contains(usage.group().replace("usage: ", "bin/"));
        for (String option : List.of(
                "--port P",
                "--ips",
                "--tls",
                "--jvm-per-node",
                "--dir DIR",
                "S4_CLUSTER_START_TIMEOUT",
                "S4_JAVA_OPTS")) {
            assertThat(help.out()).contains(option);
            assertThat(guide).contains(option);
        }
        assertThat(Repo.read(Repo.file("README.md"))).contains("bin/s4-cluster 3", "docs/operations.md");
    }
}
