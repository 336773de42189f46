package com.s4bsv.s4.shell.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.placement.Placement;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls that involve every node: merged listings, compute jobs, eval on the owner. */
class ClusterCallsTest {

    @RegisterExtension
    static WireMockExtension a = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension b = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private S4Client client() {
        return new S4Client(
                ClusterConfig.parse("127.0.0.1:" + a.getPort() + "\n127.0.0.1:" + b.getPort() + "\n", "test"));
    }

    static String page(List<String> keys, List<String> prefixes, String next) {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>bucket</Name>");
        for (String k : keys) {
            xml.append("<Contents><Key>")
                    .append(k.replace("&", "&amp;"))
                    .append("</Key>")
                    .append("<LastModified>2024-05-01T12:34:56.789Z</LastModified><Size>")
                    .append(k.length())
                    .append("</Size></Contents>");
        }
        for (String p : prefixes) {
            xml.append("<CommonPrefixes><Prefix>").append(p).append("</Prefix></CommonPrefixes>");
        }
        xml.append("<IsTruncated>").append(!next.isEmpty()).append("</IsTruncated>");
        if (!next.isEmpty()) {
            xml.append("<NextContinuationToken>").append(next).append("</NextContinuationToken>");
        }
        return xml.append("</ListBucketResult>").toString();
    }

    @Test
    void listingMergesEveryNodeInKeyOrderFollowingPages() {
        a.stubFor(get(urlPathEqualTo("/bucket"))
                .withQueryParam("continuation-token", equalTo("t1"))
                .willReturn(aResponse().withStatus(200).withBody(page(List.of("d/4", "d/6"), List.of("d/x/"), ""))));
        a.stubFor(get(urlPathEqualTo("/bucket"))
                .withQueryParam("prefix", equalTo("d/"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody(page(List.of("d/1", "d/3"), List.of(), "t1"))));
        b.stubFor(get(urlPathEqualTo("/bucket"))
                .willReturn(aResponse().withStatus(200).withBody(page(List.of("d/2", "d/a&b"), List.of("d/x/"), ""))));

        Iterator<ObjectEntry> it = client().list("bucket", "d/", true);
        List<String> paths = new ArrayList<>();
        it.forEachRemaining(e -> paths.add((e.isPrefix() ? "PRE " : "") + e.path()));

        assertThat(paths).containsExactly("d/1", "d/2", "d/3", "d/4", "d/6", "d/a&b", "PRE d/x/");
        a.verify(getRequestedFor(urlPathEqualTo("/bucket"))
                .withHeader("x-s4-local", equalTo("1"))
                .withQueryParam("list-type", equalTo("2"))
                .withQueryParam("delimiter", equalTo("/")));
        ObjectEntry first = client().list("bucket", "d/", true).next();
        assertThat(first.lastModified()).isEqualTo(Instant.parse("2024-05-01T12:34:56.789Z"));
        assertThat(first.size()).isEqualTo(3);
    }

    @Test
    void aNodeWithoutTheBucketAddsNothing() {
        a.stubFor(get(urlPathEqualTo("/bucket"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withBody("<Error><Code>NoSuchBucket</Code><Message>no</Message></Error>")));
        b.stubFor(get(urlPathEqualTo("/bucket"))
                .willReturn(aResponse().withStatus(200).withBody(page(List.of("k"), List.of(), ""))));

        List<String> paths = new ArrayList<>();
        client().list("bucket", "", false).forEachRemaining(e -> paths.add(e.path()));

        assertThat(paths).containsExactly("k");
    }

    @Test
    void aListingPageLargerThan64KiBKeepsEveryKey() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < NodeListing.PAGE; i++) {
            keys.add("load/d3/%04d_%s".formatted(i, "k".repeat(100)));
        }
        String body = page(keys, List.of(), "");
        assertThat(body.length()).isGreaterThan(2 * 64 * 1024);
        a.stubFor(get(urlPathEqualTo("/bucket"))
                .willReturn(aResponse().withStatus(200).withBody(body)));
        b.stubFor(get(urlPathEqualTo("/bucket")).willReturn(aResponse().withStatus(404)));

        List<String> paths = new ArrayList<>();
        client().list("bucket", "", false).forEachRemaining(e -> paths.add(e.path()));

        assertThat(paths).containsExactlyElementsOf(keys);
    }

