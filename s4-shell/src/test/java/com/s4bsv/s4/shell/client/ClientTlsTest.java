package com.s4bsv.s4.shell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTlsTest {

    @TempDir
    Path home;

    @Test
    void awsCaBundleWinsThenTheProfilesCaBundleThenTheJdk() throws Exception {
        Path config = Files.createDirectories(home.resolve(".aws")).resolve("config");
        Files.writeString(config, """
                [default]
                region = us-east-1
                ca_bundle = /etc/default-ca.pem
                [profile other]
                ca_bundle=/etc/other-ca.pem
                [profile none]
                region = eu-west-1
                """);
        assertThat(ClientTls.from(Map.of("AWS_CA_BUNDLE", "/x/ca.pem")::get, home)
                        .caBundle())
                .isEqualTo(Path.of("/x/ca.pem"));
        assertThat(ClientTls.from(Map.<String, String>of()::get, home).caBundle())
                .isEqualTo(Path.of("/etc/default-ca.pem"));
        assertThat(ClientTls.from(Map.of("AWS_PROFILE", "other")::get, home).caBundle())
                .isEqualTo(Path.of("/etc/other-ca.pem"));
        assertThat(ClientTls.from(Map.of("AWS_PROFILE", "none")::get, home).caBundle())
                .isNull();
        Path elsewhere = Files.writeString(home.resolve("cfg"), "[default]\nca_bundle = /y.pem\n");
        assertThat(ClientTls.from(Map.of("AWS_CONFIG_FILE", elsewhere.toString())::get, home)
                        .caBundle())
                .isEqualTo(Path.of("/y.pem"));
        assertThat(ClientTls.from(
                                Map.of(
                                        "AWS_CONFIG_FILE",
                                        home.resolve("missing").toString())::get,
                                home)
                        .context())
                .isNotNull();
    }

    @Test
    void aBundleThatIsNoCertificateIsOneClearFailure() throws Exception {
        Path bad = Files.writeString(home.resolve("bad.pem"), "not a certificate\n");
        assertThatThrownBy(() -> ClientTls.from(Map.of("AWS_CA_BUNDLE", bad.toString())::get, home)
                        .context())
                .isInstanceOf(S4ClientException.class)
                .hasMessageContaining("CA bundle " + bad)
                .hasMessageContaining("AWS_CA_BUNDLE");
        Path missing = home.resolve("missing.pem");
        assertThatThrownBy(() -> ClientTls.from(Map.of("AWS_CA_BUNDLE", missing.toString())::get, home)
                        .context())
                .isInstanceOf(S4ClientException.class)
                .hasMessageContaining(missing.toString());
    }
}
