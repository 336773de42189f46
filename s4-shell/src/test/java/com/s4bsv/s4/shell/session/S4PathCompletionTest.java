package com.s4bsv.s4.shell.session;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.shell.client.S4Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.shell.core.command.completion.CompletionProposal;

class S4PathCompletionTest {

    @RegisterExtension
    static WireMockExtension node = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private S4Client client() {
        return new S4Client(ClusterConfig.parse("127.0.0.1:" + node.getPort() + "\n", "test"));
    }

    @Test
    void completesBucketNames() {
        node.stubFor(get(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(
                                "<ListAllMyBucketsResult><Buckets><Bucket><Name>bucket</Name></Bucket><Bucket><Name>other</Name>"
                                        + "</Bucket></Buckets></ListAllMyBucketsResult>")));

        assertThat(S4PathCompletion.propose(client(), "s4://b"))
                .extracting(CompletionProposal::value)
                .containsExactly("s4://bucket/");
    }

    @Test
    void completesOneFolderLevelAtATime() {
        node.stubFor(get(urlPathEqualTo("/bucket"))
                .withQueryParam("prefix", equalTo("dir/k"))
                .withQueryParam("delimiter", equalTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("<ListBucketResult><Contents><Key>dir/key1.txt</Key>"
                                + "<Size>1</Size></Contents><CommonPrefixes><Prefix>dir/keys/</Prefix></CommonPrefixes>"
                                + "<IsTruncated>false</IsTruncated></ListBucketResult>")));

        var proposals = S4PathCompletion.propose(client(), "s4://bucket/dir/k");

        assertThat(proposals)
                .extracting(CompletionProposal::value)
                .containsExactly("s4://bucket/dir/key1.txt", "s4://bucket/dir/keys/");
        assertThat(proposals).extracting(CompletionProposal::complete).containsExactly(true, false);
    }

    @Test
    void otherWordsCompleteAsLocalPaths(@TempDir Path cwd) throws IOException {
        Files.createDirectories(cwd.resolve("data/deep"));
        Files.writeString(cwd.resolve("data/rows.csv"), "x");
        Files.writeString(cwd.resolve("data/.hidden"), "x");
        Files.writeString(cwd.resolve("other.txt"), "x");

        assertThat(S4PathCompletion.local(cwd, "da"))
                .extracting(CompletionProposal::value)
                .containsExactly("data/");
        var inside = S4PathCompletion.local(cwd, "data/");
        assertThat(inside).extracting(CompletionProposal::value).containsExactly("data/deep/", "data/rows.csv");
        assertThat(inside).extracting(CompletionProposal::complete).containsExactly(false, true);
        assertThat(S4PathCompletion.local(cwd, "missing/x")).isEmpty();
    }
}
