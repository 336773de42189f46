package com.s4bsv.s4.server.s3;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.testing.FuzzMeter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The ListObjects query parser on fuzzed parameters (any subset of {@link ListObjectsQuery#PARAMETERS}, any text,
 * including near-valid values): it returns a query within S3's bounds or throws an {@link S3Exception} with a 4xx
 * status, and nothing else; the values the listing echoes (url-encoded or not) render, and a continuation token
 * the server hands out parses back to where it points.
 */
class ListObjectsQueryFuzzTest {

    private static final FuzzMeter METER = new FuzzMeter("ListObjectsQuery");
    private static final String[] NEAR_VALID = {
        "2", "1", "url", "1000", "0", "-1", "+5", " 7 ", "2147483648", "", "S2V5", "UGRpci8", "P", "K", "%", "/"
    };

    @FuzzTest(maxDuration = "10s")
    void parsesOrRejectsWithA4xx(FuzzedDataProvider data) throws Exception {
        METER.run(new byte[0], () -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String name : ListObjectsQuery.PARAMETERS) {
                switch (data.consumeInt(0, 2)) {
                    case 1 -> parameters.put(name, data.pickValue(NEAR_VALID));
                    case 2 -> parameters.put(name, data.consumeString(64));
                    default -> {}
                }
            }
            ListObjectsQuery query;
            try {
                query = ListObjectsQuery.parse(parameters);
            } catch (S3Exception e) {
                int status = e.error().status();
                check(status >= 400 && status < 500, "status " + status, parameters);
                check(e.getMessage() != null, "no message", parameters);
                return;
            }
            check(
                    query.maxKeys() >= 0 && query.maxKeys() <= ListObjectsQuery.MAX_KEYS,
                    "max-keys out of range",
                    parameters);
            check(query.v2() == "2".equals(parameters.get("list-type")), "list type", parameters);
            check(query.prefix().equals(parameters.getOrDefault("prefix", "")), "prefix", parameters);
            ObjectListing.Query listing = query.listing("bucket");
            check(listing.maxKeys() == query.maxKeys(), "listing", parameters);
            for (String echoed : new String[] {
                query.prefix(), query.delimiter(), String.valueOf(query.marker()), String.valueOf(query.startAfter())
            }) {
                S3Url.encode(echoed, true);
            }
            Resume after = query.after();
            if (after != null && isWellFormed(after.name())) {
                check(Resume.ofToken(after.token()).equals(after), "token does not round-trip", parameters);
            }
        });
    }

    private static boolean isWellFormed(String text) {
        return text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }

    private static void check(boolean ok, String what, Map<String, String> parameters) {
        if (!ok) {
            throw new AssertionError(what + ": " + parameters);
        }
    }

    @AfterAll
    static void report() {
        METER.print();
    }
}