    @Test
    void aListingPageThatBreaksOffFailsInsteadOfEndingEarly() {
        a.stubFor(get(urlPathEqualTo("/bucket")).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        b.stubFor(get(urlPathEqualTo("/bucket"))
                .willReturn(aResponse().withStatus(200).withBody(page(List.of("k"), List.of(), ""))));

        assertThatThrownBy(() -> client().list("bucket", "", false).forEachRemaining(e -> {}))
                .isInstanceOf(S4ClientException.class)
                .hasMessageStartingWith(
                        "list s4://bucket/: the answer of node 127.0.0.1:" + a.getPort() + " broke off");
    }

    @Test
    void aFailingNodeFailsTheListingNamingIt() {
        a.stubFor(get(urlPathEqualTo("/bucket"))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("<Error><Code>InternalError</Code><Message>disk on fire</Message></Error>")));
        b.stubFor(get(urlPathEqualTo("/bucket"))
                .willReturn(aResponse().withStatus(200).withBody(page(List.of("k"), List.of(), ""))));

        assertThatThrownBy(() -> client().list("bucket", "", false).hasNext())
                .hasMessage(
                        "list s4://bucket/: InternalError disk on fire (HTTP 500 from 127.0.0.1:" + a.getPort() + ")");
    }

    @Test
    void bucketsAreMergedByName() {
        a.stubFor(get(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(
                                "<ListAllMyBucketsResult><Buckets><Bucket><Name>x</Name><CreationDate>2024-01-01T00:00:00.000Z"
                                        + "</CreationDate></Bucket><Bucket><Name>y</Name><CreationDate>2024-01-02T00:00:00Z"
                                        + "</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>")));
        b.stubFor(get(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(
                                "<ListAllMyBucketsResult><Buckets><Bucket><Name>y</Name><CreationDate>2024-01-03T00:00:00Z"
                                        + "</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>")));

        assertThat(client().listBuckets()).extracting(BucketEntry::name).containsExactly("x", "y");
    }

