package com.s4bsv.s4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {

    @TempDir
    Path dir;

    @Test
    void parsesHostPortLinesInRingOrderSkippingBlanksAndComments() {
        var config = ClusterConfig.parse("# ring\n10.0.0.2:8080\n\n   \n10.0.0.1:8081 \n[::1]:9000\n", "x.conf");
        assertThat(config.nodes())
                .containsExactly(
                        new NodeAddress("10.0.0.2", 8080),
                        new NodeAddress("10.0.0.1", 8081),
                        new NodeAddress("::1", 9000));
        assertThat(config.toText()).isEqualTo("10.0.0.2:8080\n10.0.0.1:8081\n[::1]:9000\n");
    }

    @Test
    void anHttpsLineMakesATlsNodeAndWritesBackTheSame() {
        var config =
                ClusterConfig.parse("https://10.0.0.2:8443\nhttp://10.0.0.1:8080/\nHTTPS://[::1]:9000\n", "x.conf");
        assertThat(config.nodes())
                .containsExactly(
                        new NodeAddress("10.0.0.2", 8443, true),
                        new NodeAddress("10.0.0.1", 8080, false),
                        new NodeAddress("::1", 9000, true));
        assertThat(config.node(0).baseUri()).isEqualTo("https://10.0.0.2:8443");
        assertThat(config.node(1).baseUri()).isEqualTo("http://10.0.0.1:8080");
        assertThat(config.node(2).authority()).isEqualTo("[::1]:9000");
        assertThat(config.toText()).isEqualTo("https://10.0.0.2:8443\n10.0.0.1:8080\nhttps://[::1]:9000\n");
        assertThat(ClusterConfig.parse(config.toText(), "again").nodes()).isEqualTo(config.nodes());
    }

    @Test
    void rejectsOtherSchemesAndTheSameNodeUnderTwoSchemes() {
        assertThatThrownBy(() -> ClusterConfig.parse("ftp://a:1\n", "x.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.conf line 1: scheme must be http or https, got 'ftp://a:1'");
        assertThatThrownBy(() -> ClusterConfig.parse("a:1\nhttps://a:1\n", "x.conf"))
                .hasMessage("x.conf line 2: duplicate node https://a:1");
        assertThatThrownBy(() -> ClusterConfig.parse("https://a/x:1\n", "x.conf"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void rejectsBadLinesWithTheirLineNumber() {
        assertThatThrownBy(() -> ClusterConfig.parse("a:1\n\nlocalhost\n", "x.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.conf line 3: expected host:port, got 'localhost'");
        assertThatThrownBy(() -> ClusterConfig.parse("a:99999\n", "x.conf"))
                .hasMessage("x.conf line 1: bad port in 'a:99999' (expected 1-65535)");
        assertThatThrownBy(() -> ClusterConfig.parse("a:1:2\n", "x.conf"))
                .hasMessage("x.conf line 1: expected host:port, got 'a:1:2'");
        assertThatThrownBy(() -> ClusterConfig.parse("a b:1\n", "x.conf"))
                .hasMessage("x.conf line 1: bad host in 'a b:1'");
        assertThatThrownBy(() -> ClusterConfig.parse("a:1\na:1\n", "x.conf"))
                .hasMessage("x.conf line 2: duplicate node a:1");
        assertThatThrownBy(() -> ClusterConfig.parse("# only a comment\n", "x.conf"))
                .hasMessage("x.conf: no nodes (expected host:port lines)");
    }

    @Test
    void looksAtTheFlagThenS4ConfPathThenHomeThenTheEmbeddedDefault() throws Exception {
        Path flag = Files.writeString(dir.resolve("flag.conf"), "flag:1\n");
        Path env = Files.writeString(dir.resolve("env.conf"), "env:2\n");
        Path home = Files.createDirectories(dir.resolve("home"));

        assertThat(ClusterConfig.locate(flag, Map.of("S4_CONF_PATH", env.toString()), home)
                        .nodes())
                .containsExactly(new NodeAddress("flag", 1));
        assertThat(ClusterConfig.locate(null, Map.of("S4_CONF_PATH", env.toString()), home)
                        .nodes())
                .containsExactly(new NodeAddress("env", 2));
        assertThat(ClusterConfig.locate(null, Map.of("S4_CONF_PATH", ""), home).isEmbeddedDefault())
                .isTrue();

        Files.writeString(home.resolve(".s4.conf"), "home:3\n");
        assertThat(ClusterConfig.locate(null, Map.of(), home).nodes()).containsExactly(new NodeAddress("home", 3));
    }

    @Test
    void embeddedDefaultIsOneLocalNodeOnPort8080() {
        assertThat(ClusterConfig.embeddedDefault().nodes()).isEqualTo(List.of(new NodeAddress("127.0.0.1", 8080)));
    }

    @Test
    void aMissingFileIsOneClearLine() {
        assertThatThrownBy(() -> ClusterConfig.load(dir.resolve("nope.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read cluster config " + dir.resolve("nope.conf"))
                .hasMessageNotContaining("\n");
    }
}
