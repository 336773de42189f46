package com.s4bsv.s4.shell.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.s4bsv.s4.shell.S4ShellApplication;
import com.s4bsv.s4.shell.cli.UsageException;
import com.s4bsv.s4.shell.client.S4ClientException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.exit.ExitStatusExceptionMapper;
import org.springframework.shell.test.ShellScreen;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.shell.test.autoconfigure.ShellTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The session's commands through Spring Shell's parser and registry, against a WireMock node. */
@ShellTest
@SpringBootTest(
        classes = S4ShellApplication.class,
        properties = {
            "spring.shell.interactive.enabled=false",
            "logging.level.org.springframework.shell.core.NonInteractiveShellRunner=off"
        })
class SessionCommandsTest {

    static final WireMockServer node =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @DynamicPropertySource
    static void conf(DynamicPropertyRegistry registry) throws IOException {
        node.start();
        Path conf = Files.createTempFile("s4-session-test", ".conf");
        conf.toFile().deleteOnExit();
        Files.writeString(conf, "127.0.0.1:" + node.port() + "\n");
        registry.add("s4.conf", conf::toString);
    }

    @AfterAll
    static void stop() {
        node.stop();
    }

    @Autowired
    ShellTestClient shell;

    @Autowired
    ExitStatusExceptionMapper s4ExitStatus;

    @BeforeEach
    void reset() {
        node.resetAll();
    }

    private static String listing(String keys, String prefixes) {
        var xml = new StringBuilder("<ListBucketResult>");
        for (String k : keys.split(",")) {
            if (!k.isEmpty()) {
                xml.append("<Contents><Key>")
                        .append(k)
                        .append("</Key><LastModified>2024-05-01T12:34:56.000Z"
                                + "</LastModified><Size>4</Size></Contents>");
            }
        }
        for (String p : prefixes.split(",")) {
            if (!p.isEmpty()) {
                xml.append("<CommonPrefixes><Prefix>").append(p).append("</Prefix></CommonPrefixes>");
            }
        }
        return xml.append("<IsTruncated>false</IsTruncated></ListBucketResult>").toString();
    }

    @Test
    void lsRecursiveParsesTheFlagBeforeThePrefix() throws Exception {
        node.stubFor(get(urlPathEqualTo("/bucket"))
                .withQueryParam("prefix", equalTo("listing"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(listing("listing/dir1/dir2/key2.txt,listing/dir1/key1.txt", ""))));

        ShellScreen screen = shell.sendCommand("ls -r s4://bucket/listing");

        assertThat(screen.lines())
                .containsExactly(
                        "2024-05-01 12:34:56Z 4 listing/dir1/dir2/key2.txt",
                        "2024-05-01 12:34:56Z 4 listing/dir1/key1.txt");
    }

    @Test
    void lsShowsPreRows() throws Exception {
        node.stubFor(get(urlPathEqualTo("/bucket"))
                .withQueryParam("prefix", equalTo("listing/dir1/"))
                .withQueryParam("delimiter", equalTo("/"))
                .willReturn(
                        aResponse().withStatus(200).withBody(listing("listing/dir1/key1.txt", "listing/dir1/dir2/"))));

        ShellScreen screen = shell.sendCommand("ls s4://bucket/listing/dir1/");

        assertThat(screen.lines()).containsExactly("  PRE dir2/", "2024-05-01 12:34:56Z 4 key1.txt");
    }

    @Test
    void quotedCommandsReachTheNodeAsOneArgument() throws Exception {
        node.stubFor(post(urlEqualTo("/_s4/eval"))
                .willReturn(aResponse().withStatus(200).withBody("ABC\n\n")));

        ShellScreen screen = shell.sendCommand("eval s4://bucket/file.txt 'tr a-z A-Z | sed \"s/x/y/\"'");

        assertThat(screen.lines()).containsExactly("ABC");
        node.verify(postRequestedFor(urlEqualTo("/_s4/eval"))
                .withRequestBody(
                        equalToJson("{\"key\":\"s4://bucket/file.txt\",\"cmd\":\"tr a-z A-Z | sed \\\"s/x/y/\\\"\"}")));
    }

    @Test
    void mapPrintsOkPerNodeThenANewline() throws Exception {
        node.stubFor(post(urlEqualTo("/_s4/map-to-n"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"type\":\"done\",\"node\":\"n\",\"keys\":1,\"outputs\":3}\n")));

        ShellScreen screen = shell.sendCommand("map-to-n s4://bucket/in/ s4://bucket/out/ \"cat > 0 && echo 0\"");

        assertThat(screen.lines()).containsExactly("ok ");
        node.verify(
                postRequestedFor(urlEqualTo("/_s4/map-to-n"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"indir\":\"s4://bucket/in/\",\"outdir\":\"s4://bucket/out/\",\"cmd\":\"cat > 0 && echo 0\"}")));
    }

    @Test
    void configListsTheNodes() throws Exception {
        assertThat(shell.sendCommand("config").lines()).containsExactly("127.0.0.1:" + node.port());
    }

    @Test
    void dashHIsTheCommandsLongHelpAsInOneShotRuns() throws Exception {
        ShellScreen screen = shell.sendCommand("map-to-n -h");

        assertThat(String.join("\n", screen.lines()))
                .contains(
                        "usage: s4 map-to-n INDIR OUTDIR CMD [-c conf]",
                        "cmd receives data via stdin, writes files to disk, and returns file paths via stdout.",
                        "they end with \"/\"",
                        "examples:",
                        "  s4 map-to-n s4://bucket/rows/ s4://bucket/parts/");
    }

    @Test
    void helpOfACommandListsItsOptions() throws Exception {
        ShellScreen screen = shell.sendCommand("help cp");

        assertThat(String.join("\n", screen.lines()))
                .contains("cp - copy data to or from s4", "--recursive or -r", "--conf or -c");
    }

    @Test
    void unknownFlagsAndWrongCountsAreUsageErrors() {
        assertThatThrownBy(() -> shell.sendCommand("ls --bogus s4://bucket/"))
                .isInstanceOf(UsageException.class)
                .hasMessage("flag provided but not defined: --bogus (usage: s4 ls [PREFIX] [-r] [-c conf])");
        assertThatThrownBy(() -> shell.sendCommand("cp s4://bucket/k"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("s4 cp takes 2 arguments, got 1");
    }

    @Test
    void failuresBecomeExitStatusOneWithTheFatalLine() throws Exception {
        shell.sendCommand("cp s4://a/x s4://b/y");

        ExitStatus status = s4ExitStatus.apply(
                new InvocationTargetException(new S4ClientException("there is no move, there is only cp and rm")));
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.description()).isEqualTo("there is no move, there is only cp and rm");
        assertThat(s4ExitStatus.apply(new UsageException("bad")).code()).isEqualTo(2);
    }

    @Test
    void anEmptyListingPrintsNothing() throws Exception {
        node.stubFor(get(urlPathEqualTo("/bucket"))
                .willReturn(aResponse().withStatus(200).withBody(listing("", ""))));

        assertThat(shell.sendCommand("ls s4://bucket/fake/").lines()).isEmpty();
    }
}
