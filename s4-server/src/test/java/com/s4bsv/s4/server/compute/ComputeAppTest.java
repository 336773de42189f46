package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.StandaloneNodeAppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One real node (the whole Spring app) on a random port: the wire shapes of docs/compute-api.md. Jobs carry
 * {@code x-s4-local}, as the s4 client sends them (a standalone test node's config names port 8080, not its own).
 */
class ComputeAppTest extends StandaloneNodeAppTest {

    NodeHttp http;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void client() {
        http = new NodeHttp(URI.create("http://127.0.0.1:" + port));
    }

    @Test
    void evalAnswersStdoutBytesAsTheyAre() throws Exception {
        http.put("s4://app/eval/in", "a\n\n\n");
        HttpResponse<byte[]> answer = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_s4/eval"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"key\":\"s4://app/eval/in\",\"cmd\":\"cat; printf '\\\\x00\\\\xff'\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(answer.body()).containsExactly('a', '\n', '\n', '\n', 0, 0xff);
    }

    @Test
    void aFailedEvalIsAnS3XmlErrorWithKeyExitCodeAndStderr() {
        http.put("s4://app/eval/fails", "x");
        HttpResponse<String> answer = http.eval("s4://app/eval/fails", "printf 'bad\\x1b[0m\\n' >&2; exit 5");
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/xml"));
        assertThat(answer.body())
                .contains("<Error><Code>CommandFailed</Code><Message>command failed on"
                        + " s4://app/eval/fails with exit code 5</Message><Key>s4://app/eval/fails</Key><ExitCode>5</ExitCode>"
                        + "<Stderr>bad\uFFFD[0m\n</Stderr><Resource>s4://app/eval/fails</Resource><RequestId>");
    }

    @Test
    void evalErrorsAreS3Errors() {
        assertThat(http.eval("s4://app/none", "cat").statusCode()).isEqualTo(404);
        assertThat(http.eval("s4://_app/x", "cat").statusCode()).isEqualTo(400);
        assertThat(http.post("/_s4/eval", "{\"key\":\"s4://app/x\"}").statusCode())
                .isEqualTo(400);
        assertThat(http.post("/_s4/eval", "[1,2]").statusCode()).isEqualTo(400);
    }

    @Test
    void aLocalJobStreamsProgressThenDone() {
        for (int i = 0; i < 5; i++) {
            http.put("s4://app/job/in/" + i, "v" + i + "\n");
        }
        NodeHttp.JobAnswer answer = http.job("/_s4/map", "s4://app/job/in/", "s4://app/job/out/", "rev", true)
                .assertDone();
        List<JsonNode> lines = answer.lines();
        assertThat(lines.getFirst().path("type").asString()).isEqualTo("progress");
        assertThat(lines.getFirst().path("keysDone").asLong()).isZero();
        assertThat(lines.getFirst().path("keysTotal").asLong()).isEqualTo(5);
        JsonNode beforeLast = lines.get(lines.size() - 2);
        assertThat(beforeLast.path("keysDone").asLong()).isEqualTo(5);
        assertThat(beforeLast.path("bytesIn").asLong()).isEqualTo(15);
        assertThat(beforeLast.path("bytesOut").asLong()).isEqualTo(15);
        assertThat(answer.last().path("node").asString()).isEqualTo("127.0.0.1:8080");
        assertThat(answer.last().path("keys").asLong()).isEqualTo(5);
        assertThat(http.text("s4://app/job/out/3")).isEqualTo("3v\n");
        assertThat(dataDir.resolve("_tmp")).isEmptyDirectory();
    }

    @Test
    void aLocalJobAnswersNdjson() throws Exception {
        http.put("s4://app/ct/in/a", "x");
        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_s4/map-from-n"))
                        .header("x-s4-local", "1")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"indir\":\"s4://app/ct/in/\",\"outdir\":\"s4://app/ct/out/\",\"cmd\":\"xargs cat\"}",
                                StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/x-ndjson"));
        assertThat(answer.body())
                .endsWith(
                        "{\"type\":\"done\",\"node\":\"127.0.0.1:8080\",\"keys\":1,\"outputs\":1,\"keysInProcess\":1}\n");
        assertThat(http.text("s4://app/ct/out/a")).isEqualTo("x");
    }

    @Test
    void anOutputKeyThatExistsFailsThatKeyOnly() {
        http.put("s4://app/exists/in/k", "new\n");
        http.put("s4://app/exists/out/k", "old\n");
        JsonNode error = http.job("/_s4/map", "s4://app/exists/in/", "s4://app/exists/out/", "cat", true)
                .assertError()
                .last();
        assertThat(error.path("message").asString()).isEqualTo("key already exists: s4://app/exists/out/k");
        assertThat(error.path("exitCode").asInt()).isEqualTo(-1);
        assertThat(http.text("s4://app/exists/out/k")).isEqualTo("old\n");
    }

    @Test
    void badJobRequestsAre400InvalidArgument() {
        HttpResponse<String> answer =
                http.post("/_s4/map", "{\"indir\":\"s4://app/in\",\"outdir\":\"s4://app/out/\",\"cmd\":\"cat\"}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body())
                .contains(
                        "<Code>InvalidArgument</Code>",
                        "<Message>indir not a directory (must end with '/' or hold a glob): s4://app/in</Message>");
    }
}
