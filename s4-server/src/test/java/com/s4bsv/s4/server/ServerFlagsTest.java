package com.s4bsv.s4.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFlagsTest {

    @Test
    void givenFlagsBecomeSpringPropertiesAndTheRestKeepTheirDefaults() throws Exception {
        ServerFlags flags = ServerFlags.parse(
                new String[] {"-data-dir", "/d", "--max-cpu-jobs=3", "--command-timeout", "30s", "--spring.x=1"});
        assertThat(flags.springArgs(9000, "127.0.0.2", 1))
                .containsExactly(
                        "--server.port=9000",
                        "--server.address=127.0.0.2",
                        "--s4.cluster.self-index=1",
                        "--s4.cluster.conf=",
                        "--s4.storage.data-dir=/d",
                        "--s4.compute.max-cpu-jobs=3",
                        "--s4.compute.command-timeout=PT30S",
                        "--spring.x=1");
        assertThat(ServerFlags.parse(new String[0]).springArgs(8080, "127.0.0.1", 0))
                .noneMatch(arg -> arg.startsWith("--s4.storage") || arg.startsWith("--s4.compute"));
    }

    @Test
    void aNodeOfSeveralInOneJvmGetsItsOwnDataFolderAndTheSharedDefaultsTheFlagsDoNotSet() throws Exception {
        ServerFlags flags = ServerFlags.parse(
                new String[] {"--all-nodes", "--data-dir", "/d", "--s4.compute.in-process-memory=1GB"});
        assertThat(flags.allNodes()).isTrue();
        assertThat(flags.springArgs(
                        9001,
                        "127.0.0.1",
                        1,
                        "/d/node-1/s4_data",
                        List.of("--s4.compute.in-process-memory=5B", "--s4.x=1")))
                .containsExactly(
                        "--server.port=9001",
                        "--server.address=127.0.0.1",
                        "--s4.cluster.self-index=1",
                        "--s4.cluster.conf=",
                        "--s4.storage.data-dir=/d/node-1/s4_data",
                        "--s4.compute.in-process-memory=1GB",
                        "--s4.x=1");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--all-nodes", "--bind", "127.0.0.2"}))
                .isInstanceOf(ServerFlags.UsageException.class)
                .hasMessageContaining("drop --bind");
    }

    @Test
    void keysFileAndAllowAnonymousBecomeAuthProperties() throws Exception {
        ServerFlags flags = ServerFlags.parse(new String[] {"--keys-file", "/k", "--allow-anonymous"});
        assertThat(flags.springArgs(1, "a", 0)).contains("--s4.auth.keys-file=/k", "--s4.auth.allow-anonymous=true");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--allow-anonymous=yes"}))
                .isInstanceOf(ServerFlags.UsageException.class);
    }

    @Test
    void tlsFlagsBecomeTlsProperties() throws Exception {
        ServerFlags flags =
                ServerFlags.parse(new String[] {"--tls-cert", "/c.pem", "-tls-key=/k.pem", "--tls-ca", "/ca.pem"});
        assertThat(flags.springArgs(1, "a", 0))
                .contains("--s4.tls.cert=/c.pem", "--s4.tls.key=/k.pem", "--s4.tls.ca=/ca.pem");
        assertThat(ServerFlags.parse(new String[0]).springArgs(1, "a", 0)).noneMatch(a -> a.startsWith("--s4.tls"));
    }

    @Test
    void helpWinsOverWhatFollowsButNotOverAnEarlierUnknownFlag() throws Exception {
        assertThat(ServerFlags.parse(new String[] {"--port", "x", "-h"}).help()).isTrue();
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--nope", "--help"}))
                .isInstanceOf(ServerFlags.UsageException.class)
                .hasMessageContaining("unknown flag '--nope'");
    }

    @Test
    void aPortOfZeroOrNoneLeavesThePortToTheConfig() throws Exception {
        assertThat(ServerFlags.parse(new String[] {"--port", "18500"}).namedPort())
                .isEqualTo(18500);
        assertThat(ServerFlags.parse(new String[] {"-port=0"}).namedPort()).isNull();
        assertThat(ServerFlags.parse(new String[] {"--bind", "127.0.0.2"}).namedPort())
                .isNull();
    }

    @Test
    void valuesAreCheckedAfterAllFlagsAreRead() {
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--max-io-jobs=0"}))
                .hasMessage("--max-io-jobs needs a positive number, got '0'");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--port", "70000"}))
                .hasMessage("--port needs a port 0-65535, got '70000'");
    }
}
