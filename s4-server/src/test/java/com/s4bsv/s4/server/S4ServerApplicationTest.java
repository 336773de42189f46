package com.s4bsv.s4.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S4ServerApplicationTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return S4ServerApplication.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errLines() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(run("-help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("usage: s4-server")
                .contains("--data-dir");
    }

    @Test
    void unknownFlagsAndMissingValuesAreUsageErrors() {
        assertThat(run("--nope")).isEqualTo(2);
        assertThat(errLines()).isEqualTo("s4-server: unknown flag '--nope' (see --help)\n");
        err.reset();
        assertThat(run("-port")).isEqualTo(2);
        assertThat(errLines().lines()).hasSize(1);
    }

    @Test
    void badConfigIsOneLineAndExit1(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("s4.conf");
        Files.writeString(conf, "127.0.0.1:8080\nnot a line\n");
        assertThat(run("-conf", conf.toString())).isEqualTo(1);
        assertThat(errLines().lines()).hasSize(1).allMatch(l -> l.contains("line 2"));
        err.reset();
        assertThat(run("--conf", dir.resolve("missing").toString())).isEqualTo(1);
        assertThat(errLines().lines()).hasSize(1).allMatch(l -> l.contains("cannot read cluster config"));
        err.reset();
        assertThat(run("--port", "notanumber")).isEqualTo(2);
        assertThat(errLines()).contains("--port needs a port");
        err.reset();
        assertThat(run("--max-io-jobs=0")).isEqualTo(2);
        assertThat(errLines()).contains("--max-io-jobs needs a positive number");
        err.reset();
        assertThat(run("--command-timeout", "soon")).isEqualTo(2);
        assertThat(errLines())
                .isEqualTo(
                        "s4-server: --command-timeout needs a positive duration such as 30s, 5m or PT1H, got 'soon'\n");
        err.reset();
        assertThat(run("--command-timeout=0s")).isEqualTo(2);
    }

    @Test
    void aNodeMissingFromAGivenConfigIsToldTheLineToAdd(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("s4.conf");
        Files.writeString(conf, "127.0.0.1:18501\n");
        assertThat(run("--conf", conf.toString(), "--port", "18500")).isEqualTo(1);
        assertThat(errLines().lines())
                .singleElement()
                .asString()
                .contains("not in the cluster config " + conf)
                .endsWith("add the line 127.0.0.1:18500 to " + conf
                        + ", or start a single local node with bin/s4-cluster 1 --port 18500");
        err.reset();
        assertThat(run("--conf", conf.toString(), "--port", "18500", "--bind", "127.0.0.3"))
                .isEqualTo(1);
        assertThat(errLines()).contains("add the line 127.0.0.3:18500 to " + conf);
    }

    @Test
    void helpSaysThatWithoutAConfigTheFlagsPlaceTheSingleNode() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("else none: a single local node")
                .contains("on --bind and --port");
    }

    @Test
    void portInUseIsOneLineAndExit1(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path conf = dir.resolve("s4.conf");
            Files.writeString(conf, "127.0.0.1:" + taken.getLocalPort() + "\n");
            assertThat(run(
                            "--conf",
                            conf.toString(),
                            "--data-dir",
                            dir.resolve("data").toString()))
                    .isEqualTo(1);
            assertThat(errLines().lines())
                    .hasSize(1)
                    .allMatch(l -> l.contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()));
        }
    }

    @Test
    void allNodesChecksEveryNodeBeforeStartingAnyAndNamesTheOneThatCannotStart(@TempDir Path dir) throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path conf = dir.resolve("s4.conf");
            Files.writeString(conf, "127.0.0.1:" + free.getLocalPort() + "\n127.0.0.1:" + taken.getLocalPort() + "\n");
            free.close();
            assertThat(run("--conf", conf.toString(), "--all-nodes", "--data-dir", dir.toString()))
                    .isEqualTo(1);
            assertThat(errLines().lines())
                    .singleElement()
                    .asString()
                    .startsWith("s4-server: node 1 (127.0.0.1:" + taken.getLocalPort() + "): cannot listen on ");
            assertThat(dir.resolve("node-0")).as("no node started").doesNotExist();
        }
    }

    @Test
    void allNodesServesOnlyAConfigWhoseNodesAreAllOnThisMachine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("s4.conf");
        // TEST-NET-1 (RFC 5737): never an address of this machine
        Files.writeString(conf, "127.0.0.1:18500\n192.0.2.1:18500\n");
        assertThat(run("--conf", conf.toString(), "--all-nodes")).isEqualTo(1);
        assertThat(errLines())
                .isEqualTo("s4-server: --all-nodes serves every node of " + conf
                        + " in this JVM, but 192.0.2.1:18500 is not an address of this machine\n");
        err.reset();
        assertThat(run("--all-nodes", "--port", "18500")).isEqualTo(2);
        assertThat(errLines())
                .isEqualTo("s4-server: --all-nodes serves every node of the config at its own address and port:"
                        + " drop --port (see --help)\n");
    }

    @Test
    void aTlsCertificateThatCannotBeReadIsOneLineNamingItAndExit1(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path cert = Files.writeString(dir.resolve("node.pem"), "not a certificate\n");
        Path key = Files.writeString(dir.resolve("node.key"), "not a key\n");
        assertThat(run(
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--tls-cert",
                        cert.toString(),
                        "--tls-key",
                        key.toString()))
                .isEqualTo(1);
        assertThat(errLines().lines())
                .hasSize(1)
                .allMatch(l -> l.startsWith("s4-server: cannot load --tls-cert " + cert));
    }
}
