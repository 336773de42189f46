package com.s4bsv.s4.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of the S3 SigV4 documentation ("Signature Calculations for the Authorization Header"). */
class SigV4Test {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final byte[] KEY = SigV4.signingKey(SECRET, "20130524", "us-east-1", "s3");
    static final String SCOPE = SigV4.scope("20130524", "us-east-1", "s3");

    @Test
    void getObjectExample() {
        String canonical = SigV4.canonicalRequest(
                "GET",
                SigV4.canonicalUri("/test.txt"),
                "",
                List.of(
                        Map.entry("host", "examplebucket.s3.amazonaws.com"),
                        Map.entry("range", "bytes=0-9"),
                        Map.entry("x-amz-content-sha256", SigV4.EMPTY_SHA256),
                        Map.entry("x-amz-date", "20130524T000000Z")),
                SigV4.EMPTY_SHA256);
        assertThat(SigV4.signature(KEY, SigV4.stringToSign("20130524T000000Z", SCOPE, canonical)))
                .isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void listObjectsExampleSortsAndEncodesTheQuery() {
        String query = SigV4.canonicalQuery("prefix=J&max-keys=2", null);
        assertThat(query).isEqualTo("max-keys=2&prefix=J");
        String canonical = SigV4.canonicalRequest(
                "GET",
                "/",
                query,
                List.of(
                        Map.entry("host", "examplebucket.s3.amazonaws.com"),
                        Map.entry("x-amz-content-sha256", SigV4.EMPTY_SHA256),
                        Map.entry("x-amz-date", "20130524T000000Z")),
                SigV4.EMPTY_SHA256);
        assertThat(SigV4.signature(KEY, SigV4.stringToSign("20130524T000000Z", SCOPE, canonical)))
                .isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void chunkedUploadExample() {
        String seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
        byte[] first = new byte[65536];
        Arrays.fill(first, (byte) 'a');
        byte[] second = new byte[1024];
        Arrays.fill(second, (byte) 'a');
        String s1 =
                SigV4.signature(KEY, SigV4.chunkStringToSign("20130524T000000Z", SCOPE, seed, SigV4.sha256Hex(first)));
        assertThat(s1).isEqualTo("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
        String s2 =
                SigV4.signature(KEY, SigV4.chunkStringToSign("20130524T000000Z", SCOPE, s1, SigV4.sha256Hex(second)));
        assertThat(s2).isEqualTo("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
        String last = SigV4.signature(KEY, SigV4.chunkStringToSign("20130524T000000Z", SCOPE, s2, SigV4.EMPTY_SHA256));
        assertThat(last).isEqualTo("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
    }

    @Test
    void canonicalUriReencodesTheAwsWay() {
        assertThat(SigV4.canonicalUri("/b/a%20b/c~d")).isEqualTo("/b/a%20b/c~d");
        assertThat(SigV4.canonicalUri("/b/a b/(x)")).isEqualTo("/b/a%20b/%28x%29");
        assertThat(SigV4.canonicalUri("/b/%7e%2a")).isEqualTo("/b/~%2A");
        assertThat(SigV4.canonicalUri("/b/caf%C3%A9")).isEqualTo("/b/caf%C3%A9");
        assertThat(SigV4.canonicalUri("")).isEqualTo("/");
    }

    @Test
    void canonicalQueryDropsTheSignatureAndGivesEmptyValues() {
        assertThat(SigV4.canonicalQuery("uploads&X-Amz-Signature=abc&a=b%20c", "X-Amz-Signature"))
                .isEqualTo("a=b%20c&uploads=");
    }

    @Test
    void requestSignerSignsWhatTheVerifierRebuilds() {
        var signer = new RequestSigner(new Credentials("AKIAIOSFODNN7EXAMPLE", SECRET), "us-east-1");
        Map<String, String> headers = signer.sign(
                "GET",
                URI.create("http://examplebucket.s3.amazonaws.com/test.txt"),
                Map.of("Range", "bytes=0-9"),
                SigV4.EMPTY_SHA256,
                Instant.parse("2013-05-24T00:00:00Z"));
        assertThat(headers.get("Authorization"))
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/"
                        + "20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(headers).containsEntry("x-amz-date", "20130524T000000Z");
    }

    @Test
    void hostHeaderKeepsOnlyANonDefaultPort() {
        assertThat(RequestSigner.hostHeader(URI.create("http://h:80/x"))).isEqualTo("h");
        assertThat(RequestSigner.hostHeader(URI.create("https://h:443/x"))).isEqualTo("h");
        assertThat(RequestSigner.hostHeader(URI.create("http://127.0.0.1:8080/x")))
                .isEqualTo("127.0.0.1:8080");
    }

    @Test
    void aKeyedSigningKeySignsAsTheBytesDoAgainAndAgain() {
        SigningKey key = SigningKey.of(SECRET, "20130524", "us-east-1", "s3");
        assertThat(key.bytes()).isEqualTo(KEY);
        for (String text : List.of("", "a", "AWS4-HMAC-SHA256\n20130524T000000Z\nscope\nhash", "a")) {
            assertThat(key.signature(text)).isEqualTo(SigV4.signature(KEY, text));
        }
    }

    @Test
    void amzDatesAreParsedByHandAndStrictly() {
        assertThat(SigV4.parseAmzDate("20130524T000000Z")).isEqualTo(Instant.parse("2013-05-24T00:00:00Z"));
        assertThat(SigV4.parseAmzDate("20261205T235959Z")).isEqualTo(Instant.parse("2026-12-05T23:59:59Z"));
        assertThat(SigV4.parseAmzDate(SigV4.amzDate(Instant.parse("2024-02-29T12:34:56Z"))))
                .isEqualTo(Instant.parse("2024-02-29T12:34:56Z"));
        for (String bad : List.of(
                "",
                "20130524T000000",
                "20130524 000000Z",
                "2013052AT000000Z",
                "20130524T00000-Z",
                "20130524T240000Z",
                "20130230T000000Z",
                "20131324T000000Z",
                "20130524T000060Z",
                "20130524T000000ZZ")) {
            assertThatThrownBy(() -> SigV4.parseAmzDate(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }
}
