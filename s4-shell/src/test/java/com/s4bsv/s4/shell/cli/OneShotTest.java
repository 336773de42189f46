package com.s4bsv.s4.shell.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.command.Io;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One-shot runs against a WireMock node: exact stdout, stderr and exit codes of spec section 4. */
class OneShotTest {

    @RegisterExtension
    static WireMockExtension node = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path dir;

    record Run(int code, String out, String err, byte[] outBytes) {}

    private Run run(String stdin, String... argv) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), argv);
    }

    private Run run(byte[] stdin, String... argv) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var io =
                new Io(new ByteArrayInputStream(stdin), out, new PrintStream(err, true, StandardCharsets.UTF_8), false);
        S4Client client = new S4Client(ClusterConfig.parse("127.0.0.1:" + node.getPort() + "\n", "test"));
        int code = new OneShot(io, line -> client).run(argv);
        return new Run(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }

    private static String listing(List<String> keys, List<String> prefixes) {
        var xml = new StringBuilder("<ListBucketResult><Name>bucket</Name>");
        for (String k : keys) {
            xml.append("<Contents><Key>")
                    .append(k)
                    .append("</Key><LastModified>2024-05-01T12:34:56.000Z"
                            + "</LastModified><Size>4</Size></Contents>");
        }
        for (String p : prefixes) {
            xml.append("<CommonPrefixes><Prefix>").append(p).append("</Prefix></CommonPrefixes>");
        }
        return xml.append("<IsTruncated>false</IsTruncated></ListBucketResult>").toString();
    }

    private static void stubList(String prefix, boolean delimited, List<String> keys, List<String> prefixes) {
        var request = get(urlPathEqualTo("/bucket")).withQueryParam("prefix", equalTo(prefix));
        if (delimited) {
            request = request.withQueryParam("delimiter", equalTo("/"));
        } else {
            request = request.withQueryParam("delimiter", WireMock.absent());
        }
        node.stubFor(request.willReturn(aResponse().withStatus(200).withBody(listing(keys, prefixes))));
    }

    private static String crc(byte[] data) {
        return new StreamingChecksum().update(data, 0, data.length).base64();
    }

    @Test
    void lsRecursivePrintsDateTimeSizeAndPathRelativeToTheBucket() {
        stubList("listing", false, List.of("listing/dir1/dir2/key2.txt", "listing/dir1/key1.txt"), List.of());

        Run r = run("", "ls", "-r", "s4://bucket/listing");

        assertThat(r.out())
                .isEqualTo("2024-05-01 12:34:56Z 4 listing/dir1/dir2/key2.txt\n"
                        + "2024-05-01 12:34:56Z 4 listing/dir1/key1.txt\n");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void lsShowsDirectEntriesWithPreRowsForFolders() {
        stubList("listing/dir1/", true, List.of("listing/dir1/key1.txt"), List.of("listing/dir1/dir2/"));

        Run r = run("", "ls", "s4://bucket/listing/dir1/");

        assertThat(r.out()).isEqualTo("  PRE dir2/\n2024-05-01 12:34:56Z 4 key1.txt\n");
        assertThat(r.code()).isZero();
    }

    @Test
    void lsOfAPartialNameMatchesByStringPrefix() {
        stubList("listing/d", true, List.of(), List.of("listing/dir1/"));

        Run r = run("", "ls", "s4://bucket/listing/d");

        assertThat(r.out()).isEqualTo("  PRE dir1/\n");
    }

    @Test
    void flagsMayComeAfterThePositionals() {
        stubList("listing/", false, List.of("listing/dir1/key1.txt"), List.of());

        assertThat(run("", "ls", "s4://bucket/listing/", "--recursive").out())
                .isEqualTo("2024-05-01 12:34:56Z 4 listing/dir1/key1.txt\n");
    }

    @Test
    void anEmptyListingPrintsNothingAndExitsOne() {
        stubList("fake/", true, List.of(), List.of());

        Run r = run("", "ls", "s4://bucket/fake/");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void lsWithoutArgumentsListsBucketsByNameDescending() {
        node.stubFor(get(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(
                                "<ListAllMyBucketsResult><Buckets><Bucket><Name>alpha</Name><CreationDate>2024-01-02T03:04:05.000Z"
                                        + "</CreationDate></Bucket><Bucket><Name>bucket</Name><CreationDate>2024-01-02T03:04:05Z"
                                        + "</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>")));

        assertThat(run("", "ls").out()).isEqualTo("2024-01-02 03:04:05Z 0 bucket\n2024-01-02 03:04:05Z 0 alpha\n");
        assertThat(run("", "ls", "s4://alpha").out()).isEqualTo("2024-01-02 03:04:05Z 0 alpha\n");
        assertThat(run("", "ls", "s4://nope").code()).isEqualTo(1);
    }

    @Test
    void getToStdoutIsBinaryExact() {
        byte[] data = {0, (byte) 0xFF, 10, 13, (byte) 0x80, 'a', 0, 0, 1, 2};
        node.stubFor(get(urlEqualTo("/bucket/blob"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(data))
                        .withBody(data)));

        Run r = run("", "cp", "s4://bucket/blob", "-");

        assertThat(r.outBytes()).isEqualTo(data);
        assertThat(r.code()).isZero();
    }

    @Test
    void aReaderClosingStdoutEndsAGetQuietlyWithZero() {
        byte[] data = new byte[1 << 20];
        node.stubFor(get(urlEqualTo("/bucket/big"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("x-amz-checksum-crc32c", crc(data))
                        .withBody(data)));
        var closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        var err = new ByteArrayOutputStream();
        var io = new Io(
                new ByteArrayInputStream(new byte[0]),
                closedPipe,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        S4Client client = new S4Client(ClusterConfig.parse("127.0.0.1:" + node.getPort() + "\n", "test"));

        int code = new OneShot(io, line -> client).run(new String[] {"cp", "s4://bucket/big", "-"});

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void putFromStdinAndFromAFileIntoAFolderKey() throws IOException {
        node.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        Path file = Files.writeString(dir.resolve("file2.txt"), "345\n");

        assertThat(run("123\n", "cp", "-", "s4://bucket/basic/dir/file.txt").code())
                .isZero();
        assertThat(run("", "cp", file.toString(), "s4://bucket/basic/dir/").code())
                .isZero();

        node.verify(putRequestedFor(urlEqualTo("/bucket/basic/dir/file.txt")).withRequestBody(equalTo("123\n")));
        node.verify(putRequestedFor(urlEqualTo("/bucket/basic/dir/file2.txt")).withRequestBody(equalTo("345\n")));
    }

    @Test
    void recursivePutSendsRelativePaths() throws IOException {
        node.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        Path foo = dir.resolve("foo");
        Files.createDirectories(foo.resolve("3"));
        Files.writeString(foo.resolve("1.txt"), "123");
        Files.writeString(foo.resolve("2.txt"), "234");
        Files.writeString(foo.resolve("3/4.txt"), "456");

        assertThat(run("", "cp", "-r", foo + "/", "s4://bucket/cp/dst/").code()).isZero();

        node.verify(putRequestedFor(urlEqualTo("/bucket/cp/dst/1.txt")).withRequestBody(equalTo("123")));
        node.verify(putRequestedFor(urlEqualTo("/bucket/cp/dst/2.txt")).withRequestBody(equalTo("234")));
        node.verify(putRequestedFor(urlEqualTo("/bucket/cp/dst/3/4.txt")).withRequestBody(equalTo("456")));
        node.verify(3, putRequestedFor(anyUrl()));
    }

    @Test
    void recursiveGetDropsThePrefixAndLeavesNoTempFiles() throws IOException {
        stubList("cp/dst/", false, List.of("cp/dst/1.txt", "cp/dst/3/4.txt"), List.of());
        for (String k : List.of("cp/dst/1.txt", "cp/dst/3/4.txt")) {
            byte[] data = k.getBytes(StandardCharsets.UTF_8);
            node.stubFor(get(urlEqualTo("/bucket/" + k))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("x-amz-checksum-crc32c", crc(data))
                            .withBody(data)));
        }
        Path dst = dir.resolve("dst1");

        Run r = run("", "cp", "-r", "s4://bucket/cp/dst/", dst + "/");

        assertThat(r.code()).isZero();
        assertThat(dst.resolve("1.txt")).hasContent("cp/dst/1.txt");
        assertThat(dst.resolve("3/4.txt")).hasContent("cp/dst/3/4.txt");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(2);
        }
    }

    @Test
    void putOfAnExistingKeyFailsWith409() {
        node.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(409)));

        Run r = run("x", "cp", "-", "s4://bucket/basic/dir/file.txt");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("fatal: key already exists: s4://bucket/basic/dir/file.txt 409\n");
    }

    @Test
    void evalPrintsStdoutWithExactlyOneTrailingNewline() {
        node.stubFor(post(urlEqualTo("/_s4/eval"))
                .willReturn(aResponse().withStatus(200).withBody("123\n\n\n")));
        assertThat(run("", "eval", "s4://bucket/file.txt", "cat").out()).isEqualTo("123\n");

        node.stubFor(post(urlEqualTo("/_s4/eval"))
                .willReturn(aResponse().withStatus(200).withBody("")));
        assertThat(run("", "eval", "s4://bucket/file.txt", "cat").out()).isEqualTo("\n");

        node.stubFor(post(urlEqualTo("/_s4/eval"))
                .willReturn(aResponse().withStatus(200).withBody("a\n\nb 100%d")));
        assertThat(run("", "eval", "s4://bucket/file.txt", "cat").out()).isEqualTo("a\n\nb 100%d\n");
    }

    @Test
    void evalOfAMissingKeyIsNoSuchKey() {
        node.stubFor(post(urlEqualTo("/_s4/eval"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withBody("<Error><Code>NoSuchKey</Code><Message>no</Message></Error>")));

        Run r = run("", "eval", "s4://b/missing", "cat");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("fatal: no such key: s4://b/missing\n");
    }

    @Test
    void aFailedCommandPrintsTheKeyLineThenTheStderrTail() {
        node.stubFor(post(urlEqualTo("/_s4/eval"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withBody(
                                "<Error><Code>CommandFailed</Code><Message>command exited with 1</Message><Key>s4://b/k</Key>"
                                        + "<ExitCode>1</ExitCode><Stderr>grep: x: No such file\n</Stderr></Error>")));

        Run r = run("", "eval", "s4://b/k", "grep x");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo("fatal: s4://b/k: command exited with 1 (exit code 1) on node 127.0.0.1:" + node.getPort()
                        + "\ngrep: x: No such file\n");
    }

    @Test
    void mapPrintsOkPerNode() {
        node.stubFor(post(urlEqualTo("/_s4/map"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"type\":\"done\",\"node\":\"n\",\"keys\":6,\"outputs\":6}\n")));

        Run r = run("", "map", "s4://bucket/data_in/", "s4://bucket/data_out/", "tr A-Z a-z");

        assertThat(r.out()).isEqualTo("ok ");
        assertThat(r.code()).isZero();
    }

    @Test
    void lsRecursiveOfAllBucketsListsEveryKeyOfEveryBucket() {
        node.stubFor(get(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(
                                "<ListAllMyBucketsResult><Buckets><Bucket><Name>b</Name></Bucket><Bucket><Name>a</Name></Bucket>"
                                        + "</Buckets></ListAllMyBucketsResult>")));
        node.stubFor(get(urlPathEqualTo("/a"))
                .willReturn(aResponse().withStatus(200).withBody(listing(List.of("x"), List.of()))));
        node.stubFor(get(urlPathEqualTo("/b"))
                .willReturn(aResponse().withStatus(200).withBody(listing(List.of("y/z"), List.of()))));

        Run r = run("", "ls", "-r", "s4://");

        assertThat(r.out()).isEqualTo("2024-05-01 12:34:56Z 4 a/x\n2024-05-01 12:34:56Z 4 b/y/z\n");
        assertThat(r.code()).isZero();
    }

    @Test
    void rmRecursiveOfAWholeBucketRemovesTheBucketToo() {
        node.stubFor(get(urlPathEqualTo("/b"))
                .willReturn(aResponse().withStatus(200).withBody(listing(List.of("dir/k"), List.of()))));
        node.stubFor(delete(urlEqualTo("/b/dir/k")).willReturn(aResponse().withStatus(204)));
        node.stubFor(delete(urlEqualTo("/b")).willReturn(aResponse().withStatus(204)));

        assertThat(run("", "rm", "-r", "s4://b/dir/").code()).isZero();
        node.verify(0, deleteRequestedFor(urlEqualTo("/b")));

        assertThat(run("", "rm", "-r", "s4://b/").code()).isZero();
        node.verify(1, deleteRequestedFor(urlEqualTo("/b")));
    }

    @Test
    void aJobWithNoInputKeysSaysSoAndFails() {
        node.stubFor(post(urlEqualTo("/_s4/map-to-n"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"type\":\"done\",\"node\":\"n\",\"keys\":0,\"outputs\":0}\n")));

        Run r = run("", "map-to-n", "s4://nope/", "s4://out/", "cat");

        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("fatal: no input keys: nothing under s4://nope/\n");
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void onATerminalTheOksComeAfterTheProgressBarIsErased() {
        node.stubFor(post(urlEqualTo("/_s4/map"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(
                                "{\"type\":\"progress\",\"node\":\"n\",\"keysDone\":0,\"keysTotal\":6,\"bytesIn\":0,\"bytesOut\":0}\n"
                                        + "{\"type\":\"done\",\"node\":\"n\",\"keys\":6,\"outputs\":6}\n")));
        // stdout and stderr on one terminal: what the bar erases must not include the ok
        var screen = new ByteArrayOutputStream();
        var io = new Io(
                new ByteArrayInputStream(new byte[0]),
                screen,
                new PrintStream(screen, true, StandardCharsets.UTF_8),
                true);
        S4Client client = new S4Client(ClusterConfig.parse("127.0.0.1:" + node.getPort() + "\n", "test"));

        int code =
                new OneShot(io, line -> client).run(new String[] {"map", "s4://bucket/in/", "s4://bucket/out/", "cat"});

        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("map [").endsWith("\r\033[Kok ");
        assertThat(code).isZero();
    }

    @Test
    void healthPrintsOneLinePerNodeAndFailsWhenOneIsDown() throws IOException {
        node.stubFor(get(urlEqualTo("/_s4/actuator/health/readiness"))
                .willReturn(aResponse().withStatus(200)));
        int down;
        try (var socket = new ServerSocket(0)) {
            down = socket.getLocalPort();
        }
        Path conf =
                Files.writeString(dir.resolve("s4.conf"), "127.0.0.1:" + node.getPort() + "\n127.0.0.1:" + down + "\n");
        var out = new ByteArrayOutputStream();
        var io =
                new Io(new ByteArrayInputStream(new byte[0]), out, new PrintStream(new ByteArrayOutputStream()), false);

        int code = new OneShot(io).run(new String[] {"health", "-c", conf.toString()});

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("healthy:   127.0.0.1:" + node.getPort() + "\nunhealthy: 127.0.0.1:" + down + "\n");
        assertThat(code).isEqualTo(1);
    }

    @Test
    void healthWaitsTheHealthTimeoutSoASlowNodeIsHealthyAndOnlyAHungOneIsNot() {
        node.stubFor(get(urlEqualTo("/_s4/actuator/health/readiness"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2_500)));
        var config = ClusterConfig.parse("127.0.0.1:" + node.getPort() + "\n", "test");
        var slowOk = new S4Client.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(30), 2);
        var tooShort = new S4Client.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(500), 2);

        for (var settings : List.of(slowOk, tooShort)) {
            var out = new ByteArrayOutputStream();
            var io = new Io(
                    new ByteArrayInputStream(new byte[0]), out, new PrintStream(new ByteArrayOutputStream()), false);
            int code = new OneShot(io, line -> new S4Client(config, settings)).run(new String[] {"health"});
            boolean healthy = settings == slowOk;
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo((healthy ? "healthy:   " : "unhealthy: ") + "127.0.0.1:" + node.getPort() + "\n");
            assertThat(code).isEqualTo(healthy ? 0 : 1);
        }
    }

    @Test
    void configPrintsOneHostPortPerNode() throws IOException {
        Path conf = Files.writeString(dir.resolve("s4.conf"), "10.0.0.1:8080\n\n10.0.0.2:8081\n");
        var out = new ByteArrayOutputStream();
        var io =
                new Io(new ByteArrayInputStream(new byte[0]), out, new PrintStream(new ByteArrayOutputStream()), false);

        assertThat(new OneShot(io).run(new String[] {"config", "--conf=" + conf}))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("10.0.0.1:8080\n10.0.0.2:8081\n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "cp s4://a/x s4://b/y|fatal: there is no move, there is only cp and rm",
                "cp a b|fatal: src or dst needs s4://",
                "cp -r a b|fatal: src or dst needs s4://",
                "cp - s4://_tmp/k|fatal: buckets cannot start with underscore",
                "cp - s4://bucket/dir/|fatal: needed key, got directory: s4://bucket/dir/",
                "cp s4://bucket/dir/ out|fatal: needed key, got directory: s4://bucket/dir/",
                "cp nothere s4://bucket/k|fatal: no such file or directory: nothere",
                "rm bucket/k|fatal: missing s4:// prefix: bucket/k",
                "rm s4://bucket/dir/|fatal: needed key, got directory: s4://bucket/dir/",
                "eval b/k cat|fatal: missing s4:// prefix: b/k",
                "ls bucket|fatal: missing s4:// prefix: bucket"
            })
    void localErrorsAreOneFatalLineAndExitOne(String argv, String message) {
        Run r = run("", argv.split(" "));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(message + "\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void controlCharactersInKeysAreRejectedOnOneLine() {
        Run r = run("", "cp", "-", "s4://bucket/basic/dir/fi\tle.txt");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo("fatal: invalid key 's4://bucket/basic/dir/fi\\tle.txt': control character at offset 12\n");
        node.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void keysWithSpacesArePutOneByOneAndRecursivelyPercentEncoded() throws IOException {
        node.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("x y"));
        Files.writeString(tree.resolve(" lead.txt"), "lead");
        Files.writeString(tree.resolve("x y/trail "), "trail");

        assertThat(run("a b", "cp", "-", "s4://bucket/sp/a b").code()).isZero();
        assertThat(run("nbsp", "cp", "-", "s4://bucket/sp/n\u00a0b").code()).isZero();
        Run r = run("", "cp", "-r", tree.toString(), "s4://bucket/sp/tree/");
        assertThat(r.code()).as(r.err()).isZero();

        node.verify(putRequestedFor(urlEqualTo("/bucket/sp/a%20b")).withRequestBody(equalTo("a b")));
        node.verify(putRequestedFor(urlEqualTo("/bucket/sp/n%C2%A0b")).withRequestBody(equalTo("nbsp")));
        node.verify(putRequestedFor(urlEqualTo("/bucket/sp/tree/%20lead.txt")).withRequestBody(equalTo("lead")));
        node.verify(
                putRequestedFor(urlEqualTo("/bucket/sp/tree/x%20y/trail%20")).withRequestBody(equalTo("trail")));
        node.verify(4, putRequestedFor(anyUrl()));
    }

    @Test
    void lsPrintsKeysWithSpacesUnchangedAsTheLastField() {
        stubList("sp/", false, List.of("sp/ lead", "sp/a b", "sp/trail "), List.of());

        Run r = run("", "ls", "-r", "s4://bucket/sp/");

        assertThat(r.out())
                .isEqualTo("2024-05-01 12:34:56Z 4 sp/ lead\n"
                        + "2024-05-01 12:34:56Z 4 sp/a b\n"
                        + "2024-05-01 12:34:56Z 4 sp/trail \n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "cp -x a s4://b/k|s4: flag provided but not defined: -x (usage: s4 cp SRC DST [-r] [-c conf])",
                "eval -r s4://b/k cat|s4: flag provided but not defined: -r (usage: s4 eval KEY CMD [-c conf])",
                "cp a|s4: s4 cp takes 2 arguments, got 1 (usage: s4 cp SRC DST [-r] [-c conf])",
                "ls a b|s4: s4 ls takes 0 to 1 arguments, got 2 (usage: s4 ls [PREFIX] [-r] [-c conf])",
                "ls -c|s4: flag needs an argument: -c (usage: s4 ls [PREFIX] [-r] [-c conf])"
            })
    void usageErrorsAreOneLineAndExitTwo(String argv, String message) {
        Run r = run("", argv.split(" "));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\n");
    }

    @Test
    void helpGoesToStdoutAndExitsZero() {
        Run r = run("", "cp", "s4://x/y", "-h");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("usage: s4 cp SRC DST [-r] [-c conf]\n");
        assertThat(run("", "--help").out())
                .startsWith("usage: s4 {rm,eval,ls,cp,map,map-to-n,map-from-n,config,health}\n"
                        + "\n    rm                  delete data from s4\n");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Run r = run("", "mv", "a", "b");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("s4: unknown command 'mv'\nusage: s4 {");
    }
}