    @Test
    void evalGoesToTheOwnerAndReturnsStdout() {
        S4Key key = S4Key.parse("s4://bucket/file.txt");
        WireMockExtension owner = Placement.nodeIndex(key, 2) == 0 ? a : b;
        owner.stubFor(post(urlEqualTo("/_s4/eval"))
                .willReturn(aResponse().withStatus(200).withBody("123\n\n")));
        var out = new ByteArrayOutputStream();

        client().eval(key, "cat", out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("123\n\n");
        owner.verify(postRequestedFor(urlEqualTo("/_s4/eval"))
                .withRequestBody(equalTo("{\"key\":\"s4://bucket/file.txt\",\"cmd\":\"cat\"}")));
    }

    @Test
    void evalCommandFailureCarriesExitCodeAndStderr() {
        S4Key key = S4Key.parse("s4://bucket/file.txt");
        WireMockExtension owner = Placement.nodeIndex(key, 2) == 0 ? a : b;
        owner.stubFor(post(urlEqualTo("/_s4/eval"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withBody(
                                "<Error><Code>CommandFailed</Code><Message>command failed on s4://bucket/file.txt with exit code 3</Message>"
                                        + "<Key>s4://bucket/file.txt</Key><ExitCode>3</ExitCode>"
                                        + "<Stderr>boom\nbad &amp; worse</Stderr></Error>")));

        assertThatThrownBy(() -> client().eval(key, "exit 3", new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(S4ClientException.CommandFailed.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.stderrTail()).isEqualTo("boom\nbad & worse");
                    assertThat(e.getMessage())
                            .isEqualTo("s4://bucket/file.txt: command failed (exit code 3) on " + "node 127.0.0.1:"
                                    + owner.getPort());
                });
    }

    private static String ndjson(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aJobRunsOnEveryNodeWithLocalOnlyAndMergesProgress() {
        a.stubFor(post(urlEqualTo("/_s4/map"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-ndjson")
                        .withBody(ndjson(
                                "{\"type\":\"progress\",\"node\":\"a\",\"keysDone\":0,\"keysTotal\":2,"
                                        + "\"bytesIn\":0,\"bytesOut\":0}",
                                "{\"type\":\"progress\",\"node\":\"a\",\"keysDone\":2,\"keysTotal\":2,"
                                        + "\"bytesIn\":10,\"bytesOut\":5}",
                                "{\"type\":\"done\",\"node\":\"a\",\"keys\":2,\"outputs\":2}"))));
        b.stubFor(post(urlEqualTo("/_s4/map"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(ndjson("{\"type\":\"done\",\"node\":\"b\",\"keys\":0,\"outputs\":0}"))));
        var events = new ConcurrentLinkedQueue<String>();

        client().runJob(JobKind.MAP, "s4://bucket/in/", "s4://bucket/out/", "tr a-z A-Z", new JobListener() {
            @Override
            public void progress(String node, long keysDone, long keysTotal, long bytesIn, long bytesOut) {
                events.add(node + " " + keysDone + "/" + keysTotal);
            }

            @Override
            public void nodeDone(String node, long keys, long outputs) {
                events.add(node + " done " + keys);
            }
        });

        assertThat(events).containsExactlyInAnyOrder("a 0/2", "a 2/2", "a done 2", "b done 0");
        for (WireMockExtension node : List.of(a, b)) {
            node.verify(postRequestedFor(urlEqualTo("/_s4/map"))
                    .withHeader("x-s4-local", equalTo("1"))
                    .withRequestBody(equalTo("{\"indir\":\"s4://bucket/in/\",\"outdir\":\"s4://bucket/out/\","
                            + "\"cmd\":\"tr a-z A-Z\"}")));
        }
    }

    @Test
    void aJobErrorLineFailsWithKeyExitCodeAndStderr() {
        a.stubFor(
                post(urlEqualTo("/_s4/map-to-n"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withBody(
                                                ndjson(
                                                        "{\"type\":\"error\",\"node\":\"127.0.0.1:1\",\"key\":\"s4://bucket/in/00001\",\"exitCode\":2,"
                                                                + "\"stderr\":\"no such file\\n\",\"message\":\"command failed on s4://bucket/in/00001 with exit code 2\",\"succeeded\":[]}"))));
        b.stubFor(post(urlEqualTo("/_s4/map-to-n"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(200)
                        .withBody(ndjson("{\"type\":\"done\",\"node\":\"b\",\"keys\":0,\"outputs\":0}"))));

        assertThatThrownBy(() ->
                        client().runJob(JobKind.MAP_TO_N, "s4://bucket/in/", "s4://bucket/out/", "x", noListener()))
                .isInstanceOfSatisfying(S4ClientException.CommandFailed.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("s4://bucket/in/00001: command failed (exit code 2) on node 127.0.0.1:1");
                    assertThat(e.stderrTail()).isEqualTo("no such file\n");
                });
    }

    @Test
    void theFirstFailingNodeFailsTheJobWithoutWaitingForTheOthers() {
        a.stubFor(post(urlEqualTo("/_s4/map"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(ndjson(
                                "{\"type\":\"progress\",\"node\":\"a\",\"keysDone\":0,\"keysTotal\":9,"
                                        + "\"bytesIn\":0,\"bytesOut\":0}",
                                "{\"type\":\"done\",\"node\":\"a\",\"keys\":9," + "\"outputs\":9}"))
                        .withChunkedDribbleDelay(20, 15_000)));
        b.stubFor(post(urlEqualTo("/_s4/map"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(300)
                        .withBody(
                                ndjson("{\"type\":\"error\",\"node\":\"b\",\"key\":\"s4://bucket/in/7\",\"exitCode\":1,"
                                        + "\"stderr\":\"\",\"message\":\"command exited with 1\",\"succeeded\":[]}"))));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client().runJob(JobKind.MAP, "s4://bucket/in/", "s4://bucket/out/", "x", noListener()))
                .hasMessage("s4://bucket/in/7: command exited with 1 (exit code 1) on node b");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void aStreamWithoutItsFinalLineMeansTheNodeStopped() {
        a.stubFor(post(urlEqualTo("/_s4/map-from-n"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(ndjson("{\"type\":\"progress\",\"node\":\"a\",\"keysDone\":0,\"keysTotal\":2,"
                                + "\"bytesIn\":0,\"bytesOut\":0}"))));
        b.stubFor(post(urlEqualTo("/_s4/map-from-n"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(ndjson("{\"type\":\"done\",\"node\":\"b\",\"keys\":0,\"outputs\":0}"))));

        assertThatThrownBy(() ->
                        client().runJob(JobKind.MAP_FROM_N, "s4://bucket/in/", "s4://bucket/out/", "x", noListener()))
                .isInstanceOf(S4ClientException.NodeStopped.class)
                .hasMessage("node 127.0.0.1:" + a.getPort() + " stopped answering");
    }

    @Test
    void aRejectedJobRequestReportsTheS3Error() {
        for (WireMockExtension node : List.of(a, b)) {
            node.stubFor(
                    post(urlEqualTo("/_s4/map"))
                            .willReturn(
                                    aResponse()
                                            .withStatus(400)
                                            .withBody(
                                                    "<Error><Code>InvalidArgument</Code><Message>outdir must end with /</Message></Error>")));
        }

        assertThatThrownBy(() -> client().runJob(JobKind.MAP, "s4://bucket/in/", "s4://bucket/out", "x", noListener()))
                .hasMessageStartingWith("map: InvalidArgument outdir must end with / (HTTP 400 from 127.0.0.1:");
    }

    private static JobListener noListener() {
        return new JobListener() {
            @Override
            public void progress(String node, long keysDone, long keysTotal, long bytesIn, long bytesOut) {}

            @Override
            public void nodeDone(String node, long keys, long outputs) {}
        };
    }
}
