package com.s4bsv.s4.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code s4-server --all-nodes}: a whole local cluster in one real JVM, as {@code bin/s4-cluster} starts it. */
class AllNodesIT {

    private static final int NODES = 3;

    @TempDir
    Path work;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyNodeServesItsOwnKeysFromItsOwnFolderAndOneSigtermStopsThemAll() throws Exception {
        int[] ports = S4Nodes.freePorts(NODES);
        Path conf = writeConf(ports);
        Process jvm = start(conf);
        try {
            for (int port : ports) {
                awaitReady(jvm, port);
            }
            send(HttpRequest.newBuilder(uri(ports[0], "/bkt")).PUT(HttpRequest.BodyPublishers.noBody()));
            for (int k = 0; k < 12; k++) {
                send(HttpRequest.newBuilder(uri(ports[k % NODES], "/bkt/key" + k))
                        .PUT(HttpRequest.BodyPublishers.ofString("value " + k)));
            }
            int[] perNode = new int[NODES];
            for (int k = 0; k < 12; k++) {
                assertThat(send(HttpRequest.newBuilder(uri(ports[(k + 1) % NODES], "/bkt/key" + k))
                                        .GET())
                                .body())
                        .isEqualTo("value " + k);
                int holders = 0;
                for (int i = 0; i < NODES; i++) {
                    if (Files.isRegularFile(work.resolve("node-" + i + "/s4_data/bkt/key" + k))) {
                        holders++;
                        perNode[i]++;
                    }
                }
                assertThat(holders).as("nodes holding key%d", k).isEqualTo(1);
            }
            assertThat(perNode).as("keys per node").doesNotContain(0);
            String log = Files.readString(work.resolve("log"));
            for (int i = 0; i < NODES; i++) {
                assertThat(log)
                        .contains("[         node-" + i + "]")
                        .contains("s4-server 127.0.0.1:" + ports[i] + " listening on http://127.0.0.1:" + ports[i]
                                + ", node " + i + " of " + NODES);
            }

            jvm.destroy(); // SIGTERM
            assertThat(jvm.waitFor(TestTimeouts.atLeastSeconds(60), TimeUnit.SECONDS))
                    .as("the JVM exits after SIGTERM")
                    .isTrue();
            for (int port : ports) {
                try (var socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                }
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void aNodeThatFailsWhileTheOthersStartEndsTheJvmWithOneLineNamingIt() throws Exception {
        int[] ports = S4Nodes.freePorts(NODES);
        Path conf = writeConf(ports);
        // node 1's data folder cannot be made: a file stands where its folder would be
        Files.writeString(work.resolve("node-1"), "not a folder\n");
        Process jvm = start(conf);
        try {
            assertThat(jvm.waitFor(TestTimeouts.start().toSeconds(), TimeUnit.SECONDS))
                    .as("the JVM exits")
                    .isTrue();
            assertThat(jvm.exitValue()).isEqualTo(1);
            String log = Files.readString(work.resolve("log"));
            assertThat(log.lines().filter(l -> l.startsWith("s4-server: ")))
                    .singleElement()
                    .asString()
                    .startsWith("s4-server: node 1 (127.0.0.1:" + ports[1] + "): ")
                    .contains(work.resolve("node-1").toString());
            for (int port : ports) {
                try (var socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                }
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    private Path writeConf(int[] ports) throws IOException {
        var lines = new StringBuilder();
        for (int port : ports) {
            lines.append("127.0.0.1:").append(port).append('\n');
        }
        return Files.writeString(work.resolve("s4.conf"), lines);
    }

    private Process start(Path conf) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                S4Nodes.java(),
                "-XX:+UseSerialGC",
                "-jar",
                S4Nodes.jar().toString(),
                "--conf",
                conf.toString(),
                "--all-nodes",
                "--data-dir",
                work.toString()));
        return new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("log").toFile())
                .start();
    }

    private void awaitReady(Process jvm, int port) throws IOException {
        S4Nodes.awaitReady(http, jvm, uri(port, ""), work.resolve("log"), "port " + port);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s", response.request()).isEqualTo(200);
        return response;
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
