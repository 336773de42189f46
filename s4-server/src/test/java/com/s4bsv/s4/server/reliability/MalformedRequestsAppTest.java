package com.s4bsv.s4.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.StandaloneNodeAppTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Malformed S3 requests, written byte for byte on a socket (no client sends them): each gets its S3 error (status
 * and Code), quickly, and stores nothing. What the older slice and app tests already cover is listed in
 * docs/reliability.md ("Hostile input").
 */
// Its uploads are made of parts of a few bytes.
@TestPropertySource(properties = "s4.storage.min-part-size=1B")
class MalformedRequestsAppTest extends StandaloneNodeAppTest {

    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern ETAG = Pattern.compile("(?i)\r\netag: *([^\r]*)\r\n");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");
    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]*)</UploadId>");
    private static int tried;

    record Answer(int status, String head, String body, long millis) {

        String code() {
            Matcher m = CODE.matcher(body);
            return m.find() ? m.group(1) : "";
        }

        Answer is(int expectedStatus, String expectedCode) {
            tried++;
            assertThat(status).as("%s%n%s", head, body).isEqualTo(expectedStatus);
            if (expectedCode != null) {
                assertThat(code()).as(body).isEqualTo(expectedCode);
            }
            assertThat(body).as("no stack trace").doesNotContain("\tat ", "Caused by");
            return this;
        }
    }

    @BeforeEach
    void bucket() throws IOException {
        if (!Files.isDirectory(dataDir.resolve("mal"))) {
            request("PUT", "/mal", "", "").is(200, null);
        }
    }

    @AfterAll
    static void count() {
        System.out.printf(
                "RELIABILITY hostile: surface=malformed-s3 inputs=%d (each its S3 error, nothing stored)%n", tried);
    }

    // ---- DeleteObjects

    @Test
    void deleteObjectsWithBadXmlIsMalformedXmlAndDeletesNothing() throws IOException {
        put("/mal/keep", "kept");
        for (String body : List.of(
                "not xml at all",
                "<Delete><Object><Key>keep</Key></Object>",
                "<Delete><Object><Key>keep</Key></Obj></Delete>",
                "<Foo><Object><Key>keep</Key></Object></Foo>",
                "<Delete><Quiet>true</Quiet></Delete>",
                "",
                "<?xml version=\"1.0\"?>",
                "<Delete>" + "<Object><Key>keep</Key></Object>".repeat(1001) + "</Delete>")) {
            request("POST", "/mal?delete", "Content-Type: application/xml\r\n", body)
                    .is(400, "MalformedXML");
        }
        assertThat(get("/mal/keep").body()).isEqualTo("kept");
    }

    @Test
    void entityExpansionAndExternalEntitiesAreRefusedQuicklyNotResolved() throws IOException {
        put("/mal/lol", "kept");
        Path secret = Files.writeString(dataDir.getParent().resolve("s4-xxe-" + port + ".txt"), "TOP-SECRET-XXE");
        try {
            String laughs = billionLaughs();
            for (String root : List.of("Delete", "CompleteMultipartUpload")) {
                String record = root.equals("Delete")
                        ? "<Object><Key>&lol9;</Key></Object>"
                        : "<Part><PartNumber>1</PartNumber><ETag>&lol9;</ETag></Part>";
                String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file://" + secret + "\">]><"
                        + root + ">" + record.replace("&lol9;", "&x;") + "</" + root + ">";
                String target =
                        root.equals("Delete") ? "/mal?delete" : "/mal/lol2?uploadId=" + createUpload("/mal/lol2");
                Answer bomb = request(
                                "POST",
                                target,
                                "",
                                laughs.replace("@ROOT@", root).replace("@RECORD@", record))
                        .is(400, "MalformedXML");
                assertThat(bomb.millis())
                        .as("entity expansion refused, not expanded")
                        .isLessThan(2_000);
                Answer external = request("POST", target, "", xxe).is(400, "MalformedXML");
                assertThat(external.body()).doesNotContain("TOP-SECRET");
            }
        } finally {
            Files.delete(secret);
        }
        assertThat(get("/mal/lol").body()).isEqualTo("kept");
        assertThat(get("/mal/lol2").status()).isEqualTo(404);
    }

    private static String billionLaughs() {
        var doctype = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            doctype.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        return doctype.append("]><@ROOT@>@RECORD@</@ROOT@>").toString();
    }

    // ---- CompleteMultipartUpload and the other multipart calls

    @Test
    void completeWithBadXmlOrBadPartsGetsItsErrorAndPublishesNothing() throws IOException {
        String id = createUpload("/mal/mp");
        String one = uploadPart("/mal/mp", id, 1, "part one ");
        String two = uploadPart("/mal/mp", id, 2, "part two");
        String target = "/mal/mp?uploadId=" + id;
        for (String body : List.of(
                "garbage",
                "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>",
                "<Foo><Part><PartNumber>1</PartNumber><ETag>" + one + "</ETag></Part></Foo>",
                "<CompleteMultipartUpload></CompleteMultipartUpload>",
                "<CompleteMultipartUpload><Part><ETag>" + one + "</ETag></Part></CompleteMultipartUpload>",
                "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
                "<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>" + one
                        + "</ETag></Part></CompleteMultipartUpload>")) {
            request("POST", target, "", body).is(400, "MalformedXML");
        }
        request("POST", target, "", complete(3, one)).is(400, "InvalidPart");
        request("POST", target, "", complete(1, two)).is(400, "InvalidPart");
        request("POST", target, "", complete(2, two, 1, one)).is(400, "InvalidPartOrder");
        request("POST", target, "", complete(1, one, 1, one)).is(400, "InvalidPartOrder");
        request("POST", target, "", complete(10_001, one)).is(400, "InvalidArgument");
        assertThat(get("/mal/mp").status()).isEqualTo(404);

        request("POST", target, "", complete(1, one, 2, two)).is(200, null);
        assertThat(get("/mal/mp").body()).isEqualTo("part one part two");
    }

    @Test
    void unknownOrHostileUploadIdsAreNoSuchUpload() throws IOException {
        String real = createUpload("/mal/owned");
        for (String id : List.of("0123456789abcdef0123456789abcdef", "..%2F..%2F_tmp", "%2e%2e", real + "x", "")) {
            request("PUT", "/mal/up?partNumber=1&uploadId=" + id, "", "x").is(404, "NoSuchUpload");
            request("POST", "/mal/up?uploadId=" + id, "", complete(1, "\"00000000\""))
                    .is(404, "NoSuchUpload");
            request("GET", "/mal/up?uploadId=" + id, "", "").is(404, "NoSuchUpload");
            request("DELETE", "/mal/up?uploadId=" + id, "", "").is(404, "NoSuchUpload");
        }
        // An upload of another key is not this key's upload.
        request("PUT", "/mal/other?partNumber=1&uploadId=" + real, "", "x").is(404, "NoSuchUpload");
        for (String number : List.of("0", "10001", "-1", "abc", "99999999999")) {
            request("PUT", "/mal/owned?partNumber=" + number + "&uploadId=" + real, "", "x")
                    .is(400, "InvalidArgument");
        }
    }

    // ---- Content-Length

    @Test
    void hugeDeclaredSizesAreEntityTooLargeAtOnceAndStoreNothing() throws IOException {
        String id = createUpload("/mal/bigpart");
        for (String[] huge : List.of(
                new String[] {"/mal/huge", Long.toString(Long.MAX_VALUE)},
                new String[] {"/mal/huge", Long.toString(5L << 40 | 1)},
                new String[] {"/mal/bigpart?partNumber=1&uploadId=" + id, Long.toString((5L << 30) + 1)})) {
            Answer answer = send(
                            "PUT " + huge[0] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + huge[1]
                                    + "\r\nConnection: close\r\n\r\nonly a few bytes",
                            false)
                    .is(400, "EntityTooLarge");
            assertThat(answer.millis()).as("refused before reading the body").isLessThan(5_000);
        }
        Answer chunked = send(
                        "PUT /mal/huge HTTP/1.1\r\nHost: 127.0.0.1\r\nx-amz-content-sha256: "
                                + "STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\nx-amz-decoded-content-length: "
                                + Long.MAX_VALUE
                                + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n",
                        false)
                .is(400, "EntityTooLarge");
        assertThat(chunked.millis()).isLessThan(5_000);
        send(
                        "PUT /mal/huge HTTP/1.1\r\nHost: 127.0.0.1\r\nx-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n"
                                + "x-amz-decoded-content-length: lots\r\nContent-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n",
                        false)
                .is(400, "InvalidArgument");
        assertThat(get("/mal/huge").status()).isEqualTo(404);
        assertThat(tempEntries()).isZero();
    }

    @Test
    void unparsableContentLengthsAre400AndStoreNothing() throws IOException {
        for (String length : List.of("-1", "abc", "99999999999999999999999", "1 0", "0x10", "3\r\nContent-Length: 4")) {
            Answer answer = send(
                    "PUT /mal/cl HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + length
                            + "\r\nConnection: close\r\n\r\nabc",
                    false);
            answer.is(400, null);
            assertThat(answer.body()).contains("<Error>").contains("<Code>");
        }
        assertThat(get("/mal/cl").status()).isEqualTo(404);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsIncompleteBodyAndStoresNothing() throws IOException {
        Answer shortBody = send(
                        "PUT /mal/short HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\nConnection:"
                                + " close\r\n\r\nonly forty bytes of the hundred promised",
                        true)
                .is(400, "IncompleteBody");
        assertThat(shortBody.body())
                .contains("the request body ended before its declared length")
                .doesNotContain("java.io");
        String id = createUpload("/mal/shortpart");
        send(
                        "PUT /mal/shortpart?partNumber=1&uploadId=" + id
                                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100"
                                + "\r\nConnection: close\r\n\r\nshort",
                        true)
                .is(400, "IncompleteBody");
        assertThat(get("/mal/short").status()).isEqualTo(404);
        assertThat(request("GET", "/mal/shortpart?uploadId=" + id, "", "").body())
                .doesNotContain("<Part>");
        assertThat(tempEntries()).isZero();
    }

    // ---- Range

    @Test
    void unsatisfiableRangesAre416AndInvalidOnesAreIgnoredAsS3Does() throws IOException {
        put("/mal/ten", "0123456789");
        put("/mal/empty", "");
        for (String range : List.of("bytes=10-", "bytes=10-20", "bytes=-0", "bytes=99999-")) {
            Answer answer =
                    request("GET", "/mal/ten", "Range: " + range + "\r\n", "").is(416, "InvalidRange");
            assertThat(answer.body()).contains("<ActualObjectSize>10</ActualObjectSize>");
        }
        request("GET", "/mal/empty", "Range: bytes=0-\r\n", "").is(416, "InvalidRange");
        // RFC 9110 lets a server ignore a Range it cannot parse; S3 then answers 200 with the whole object.
        for (String range : List.of(
                "bytes=a-b",
                "bytes=5-2",
                "items=0-1",
                "bytes=0-1,3-4",
                "bytes=--1",
                "bytes",
                "bytes=99999999999999999999-",
                "bytes=-",
                "bytes= 1 - x")) {
            Answer answer =
                    request("GET", "/mal/ten", "Range: " + range + "\r\n", "").is(200, null);
            assertThat(answer.body()).as(range).isEqualTo("0123456789");
        }
        assertThat(request("GET", "/mal/ten", "Range: bytes=8-100\r\n", "")
                        .is(206, null)
                        .body())
                .isEqualTo("89");
    }

    // ---- listing arguments

    @Test
    void badListingArgumentsAreInvalidArgument() throws IOException {
        for (String query : List.of(
                "max-keys=-1",
                "max-keys=abc",
                "max-keys=99999999999999999999",
                "max-keys=1.5",
                "list-type=2&continuation-token=!!",
                "list-type=2&continuation-token=Zm9v",
                "list-type=2&continuation-token=%00")) {
            request("GET", "/mal?" + query, "", "").is(400, "InvalidArgument");
        }
        request("GET", "/nosuchbucket?list-type=2", "", "").is(404, "NoSuchBucket");
        request("GET", "/Bad_Bucket?list-type=2", "", "").is(400, "InvalidBucketName");
    }

    // ---- helpers

    private String createUpload(String path) throws IOException {
        Matcher id = UPLOAD_ID.matcher(
                request("POST", path + "?uploads", "", "").is(200, null).body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private String uploadPart(String path, String id, int number, String data) throws IOException {
        Answer answer = request("PUT", path + "?partNumber=" + number + "&uploadId=" + id, "", data)
                .is(200, null);
        Matcher etag = ETAG.matcher(answer.head() + "\r\n");
        assertThat(etag.find()).as(answer.head()).isTrue();
        return etag.group(1);
    }

    private static String complete(Object... numbersAndEtags) {
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < numbersAndEtags.length; i += 2) {
            xml.append("<Part><PartNumber>")
                    .append(numbersAndEtags[i])
                    .append("</PartNumber><ETag>")
                    .append(numbersAndEtags[i + 1])
                    .append("</ETag></Part>");
        }
        return xml.append("</CompleteMultipartUpload>").toString();
    }

    private void put(String path, String data) throws IOException {
        request("PUT", path, "", data).is(200, null);
    }

    private Answer get(String path) throws IOException {
        return request("GET", path, "", "");
    }

    private Answer request(String method, String target, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(
                method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                        + "Content-Length: " + bytes.length + "\r\n\r\n" + body,
                false);
    }

    private Answer send(String request, boolean closeOutput) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (closeOutput) {
                socket.shutdownOutput();
            }
            String text = readAnswer(socket.getInputStream());
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            int status = head.length() < 12 ? -1 : Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Reads one answer as a client does: up to the end of its Content-Length body (the server may keep draining a
     * body it refused), else to the end of the stream.
     */
    private static String readAnswer(InputStream in) throws IOException {
        var all = new ByteArrayOutputStream();
        long want = -1;
        int headEnd = -1;
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    Matcher length = CONTENT_LENGTH.matcher(text.substring(0, headEnd));
                    want = length.find() ? Long.parseLong(length.group(1)) : -1;
                }
                if (headEnd >= 0 && want >= 0 && all.size() >= headEnd + 4 + want) {
                    break;
                }
            }
        } catch (IOException reset) {
            // the server may reset a connection whose body it refused
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static String unchunk(String body) {
        var out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }

    private static long tempEntries() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("_tmp"))) {
            return files.count();
        }
    }
}
